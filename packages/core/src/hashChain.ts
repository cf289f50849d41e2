/**
 * The hash chain that makes the history tamper-evident (R-AUDIT-5). Each event's hash is the
 * SHA-256 of its canonical form, chained to the hash of the previous event of its stream.
 * The global position is not hashed: a history moved to another store keeps its hashes even when
 * that store numbers positions differently.
 */
import { createHash } from 'node:crypto';
import type { NewEvent } from './envelope.js';

/** The fields of an event that its hash covers. */
export type HashedEvent = NewEvent & { readonly streamId: string; readonly streamVersion: number };

/**
 * JSON with object keys sorted at every depth, so that equal values always give equal text
 * (a store such as PostgreSQL's jsonb may hand keys back in another order).
 *
 * @example
 * import { canonicalJson } from '@rapport/core';
 * canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] }); // '{"a":[{"c":3,"d":2}],"b":1}'
 */
export const canonicalJson = (value: unknown): string => {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    // JSON.stringify(undefined) is undefined; inside objects such keys are dropped, as JSON does.
    return text === undefined ? 'null' : text;
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((key) => record[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`).join(',')}}`;
};

/**
 * The canonical text of an event: its hashed fields in a fixed order.
 *
 * @example
 * import { canonicalEventText } from '@rapport/core';
 * canonicalEventText({
 *   id: '01JD00000000000000000000AA', type: 'Noted', schemaVersion: 1, data: { b: 1, a: 2 },
 *   actor: 'u1', recordedAt: '2026-11-23T09:30:00.000Z', correlationId: 'c1', causationId: null,
 *   streamId: 's1', streamVersion: 1,
 * }).startsWith('["01JD00000000000000000000AA","Noted",1,"s1",1,'); // true
 */
export const canonicalEventText = (event: HashedEvent): string =>
  `[${JSON.stringify(event.id)},${JSON.stringify(event.type)},${event.schemaVersion},${JSON.stringify(
    event.streamId,
  )},${event.streamVersion},${JSON.stringify(event.recordedAt)},${JSON.stringify(event.actor)},${JSON.stringify(
    event.correlationId,
  )},${JSON.stringify(event.causationId)},${canonicalJson(event.data)}]`;

/**
 * The chained hash of an event: SHA-256 (hex) of the previous hash (empty for the first event of
 * a stream), a newline, and the event's canonical text.
 *
 * @example
 * import { chainHash } from '@rapport/core';
 * chainHash(null, '[]').length; // 64
 */
export const chainHash = (previousHash: string | null, canonicalText: string): string =>
  createHash('sha256')
    .update(previousHash ?? '')
    .update('\n')
    .update(canonicalText)
    .digest('hex');

/**
 * The hash an event must carry, given the hash of the event before it in its stream.
 *
 * @example
 * import { hashEvent } from '@rapport/core';
 * const e = {
 *   id: '01JD00000000000000000000AA', type: 'Noted', schemaVersion: 1, data: {},
 *   actor: 'u1', recordedAt: '2026-11-23T09:30:00.000Z', correlationId: 'c1', causationId: null,
 *   streamId: 's1', streamVersion: 1,
 * };
 * hashEvent(null, e) === hashEvent(null, { ...e }); // true
 */
export const hashEvent = (previousHash: string | null, event: HashedEvent): string =>
  chainHash(previousHash, canonicalEventText(event));
