/**
 * The in-memory store's data: one global array of events, one array of references per stream, and
 * a map from event id to event. Kept apart from the store so that tests can reach the stored events
 * (to tamper with them) without the store's public surface offering it.
 */
import type { RecordedEvent } from '../envelope.js';

export class MemoryLog {
  /** Every event; the event at index i has global position i + 1. */
  readonly events: RecordedEvent[] = [];
  readonly streams = new Map<string, RecordedEvent[]>();
  readonly byId = new Map<string, RecordedEvent>();
  readonly snapshots = new Map<string, string>();
}

const logs = new WeakMap<object, MemoryLog>();

export const registerLog = (store: object, log: MemoryLog): void => {
  logs.set(store, log);
};

/** The log behind an in-memory store, for tests that alter stored events. */
export const logOf = (store: object): MemoryLog => {
  const log = logs.get(store);
  if (log === undefined) throw new Error('not an in-memory event store');
  return log;
};
