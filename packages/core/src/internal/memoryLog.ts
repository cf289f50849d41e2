/**
 * The in-memory store's data: one global array of events, one array of references per stream, and
 * a map from event id to event. Kept apart from the store so that tests can reach the stored events
 * (to tamper with them) without the store's public surface offering it.
 */
import type { RecordedEvent } from '../envelope.js';

/**
 * The events, streams, ids and snapshots of one in-memory store.
 *
 * @example
 * import { InMemoryEventStore } from '@rapport/core';
 * import { newEvents } from '@rapport/core/testing';
 * import { logOf } from './memoryLog.js';
 * const store = new InMemoryEventStore();
 * await store.append('s1', newEvents(2));
 * logOf(store).events.length; // 2
 * logOf(store).streams.get('s1')?.map((event) => event.streamVersion); // [1, 2]
 */
export class MemoryLog {
  /** Every event; the event at index i has global position i + 1. */
  readonly events: RecordedEvent[] = [];
  readonly streams = new Map<string, RecordedEvent[]>();
  readonly byId = new Map<string, RecordedEvent>();
  readonly snapshots = new Map<string, string>();
}

const logs = new WeakMap<object, MemoryLog>();

/**
 * Records the log behind a store, for `logOf`.
 *
 * @example
 * import { logOf, MemoryLog, registerLog } from './memoryLog.js';
 * const store = {};
 * const log = new MemoryLog();
 * registerLog(store, log);
 * logOf(store) === log; // true
 */
export const registerLog = (store: object, log: MemoryLog): void => {
  logs.set(store, log);
};

/**
 * The log behind an in-memory store, for tests that alter stored events.
 *
 * @example
 * import { InMemoryEventStore } from '@rapport/core';
 * import { newEvent } from '@rapport/core/testing';
 * import { logOf } from './memoryLog.js';
 * const store = new InMemoryEventStore();
 * await store.append('s1', [newEvent({ data: { note: 'hello' } })]);
 * logOf(store).events[0]?.data; // { note: 'hello' }
 * try { logOf({}); } catch (e) { (e as Error).message; } // 'not an in-memory event store'
 */
export const logOf = (store: object): MemoryLog => {
  const log = logs.get(store);
  if (log === undefined) throw new Error('not an in-memory event store');
  return log;
};
