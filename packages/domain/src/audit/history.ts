/**
 * Reading a store's history for audit: the domain events up to a point (a global position or a
 * point in time), with every stored event that cannot be read as a domain event reported rather
 * than skipped in silence (R-AUDIT-3).
 */
import * as t from 'io-ts';
import { IsoInstant, NonNegativeInteger, type EventStore, type Rejection } from '@rapport/core';
import { decodeRecordedEvent, type RecordedDomainEvent } from '../events.js';

/**
 * A point of the history: a global position (everything up to it, inclusive) or a point in time
 * (everything recorded at or before it, in global order, up to the first event recorded later).
 *
 * @example
 * import { HistoryPoint } from '@rapport/domain';
 * HistoryPoint.is({ position: 12 }); // true
 * HistoryPoint.is({ time: '2026-11-23T09:30:00.000Z' }); // true
 */
export const HistoryPoint = t.union(
  [t.type({ position: NonNegativeInteger }), t.type({ time: IsoInstant })],
  'HistoryPoint',
);
export type HistoryPoint = t.TypeOf<typeof HistoryPoint>;

/** The domain events read, and the stored events that could not be read as domain events. */
export interface History {
  readonly events: ReadonlyArray<RecordedDomainEvent>;
  readonly unreadable: ReadonlyArray<Rejection>;
  /** The global position the history reaches: the last event included, 0 for none. */
  readonly position: number;
}

/** What `readHistory` reads: the whole store, or up to a point. */
export interface ReadHistoryOptions {
  readonly until?: HistoryPoint;
  /** Start after this global position (a snapshot's checkpoint); default from the beginning. */
  readonly after?: number;
  /** Called after each batch with the number of stored events read so far. */
  readonly onProgress?: (read: number) => void;
}

/** One batch of a history as it is read: its domain events and what could not be read. */
export interface HistoryBatch {
  readonly events: ReadonlyArray<RecordedDomainEvent>;
  readonly unreadable: ReadonlyArray<Rejection>;
  /** The global position the history reaches with this batch. */
  readonly position: number;
  /** Stored events read so far, this batch included. */
  readonly read: number;
}

/**
 * The domain events of a store in global order, up to a point when one is given, a batch at a
 * time as the store hands them over: a reader that folds each batch and lets it go holds no more
 * of the history than one batch, however long the history is.
 *
 * @example
 * import { InMemoryEventStore } from '@rapport/core';
 * import { historyBatches } from '@rapport/domain';
 * let events = 0;
 * for await (const batch of historyBatches(new InMemoryEventStore())) events += batch.events.length;
 * events; // 0
 */
export async function* historyBatches(
  store: Pick<EventStore, 'readAll'>,
  options: Omit<ReadHistoryOptions, 'onProgress'> = {},
): AsyncGenerator<HistoryBatch, void, undefined> {
  const until = options.until;
  let position = options.after ?? 0;
  let read = 0;
  for await (const batch of store.readAll({
    ...(until !== undefined && 'position' in until ? { to: until.position } : {}),
    ...(options.after === undefined ? {} : { after: options.after }),
  })) {
    const events: RecordedDomainEvent[] = [];
    const unreadable: Rejection[] = [];
    let ended = false;
    for (const stored of batch) {
      if (until !== undefined && 'time' in until && Date.parse(stored.recordedAt) > Date.parse(until.time)) {
        ended = true;
        break;
      }
      const decoded = decodeRecordedEvent(stored);
      if (decoded._tag === 'Right') events.push(decoded.right);
      else unreadable.push(decoded.left);
      position = stored.globalPosition;
    }
    read += batch.length;
    yield { events, unreadable, position, read };
    if (ended) return;
  }
}

/** What folding a history leaves besides what it was folded into. */
export interface HistoryFolded {
  readonly unreadable: ReadonlyArray<Rejection>;
  /** The global position the history reaches: the last event included, 0 for none. */
  readonly position: number;
}

/**
 * Folds the domain events of a store, a batch at a time (`historyBatches`), into what `fold` keeps,
 * and gives what could not be read and how far the history reaches; `onProgress` hears each batch.
 *
 * @example
 * import { InMemoryEventStore } from '@rapport/core';
 * import { foldHistory } from './history.js';
 * let events = 0;
 * await foldHistory(new InMemoryEventStore(), {}, (batch) => (events += batch.length)); // { unreadable: [], position: 0 }
 * events; // 0
 */
export const foldHistory = async (
  store: Pick<EventStore, 'readAll'>,
  options: ReadHistoryOptions,
  fold: (events: ReadonlyArray<RecordedDomainEvent>) => void,
): Promise<HistoryFolded> => {
  const unreadable: Rejection[] = [];
  let position = options.after ?? 0;
  for await (const batch of historyBatches(store, options)) {
    fold(batch.events);
    unreadable.push(...batch.unreadable);
    position = batch.position;
    options.onProgress?.(batch.read);
  }
  return { unreadable, position };
};

/**
 * Reads the domain events of a store in global order, up to a point when one is given, and keeps
 * them all: for a history to hold in memory (a reader of a long one folds `historyBatches`).
 *
 * @example
 * import { InMemoryEventStore } from '@rapport/core';
 * import { readHistory } from '@rapport/domain';
 * const history = await readHistory(new InMemoryEventStore(), { until: { position: 10 } });
 * history.events.length; // 0
 */
export const readHistory = async (
  store: Pick<EventStore, 'readAll'>,
  options: ReadHistoryOptions = {},
): Promise<History> => {
  const events: RecordedDomainEvent[] = [];
  const folded = await foldHistory(store, options, (batch) => events.push(...batch));
  return { events, ...folded };
};
