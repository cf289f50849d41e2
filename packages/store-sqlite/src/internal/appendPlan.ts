/**
 * The pure part of an append: given what the store holds for the streams and event ids involved,
 * decide what to insert, or which error to throw (R-AUDIT-1: all or nothing; R-AUDIT-5: each new
 * event is chained to the last hash of its stream).
 */
import {
  canonicalJson,
  ConcurrencyError,
  DuplicateEventIdError,
  hashEvent,
  type AppendResult,
  type ExpectedVersion,
  type NewEvent,
  type RecordedEvent,
  type StreamWrite,
} from '@rapport/core';

/** The last event of a stream as the store holds it: version 0 and a null hash for no event. */
export interface StreamHead {
  readonly version: number;
  readonly hash: string | null;
}

export const EMPTY_HEAD: StreamHead = { version: 0, hash: null };

export interface AppendPlan {
  readonly results: ReadonlyArray<AppendResult>;
  /** The events to insert, in global order. */
  readonly inserts: ReadonlyArray<RecordedEvent>;
}

/** What the store holds, read inside the write transaction before planning. */
export interface StoredState {
  readonly heads: ReadonlyMap<string, StreamHead>;
  /** The stored events whose ids appear in the writes. */
  readonly byId: ReadonlyMap<string, RecordedEvent>;
  /** The global position the first inserted event takes. */
  readonly firstPosition: number;
}

const contentOf = (event: NewEvent): string =>
  canonicalJson({
    id: event.id,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    actor: event.actor,
    recordedAt: event.recordedAt,
    correlationId: event.correlationId,
    causationId: event.causationId,
  });

const versionMatches = (expected: ExpectedVersion, actual: number): boolean => {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === 0;
    case 'stream_exists':
      return actual > 0;
    default:
      return actual === expected;
  }
};

/**
 * A write whose every event id is already stored, in that stream, with the same content and in
 * the same order, is a retry: its result is the stored events. Returns undefined when no id of the
 * write is stored; throws `DuplicateEventIdError` when some are stored but it is not a retry.
 */
const replayedResult = (
  write: StreamWrite,
  byId: ReadonlyMap<string, RecordedEvent>,
): AppendResult | undefined => {
  const stored = write.events.map((event) => byId.get(event.id));
  if (stored.every((event) => event === undefined)) return undefined;
  write.events.forEach((event, index) => {
    const previous = stored[index];
    const before = index === 0 ? undefined : stored[index - 1];
    const isSameEvent =
      previous !== undefined &&
      previous.streamId === write.streamId &&
      contentOf(previous) === contentOf(event) &&
      (before === undefined || previous.streamVersion === before.streamVersion + 1);
    if (!isSameEvent) throw new DuplicateEventIdError(event.id, write.streamId);
  });
  const events = stored as ReadonlyArray<RecordedEvent>;
  const last = events[events.length - 1];
  return { streamId: write.streamId, nextExpectedVersion: last?.streamVersion ?? 0, events };
};

/** Ids that appear more than once among the writes of one append. */
const assertIdsUnique = (writes: ReadonlyArray<StreamWrite>): void => {
  const seen = new Set<string>();
  for (const write of writes) {
    for (const event of write.events) {
      if (seen.has(event.id)) throw new DuplicateEventIdError(event.id, write.streamId);
      seen.add(event.id);
    }
  }
};

/**
 * Plans an append of several writes, applied in order (two writes on one stream see each other).
 * Throws `ConcurrencyError` or `DuplicateEventIdError`; nothing is planned then.
 */
export const planAppend = (writes: ReadonlyArray<StreamWrite>, state: StoredState): AppendPlan => {
  assertIdsUnique(writes);
  const heads = new Map(state.heads);
  const inserts: RecordedEvent[] = [];
  const results = writes.map((write): AppendResult => {
    const replayed = replayedResult(write, state.byId);
    if (replayed !== undefined) return replayed;
    const head = heads.get(write.streamId) ?? EMPTY_HEAD;
    if (!versionMatches(write.expectedVersion, head.version)) {
      throw new ConcurrencyError(write.streamId, write.expectedVersion, head.version);
    }
    let previous = head;
    const events = write.events.map((event): RecordedEvent => {
      const placed = {
        id: event.id,
        type: event.type,
        schemaVersion: event.schemaVersion,
        data: event.data,
        actor: event.actor,
        recordedAt: event.recordedAt,
        correlationId: event.correlationId,
        causationId: event.causationId,
        streamId: write.streamId,
        streamVersion: previous.version + 1,
      };
      const hash = hashEvent(previous.hash, placed);
      const recorded: RecordedEvent = {
        ...placed,
        globalPosition: state.firstPosition + inserts.length,
        previousHash: previous.hash,
        hash,
      };
      inserts.push(recorded);
      previous = { version: placed.streamVersion, hash };
      return recorded;
    });
    heads.set(write.streamId, previous);
    return { streamId: write.streamId, nextExpectedVersion: previous.version, events };
  });
  return { results, inserts };
};
