/**
 * The rules of an append that every store applies the same way: events are decoded as `NewEvent`
 * before anything is written (R-AUDIT-1, R-AUDIT-2), expected versions are checked, and a retried
 * append is recognized by its event ids and content (idempotency).
 */
import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { IsoInstant, NonNegativeInteger } from './codecs.js';
import { decodeIssues, formatDecodeIssues } from './decoding.js';
import { isPlainObject } from './internal/canonical.js';
import { describeValue } from './internal/issues.js';
import { NewEvent, type RecordedEvent } from './envelope.js';
import { ConcurrencyError, DuplicateEventIdError, InvalidEventError, RapportError } from './errors.js';
import type { ExpectedVersion, StreamWrite } from './eventStore.js';
import { canonicalJson } from './hashChain.js';

const isNonEmptyString = (u: unknown): boolean => typeof u === 'string' && u.length > 0;

/**
 * The date part (`2026-11-23T`) of the last timestamp `IsoInstant` accepted here. `Date.parse` of
 * an instant whose date it has read is a number whenever the time is before 24:00, so an instant
 * of the same day is checked by its time alone.
 */
let lastDay: string | undefined;

const DAY_LENGTH = 11;

/** The digit at `index` of `text`, or NaN. */
const digitAt = (text: string, index: number): number => {
  const code = text.charCodeAt(index) - 48;
  return code >= 0 && code <= 9 ? code : Number.NaN;
};

/**
 * Whether `text`, after its date part, is `HH:mm:ss` before 24:00 with an optional fraction of 1–9
 * digits, then `Z`: the time part of `ISO_INSTANT` in `codecs.ts`, less 24:00, which takes the
 * general path.
 */
const isTimeBeforeMidnight = (text: string): boolean => {
  const length = text.length;
  if (length !== 20 && (length < 22 || length > 30)) return false;
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58 || text.charCodeAt(length - 1) !== 90)
    return false;
  if (!(digitAt(text, 11) * 10 + digitAt(text, 12) < 24)) return false;
  if (!(digitAt(text, 14) < 6) || !(digitAt(text, 15) >= 0)) return false;
  if (!(digitAt(text, 17) < 6) || !(digitAt(text, 18) >= 0)) return false;
  if (length === 20) return true;
  if (text.charCodeAt(19) !== 46) return false;
  for (let i = 20; i < length - 1; i++) if (!(digitAt(text, i) >= 0)) return false;
  return true;
};

/**
 * `IsoInstant.is(u)`: an event's timestamp. The events of one append usually fall on one day, so
 * after the first the pattern and `Date.parse` run only for a timestamp of another day.
 */
const isRecordedAt = (u: unknown): boolean => {
  if (typeof u !== 'string') return false;
  if (lastDay !== undefined && u.startsWith(lastDay) && isTimeBeforeMidnight(u)) return true;
  if (!IsoInstant.is(u)) return false;
  lastDay = u.slice(0, DAY_LENGTH);
  return true;
};

/**
 * Whether `NewEvent.decode(u)` succeeds, tested field by field without building its result
 * (which is `u` itself); the io-ts decoder runs only for an event that fails, to say why.
 */
const isNewEvent = (u: unknown): u is NewEvent => {
  if (!t.UnknownRecord.is(u)) return false;
  const { id, type, schemaVersion, actor, recordedAt, correlationId, causationId } = u;
  return (
    isNonEmptyString(id) &&
    isNonEmptyString(type) &&
    NonNegativeInteger.is(schemaVersion) &&
    isNonEmptyString(actor) &&
    isRecordedAt(recordedAt) &&
    isNonEmptyString(correlationId) &&
    (causationId === null || isNonEmptyString(causationId))
  );
};

/** What JSON cannot keep of a part of an event's data, or undefined when it keeps it as it is. */
const notJson = (value: unknown): string | undefined => {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return undefined;
    case 'number':
      return Number.isFinite(value) ? undefined : `the number ${String(value)}`;
    case 'object':
      if (value === null || Array.isArray(value) || isPlainObject(value)) return undefined;
      return `an instance of ${(value as { constructor?: { name?: string } }).constructor?.name ?? 'a class'}`;
    default:
      return `a value of type ${typeof value}`;
  }
};

/**
 * The first part of an event's data that would not read back as given, with its path below
 * `path` and what it is: a number that is not finite, `undefined`, a function, a symbol, a bigint,
 * a hole in an array, or an object that is not plain (a `Date`, a `Map`, a class instance).
 */
