/**
 * The in-memory store's data: one global array of events, one array of references per stream, and
 * an index of the events by id. Kept apart from the store so that tests can reach the stored events
 * (to tamper with them) without the store's public surface offering it.
 */
import type { RecordedEvent } from '../envelope.js';

/**
 * The events, streams, ids and snapshots of one in-memory store.
 *
 * Ids made by one generator of monotonic ULIDs ascend, so the index keeps them without hashing:
 * an event whose id is greater than every id before it is noted by its index in `events` in an
 * ascending list (one comparison; a lookup is a binary search), and only the other events go into
 * a map. A new id, the common case, is then told apart by one comparison with the greatest id.
 *
 * @example
 * import { InMemoryEventStore } from '@rapport/core';
 * import { newEvents } from '@rapport/core/testing';
 * import { logOf } from './memoryLog.js';
 * const store = new InMemoryEventStore();
 * const events = newEvents(2);
 * await store.append('s1', events);
 * logOf(store).events.length; // 2
 * logOf(store).streams.get('s1')?.map((event) => event.streamVersion); // [1, 2]
 * logOf(store).eventById(events[1]!.id)?.streamVersion; // 2
 */
export class MemoryLog {
  /** Every event; the event at index i has global position i + 1. */
  readonly events: RecordedEvent[] = [];
  readonly streams = new Map<string, RecordedEvent[]>();
  readonly snapshots = new Map<string, string>();
  /** Indexes in `events` of the events whose id was greater than every id stored before them. */
  readonly #ascending: number[] = [];
  /** The index in `events` of every other event, by id. */
  readonly #others = new Map<string, number>();
  /** The greatest id stored; undefined while the log is empty. */
  #greatestId: string | undefined = undefined;

  /**
   * Whether no stored event has this id because it is greater than every stored id: the common
   * case of a new id, told in one comparison. False does not mean that the id is stored.
   */
  isAboveEveryId(id: string): boolean {
    return this.#greatestId === undefined || id > this.#greatestId;
  }

  /** The stored event with this id, if any. */
  eventById(id: string): RecordedEvent | undefined {
    if (this.isAboveEveryId(id)) return undefined;
    const other = this.#others.get(id);
    if (other !== undefined) return this.events[other];
    const events = this.events;
    const ascending = this.#ascending;
    let low = 0;
    let high = ascending.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const event = events[ascending[middle]!];
      if (event === undefined) return undefined;
      if (event.id === id) return event;
      if (event.id < id) low = middle + 1;
      else high = middle - 1;
    }
    return undefined;
  }

  /** Adds an event whose id is not stored at the end of the log and of its stream's array. */
  add(event: RecordedEvent, stream: RecordedEvent[]): void {
    const index = this.events.length;
    this.events.push(event);
    stream.push(event);
    if (this.isAboveEveryId(event.id)) {
      this.#ascending.push(index);
      this.#greatestId = event.id;
    } else {
      this.#others.set(event.id, index);
    }
  }
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
