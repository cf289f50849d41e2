/**
 * Append planning for stores over a database, the pure part of an append: given what the store
 * holds for the streams and event ids involved (read inside the write transaction), decide what to
 * insert or which error to throw. The rules
 * themselves (decoding, expected versions, retries) are the kernel's, shared by every store
 * (R-AUDIT-1: all or nothing; R-AUDIT-2: the envelope is kept; R-AUDIT-5: each new event is
 * chained to the last hash of its stream).
 */
import {
  checkExpectedVersion,
  checkStreamId,
  checkWrites,
  classifyWrite,
  decodeNewEvents,
} from '../appendRules.js';
import type { NewEvent, RecordedEvent } from '../envelope.js';
import { DuplicateEventIdError, InvalidEventError } from '../errors.js';
import type { AppendResult, StreamWrite } from '../eventStore.js';
import { canonicalJson, chainHash } from '../hashChain.js';
import { canonicalFrozenCopy, hashedEnvelopeFields } from '../internal/canonical.js';

/**
 * The last event of a stream as the store holds it: version 0 and a null hash for no event.
 *
 * @example
 * import type { StreamHead } from '@rapport/core/adapter';
 * const head: StreamHead = { version: 3, hash: 'ab12…' };
 */
export interface StreamHead {
  readonly version: number;
  readonly hash: string | null;
}

/**
 * The head of a stream with no event.
 *
 * @example
 * import { EMPTY_HEAD } from '@rapport/core/adapter';
 * EMPTY_HEAD.version; // 0
 */
export const EMPTY_HEAD: StreamHead = { version: 0, hash: null };

/**
 * An append checked and decoded, before the store is read: what `checkAppend` returns.
 *
 * @example
 * import { checkAppend, type CheckedWrite } from '@rapport/core/adapter';
 * const checked: ReadonlyArray<CheckedWrite> = checkAppend([{ streamId: 's1', expectedVersion: 'any', events: [] }], false);
 */
export interface CheckedWrite {
  readonly write: StreamWrite;
  /** The events, each with a copy of its data in canonical form (keys sorted). */
  readonly events: ReadonlyArray<NewEvent>;
  /** The canonical JSON text of each event's data, in the order of `events`: what its hash covers. */
  readonly dataTexts: ReadonlyArray<string>;
}

/**
 * What the store holds, read inside the write transaction before planning.
 *
 * @example
 * import type { StoredState } from '@rapport/core/adapter';
 * const empty: StoredState = { heads: new Map(), byId: new Map(), firstPosition: 1 };
 */
export interface StoredState {
  readonly heads: ReadonlyMap<string, StreamHead>;
  /** The stored events whose ids appear in the writes. */
  readonly byId: ReadonlyMap<string, RecordedEvent>;
  /** The global position the first inserted event takes. */
  readonly firstPosition: number;
}

/**
 * What an append stores and returns: `planAppend`'s answer.
 *
 * @example
 * import { checkAppend, planAppend, type AppendPlan } from '@rapport/core/adapter';
 * const plan: AppendPlan = planAppend(checkAppend([], false), { heads: new Map(), byId: new Map(), firstPosition: 1 });
 * plan.inserts.length; // 0
 */
export interface AppendPlan {
  readonly results: ReadonlyArray<AppendResult>;
  /** The events to insert, in global order. */
  readonly inserts: ReadonlyArray<RecordedEvent>;
  /**
   * The canonical JSON text of each insert's data, in the order of `inserts`: the text its hash
   * covers, for the store's `data` column, so that the data is not serialized again.
   */
  readonly insertTexts: ReadonlyArray<string>;
}

/** Event data in canonical form (keys sorted) and its JSON text, the text its hash covers. */
interface CanonicalData {
  readonly data: unknown;
  readonly text: string;
}

/**
 * The canonical form of an event's data and its text; data that JSON cannot hold is refused.
 * Plain JSON data is copied, sorted and frozen in one walk and written in one call; anything else
 * (a date, an `undefined` field, a key JavaScript orders apart) takes the general path through
 * `canonicalJson`, and the data is then the parse of that text.
 */
const canonicalData = (event: NewEvent, path: string): CanonicalData => {
  try {
    const copy = canonicalFrozenCopy(event.data);
    if (copy !== undefined) return { data: copy, text: JSON.stringify(copy) };
    const text = canonicalJson(event.data);
    return { data: JSON.parse(text) as unknown, text };
  } catch {
    throw new InvalidEventError(`${path}.data`, `at ${path}.data: the data of event ${event.id} is not JSON`);
  }
};

/**
 * Checks and decodes the writes of an append before anything is read: the shape of the call, each
 * event as a `NewEvent`, no id twice. Throws `InvalidEventError` or `DuplicateEventIdError`.
 * `single` names paths as `append` does (`events[0]`) rather than `appendMany` (`writes[0].events[0]`).
 *
 * @example
 * import { checkAppend } from '@rapport/core/adapter';
 * import { newEvent } from '@rapport/core/testing';
 * try { checkAppend([{ streamId: 's1', expectedVersion: 'any', events: [newEvent({ id: '' })] }], true); }
 * catch (e) { (e as { code: string; path: string }).path; } // 'events[0].id'
 */