const firstNotJson = (value: unknown, path: string): { path: string; what: string } | undefined => {
  const what = notJson(value);
  if (what !== undefined) return { path, what };
  if (typeof value !== 'object' || value === null) return undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) return { path: `${path}[${i}]`, what: 'a hole' };
      const found = firstNotJson(value[i], `${path}[${i}]`);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  for (const key of Object.keys(value)) {
    const found = firstNotJson((value as Record<string, unknown>)[key], `${path}.${key}`);
    if (found !== undefined) return found;
  }
  return undefined;
};

/**
 * Throws `InvalidEventError` when an event's data holds what JSON would change (R-AUDIT-8: every
 * event the store accepts reads back as given).
 */
const checkData = (event: NewEvent, path: string): void => {
  const found = firstNotJson(event.data, `${path}.data`);
  if (found !== undefined)
    throw new InvalidEventError(
      found.path,
      `at ${found.path}: ${found.what} would not read back as given; an event's data is plain JSON (objects, arrays, strings, finite numbers, booleans, null)`,
    );
};

/** Up to this many events in a list, ids are compared pairwise rather than through a set. */
const PAIRWISE_IDS = 8;

/**
 * Decodes the events of an append; the first malformed one throws `InvalidEventError` naming its
 * path (`events[2].recordedAt`, or `writes[1].events[0].id` with a prefix), as does data JSON
 * would not keep as it is (`events[0].data.amount`: the number NaN). Two events of the
 * list with the same id throw `DuplicateEventIdError`.
 *
 * @example
 * import { decodeNewEvents } from '@rapport/core';
 * try { decodeNewEvents('s1', [{ id: '' }]); } catch (e) { (e as { code: string }).code; } // 'INVALID_EVENT'
 */
export const decodeNewEvents = (
  streamId: string,
  events: ReadonlyArray<unknown>,
  pathPrefix = 'events',
): ReadonlyArray<NewEvent> => {
  if (!Array.isArray(events)) {
    throw new InvalidEventError(pathPrefix, `at ${pathPrefix}: expected an array of events`);
  }
  const decoded = new Array<NewEvent>(events.length);
  // While the ids ascend (as a monotonic generator makes them), each differs from those before it.
  let ascending = true;
  let ids: Set<string> | undefined;
  for (let i = 0; i < events.length; i++) {
    const event = events[i];
    const valid = isNewEvent(event) ? event : decodeOrThrow(streamId, event, `${pathPrefix}[${i}]`);
    checkData(valid, `${pathPrefix}[${i}]`);
    const id = valid.id;
    if (ascending && (i === 0 || id > decoded[i - 1]!.id)) {
      decoded[i] = valid;
      continue;
    }
    ascending = false;
    if (events.length <= PAIRWISE_IDS) {
      for (let j = 0; j < i; j++) if (decoded[j]!.id === id) throw new DuplicateEventIdError(id, streamId);
    } else {
      if (ids === undefined) {
        ids = new Set<string>();
        for (let j = 0; j < i; j++) ids.add(decoded[j]!.id);
      }
      if (ids.has(id)) throw new DuplicateEventIdError(id, streamId);
      ids.add(id);
    }
    decoded[i] = valid;
  }
  return decoded;
};

/**
 * `NewEvent.decode` of an event the field-by-field check refused: throws why, with its path. An
 * accepted event is handed back as given, as the field-by-field check does: the codec only checks,
 * but its intersection copies an event whose data holds `NaN` (`NaN !== NaN`).
 */
const decodeOrThrow = (streamId: string, event: unknown, path: string): NewEvent => {
  const result = NewEvent.decode(event);
  if (E.isRight(result)) return event as NewEvent;
  const issues = decodeIssues(result.left).map((issue) => ({
    ...issue,
    path: issue.path === '' ? path : `${path}.${issue.path}`,
  }));
  throw new InvalidEventError(issues[0]?.path ?? path, formatDecodeIssues(issues), { streamId, issues });
};

/**
 * Throws `ConcurrencyError` when a stream at version `actual` does not meet `expected`, and
 * `RapportError('INVALID_EXPECTED_VERSION')` when `expected` is not a valid expected version.
 *
 * @example
 * import { checkExpectedVersion } from '@rapport/core';
 * checkExpectedVersion('s1', 'no_stream', 0); // passes
 * checkExpectedVersion('s1', 2, 2); // passes
 * try { checkExpectedVersion('s1', 'stream_exists', 0); } catch (e) { (e as { code: string }).code; } // 'CONCURRENCY_CONFLICT'
 */
