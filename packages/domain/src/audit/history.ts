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

/**
 * Reads the domain events of a store in global order, up to a point when one is given.
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
  const unreadable: Rejection[] = [];
  const until = options.until;
  let position = options.after ?? 0;
  let read = 0;
  reading: for await (const batch of store.readAll({
    ...(until !== undefined && 'position' in until ? { to: until.position } : {}),
    ...(options.after === undefined ? {} : { after: options.after }),
  })) {
    for (const stored of batch) {
      if (until !== undefined && 'time' in until && Date.parse(stored.recordedAt) > Date.parse(until.time))
        break reading;
      const decoded = decodeRecordedEvent(stored);
      if (decoded._tag === 'Right') events.push(decoded.right);
      else unreadable.push(decoded.left);
      position = stored.globalPosition;
    }
    read += batch.length;
    options.onProgress?.(read);
  }
  return { events, unreadable, position };
};
