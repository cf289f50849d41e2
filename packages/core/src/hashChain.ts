/**
 * The hash chain that makes the history tamper-evident (R-AUDIT-5). Each event's hash is the
 * SHA-256 of its canonical form, chained to the hash of the previous event of its stream.
 * The global position is not hashed: a history moved to another store keeps its hashes even when
 * that store numbers positions differently.
 */
import * as crypto from 'node:crypto';
import { createHash } from 'node:crypto';
import type { NewEvent } from './envelope.js';
import { isCanonicalJsonValue, plainEventText } from './internal/canonical.js';

/** `crypto.hash` (Node ≥ 20.12), about twice as fast as `createHash` for one short text. */
const oneShotHash = (crypto as { hash?: (algorithm: string, data: string, encoding: 'hex') => string }).hash;

/** The fields of an event that its hash covers. */
export type HashedEvent = NewEvent & { readonly streamId: string; readonly streamVersion: number };

/**
 * JSON with object keys sorted at every depth, so that equal values always give equal text
 * (a store such as PostgreSQL's jsonb may hand keys back in another order).
 *
 * For the JSON values events hold (decoded by their codecs), this is the JSON Canonicalization
 * Scheme of RFC 8785: keys sorted by UTF-16 code units (`Array.prototype.sort`'s order), numbers
 * and strings as `JSON.stringify` writes them. It is kept here rather than taken from the
 * `canonicalize` package because every stored hash depends on its exact bytes (a library's change
 * would break every existing store's chain), and because the hot paths of appending and
 * verifying need what `internal/canonical.ts` adds: a check that most event data is already
 * canonical, so that one `JSON.stringify` call does.
 *
 * @example
 * import { canonicalJson } from '@rapport/core';
 * canonicalJson({ b: 1, a: [{ d: 2, c: 3 }] }); // '{"a":[{"c":3,"d":2}],"b":1}'
 */
export const canonicalJson = (value: unknown): string =>
  isCanonicalJsonValue(value) ? JSON.stringify(value) : generalJson(value);

/** `canonicalJson` for any value, key by key. */
const generalJson = (value: unknown): string => {
  if (value === null || typeof value !== 'object') {
    const text = JSON.stringify(value);
    // JSON.stringify(undefined) is undefined; inside objects such keys are dropped, as JSON does.
    return text === undefined ? 'null' : text;
  }
  // Loops and string concatenation rather than map/join: verification hashes every stored event.
  if (Array.isArray(value)) {
    let text = '[';
    for (let i = 0; i < value.length; i++)
      text += i === 0 ? canonicalJson(value[i]) : `,${canonicalJson(value[i])}`;
    return `${text}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let text = '{';
  let first = true;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    const field = record[key];
    if (field === undefined) continue;
    text += `${first ? '' : ','}${JSON.stringify(key)}:${canonicalJson(field)}`;
    first = false;
  }
  return `${text}}`;
};

/** The canonical text of any event, piece by piece: what `plainEventText` gives in one call. */
const generalEventText = (event: HashedEvent): string =>
  `[${JSON.stringify(event.id)},${JSON.stringify(event.type)},${event.schemaVersion},${JSON.stringify(
    event.streamId,
  )},${event.streamVersion},${JSON.stringify(event.recordedAt)},${JSON.stringify(event.actor)},${JSON.stringify(
    event.correlationId,
  )},${JSON.stringify(event.causationId)},${canonicalJson(event.data)}]`;

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
  plainEventText(event, false) ?? generalEventText(event);

/**
 * The chained hash of an event: SHA-256 (hex) of the previous hash (empty for the first event of
 * a stream), a newline, and the event's canonical text.
 *
 * @example
 * import { chainHash } from '@rapport/core';
 * chainHash(null, '[]').length; // 64
 */
export const chainHash = (previousHash: string | null, canonicalText: string): string =>
  // Stryker disable all: the way of Node before 20.12, which has no crypto.hash; the Node that runs
  // the tests takes the other, and both give one hash.
  oneShotHash === undefined
    ? createHash('sha256')
        .update(previousHash ?? '')
        .update('\n')
        .update(canonicalText)
        .digest('hex')
    : // Stryker restore all
      oneShotHash('sha256', `${previousHash ?? ''}\n${canonicalText}`, 'hex');

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