export const checkAppend = (
  writes: ReadonlyArray<StreamWrite>,
  single: boolean,
): ReadonlyArray<CheckedWrite> => {
  checkWrites(writes);
  // Ids repeated within one write are refused by `decodeNewEvents`; across writes, here.
  const ids = writes.length > 1 ? new Set<string>() : undefined;
  return writes.map((write, index) => {
    checkStreamId(write.streamId, single ? 'streamId' : `writes[${index}].streamId`);
    const path = single ? 'events' : `writes[${index}].events`;
    const decoded = decodeNewEvents(write.streamId, write.events, path);
    const events: NewEvent[] = [];
    const dataTexts: string[] = [];
    for (let position = 0; position < decoded.length; position++) {
      const event = decoded[position]!;
      const { data, text } = canonicalData(event, `${path}[${position}]`);
      events.push({
        id: event.id,
        type: event.type,
        schemaVersion: event.schemaVersion,
        data,
        actor: event.actor,
        recordedAt: event.recordedAt,
        correlationId: event.correlationId,
        causationId: event.causationId,
      });
      dataTexts.push(text);
    }
    if (ids !== undefined) {
      for (const event of events) {
        if (ids.has(event.id)) throw new DuplicateEventIdError(event.id, write.streamId);
        ids.add(event.id);
      }
    }
    return { write, events, dataTexts };
  });
};

const NONE_STORED: ReadonlyArray<RecordedEvent | undefined> = [];

/** The fields of an event that its hash covers, but its data. */
type HashedEnvelope = Omit<NewEvent, 'data'> & { readonly streamId: string; readonly streamVersion: number };

/**
 * The canonical text of an event whose data text is known: the envelope fields in one
 * `JSON.stringify` and the data text after them. Equal to `canonicalEventText` of the event
 * (whose last element is the data's canonical text), without writing the data again.
 */
const eventTextWithData = (event: HashedEnvelope, dataText: string): string => {
  const envelope = JSON.stringify(hashedEnvelopeFields(event));
  return `${envelope.slice(0, -1)},${dataText}]`;
};

const record = (
  event: NewEvent,
  dataText: string,
  streamId: string,
  streamVersion: number,
  previousHash: string | null,
  globalPosition: number,
): RecordedEvent => {
  // Built once and its hash set last: the text the hash covers reads only the envelope fields.
  const recorded = {
    id: event.id,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    actor: event.actor,
    recordedAt: event.recordedAt,
    correlationId: event.correlationId,
    causationId: event.causationId,
    streamId,
    streamVersion,
    globalPosition,
    previousHash,
    hash: '',
  };
  recorded.hash = chainHash(previousHash, eventTextWithData(recorded, dataText));
  return recorded;
};

/**
 * Plans an append of checked writes against the stored state. Throws `ConcurrencyError` or
 * `DuplicateEventIdError`, and nothing is planned then. A call whose every event is already
 * stored is a retry: it returns the stored events and its guards are not checked again.
 *
 * @example
 * import { checkAppend, planAppend } from '@rapport/core/adapter';
 * const event = { id: '01JD00000000000000000000AA', type: 'Noted', schemaVersion: 1, data: {}, actor: 'u',
 *   recordedAt: '2026-11-23T09:30:00.000Z', correlationId: 'c', causationId: null };
 * const checked = checkAppend([{ streamId: 's1', expectedVersion: 'no_stream', events: [event] }], false);
 * const plan = planAppend(checked, { heads: new Map(), byId: new Map(), firstPosition: 1 });
 * plan.inserts[0]?.streamVersion; // 1, chained to a null previous hash
 */
export const planAppend = (checked: ReadonlyArray<CheckedWrite>, state: StoredState): AppendPlan => {
  const classified = checked.map(({ write, events, dataTexts }) => {
    // With no stored event, `stored[i]` is undefined for every event.
    const stored = state.byId.size === 0 ? NONE_STORED : events.map((event) => state.byId.get(event.id));
    return { write, events, dataTexts, stored, kind: classifyWrite(write.streamId, events, stored) };
  });
  const isRetry =
    classified.some((plan) => plan.kind === 'retry') &&
    classified.every((plan) => plan.kind === 'retry' || plan.events.length === 0);
  if (!isRetry) {
    for (const plan of classified) {
      if (plan.kind === 'new') {
        const head = state.heads.get(plan.write.streamId) ?? EMPTY_HEAD;
        checkExpectedVersion(plan.write.streamId, plan.write.expectedVersion, head.version);
      }
    }
  }
  const inserts: RecordedEvent[] = [];
  const insertTexts: string[] = [];
  const results = classified.map((plan): AppendResult => {
    const streamId = plan.write.streamId;
    if (plan.kind === 'retry') {
      const stored = plan.stored as ReadonlyArray<RecordedEvent>;
      return { streamId, nextExpectedVersion: stored[stored.length - 1]?.streamVersion ?? 0, events: stored };
    }
    const head = state.heads.get(streamId) ?? EMPTY_HEAD;
    let version = head.version;
    let hash = head.hash;
    const events = plan.events.map((event, index) => {
      const dataText = plan.dataTexts[index]!;
      version += 1;
      const recorded = record(event, dataText, streamId, version, hash, state.firstPosition + inserts.length);
      inserts.push(recorded);
      insertTexts.push(dataText);
      hash = recorded.hash;
      return recorded;
    });
    return { streamId, nextExpectedVersion: version, events };
  });
  return { results, inserts, insertTexts };
};