export const checkExpectedVersion = (streamId: string, expected: ExpectedVersion, actual: number): void => {
  if (expected === 'any') return;
  if (expected === 'no_stream') {
    if (actual !== 0) throw new ConcurrencyError(streamId, expected, actual);
    return;
  }
  if (expected === 'stream_exists') {
    if (actual === 0) throw new ConcurrencyError(streamId, expected, actual);
    return;
  }
  if (typeof expected !== 'number' || !Number.isSafeInteger(expected) || expected < 0) {
    throw new RapportError(
      'INVALID_EXPECTED_VERSION',
      `expected version ${String(expected)} of stream "${streamId}" is not 'any', 'no_stream', 'stream_exists' or a whole number ≥ 0`,
      { streamId, expected },
    );
  }
  if (expected !== actual) throw new ConcurrencyError(streamId, expected, actual);
};

/**
 * Whether a proposed event is the same as a stored one: same id, type, schema version, metadata
 * and data (compared in canonical form). A retried append is recognized this way.
 *
 * @example
 * import { isSameEvent } from '@rapport/core';
 * import { newEvent } from '@rapport/core/testing';
 * const stored = newEvent({ data: { a: 1, b: 2 } });
 * isSameEvent({ ...stored, data: { b: 2, a: 1 } }, stored); // true: a retry, the keys in another order
 * isSameEvent({ ...stored, actor: 'bob' }, stored); // false
 */
export const isSameEvent = (proposed: NewEvent, stored: NewEvent): boolean =>
  proposed.id === stored.id &&
  proposed.type === stored.type &&
  proposed.schemaVersion === stored.schemaVersion &&
  proposed.actor === stored.actor &&
  proposed.recordedAt === stored.recordedAt &&
  proposed.correlationId === stored.correlationId &&
  proposed.causationId === stored.causationId &&
  canonicalJson(proposed.data) === canonicalJson(stored.data);

/**
 * How a store should treat one write, given what it already holds under the write's event ids
 * (`stored[i]` is the stored event with the id of `events[i]`, or undefined):
 * - `'new'`: no id is stored: check the expected version and append;
 * - `'retry'`: every id is stored in this stream with the same content: store nothing and return
 *   the stored events (whatever the expected version);
 * - otherwise `DuplicateEventIdError`: an id is stored with other content or in another stream,
 *   or only some of the ids are stored (the write is then not a retry of an earlier append, and
 *   its stored ids are reused).
 *
 * @example
 * import { classifyWrite } from '@rapport/core';
 * classifyWrite('s1', [], []); // 'new'
 */
export const classifyWrite = (
  streamId: string,
  events: ReadonlyArray<NewEvent>,
  stored: ReadonlyArray<RecordedEvent | undefined>,
): 'new' | 'retry' => {
  let found = 0;
  for (let i = 0; i < events.length; i++) {
    const existing = stored[i];
    if (existing === undefined) continue;
    const event = events[i]!;
    if (existing.streamId !== streamId || !isSameEvent(event, existing)) {
      throw new DuplicateEventIdError(event.id, streamId);
    }
    found++;
  }
  if (found === 0) return 'new';
  if (found === events.length) return 'retry';
  const firstOld = events.find((_, i) => stored[i] !== undefined)!;
  throw new DuplicateEventIdError(firstOld.id, streamId);
};

/**
 * Checks the shape of an `appendMany` call: a list of writes, each naming a stream once.
 * Throws `InvalidEventError` otherwise.
 *
 * @example
 * import { checkWrites } from '@rapport/core';
 * checkWrites([{ streamId: 'a', expectedVersion: 'any', events: [] }]); // passes
 */
export const checkWrites = (writes: ReadonlyArray<StreamWrite>): void => {
  if (!Array.isArray(writes))
    throw new InvalidEventError('writes', 'at writes: expected an array of stream writes');
  const streams = new Set<string>();
  writes.forEach((write, i) => {
    checkStreamId(write?.streamId, `writes[${i}].streamId`);
    if (streams.has(write.streamId)) {
      throw new InvalidEventError(
        `writes[${i}].streamId`,
        `at writes[${i}].streamId: stream "${write.streamId}" is written twice in one appendMany`,
      );
    }
    streams.add(write.streamId);
  });
};

/**
 * Throws `InvalidEventError` unless `streamId` is a non-empty string.
 *
 * @example
 * import { checkStreamId } from '@rapport/core';
 * checkStreamId('contact-1'); // passes
 */
export function checkStreamId(streamId: unknown, path = 'streamId'): asserts streamId is string {
  if (typeof streamId !== 'string' || streamId.length === 0) {
    throw new InvalidEventError(
      path,
      `at ${path}: expected a non-empty string, got ${describeValue(streamId)}`,
    );
  }
}
