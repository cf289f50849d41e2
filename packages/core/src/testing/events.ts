/**
 * Events for store tests: valid `NewEvent`s with fresh ULIDs, so that stores sharing a database
 * across tests (and processes) never see an id twice; every event of a store; and a check of a
 * whole history's positions and hash chains (R-AUDIT-5).
 */
import { monotonicFactory } from 'ulid';
import { brokenLink, EMPTY_HEAD, type StreamHead } from '../adapter/index.js';
import type { NewEvent, RecordedEvent } from '../envelope.js';
import type { EventStore } from '../eventStore.js';

const nextId = monotonicFactory();

/**
 * A valid new event with a fresh ULID; `overrides` replace any field.
 *
 * @example
 * import { InMemoryEventStore } from '@rapport/core';
 * import { newEvent } from '@rapport/core/testing';
 * const store = new InMemoryEventStore();
 * const { events } = await store.append('s1', [newEvent({ data: { n: 1 } })], { expectedVersion: 'no_stream' });
 * events.map((e) => [e.type, e.data]); // [['ThingNoted', { n: 1 }]]
 */
export const newEvent = (overrides: Partial<NewEvent> = {}): NewEvent => ({
  id: nextId(),
  type: 'ThingNoted',
  schemaVersion: 1,
  data: { note: 'hello' },
  actor: 'u_conformance',
  recordedAt: '2026-11-23T09:30:00.000Z',
  correlationId: 'corr-conformance',
  causationId: null,
  ...overrides,
});

/**
 * `count` new events, each with its index in its data.
 *
 * @example
 * import { InMemoryEventStore } from '@rapport/core';
 * import { newEvents } from '@rapport/core/testing';
 * const store = new InMemoryEventStore();
 * const { events } = await store.append('s1', newEvents(3), { expectedVersion: 'no_stream' });
 * events.map((e) => e.data); // [{ index: 0 }, { index: 1 }, { index: 2 }]
 */
export const newEvents = (count: number, overrides: Partial<NewEvent> = {}): NewEvent[] =>
  Array.from({ length: count }, (_, i) => newEvent({ data: { index: i }, ...overrides }));

let streams = 0;

/**
 * A stream id no other test uses.
 *
 * @example
 * import { freshStream } from '@rapport/core/testing';
 * const streamId = freshStream('contact'); // such as 'contact-01kx8w3n6r3tqf0g1yyk2ha5zc-1'
 * /^contact-[0-9a-z]{26}-\d+$/.test(streamId); // true
 * freshStream('contact') === streamId; // false
 */
export const freshStream = (prefix = 'stream'): string => `${prefix}-${nextId().toLowerCase()}-${++streams}`;

/**
 * Collects every event of a store through `readAll`.
 *
 * @example
 * import { InMemoryEventStore } from '@rapport/core';
 * import { newEvents, readEverything } from '@rapport/core/testing';
 * const store = new InMemoryEventStore();
 * await store.append('s1', newEvents(2));
 * await store.append('s2', newEvents(1));
 * const events = await readEverything(store, 2);
 * events.map((e) => `${e.streamId}@${e.globalPosition}`); // ['s1@1', 's1@2', 's2@3']
 */
export const readEverything = async (
  store: Pick<EventStore, 'readAll'>,
  batchSize?: number,
): Promise<RecordedEvent[]> => {
  const all: RecordedEvent[] = [];
  for await (const batch of store.readAll(batchSize === undefined ? {} : { batchSize })) all.push(...batch);
  return all;
};

/**
 * The problems of a history read in global order: positions not counting 1, 2, 3… without gap, or
 * a stream whose hash chain does not hold. Empty for a sound history.
 *
 * @example
 * import { InMemoryEventStore } from '@rapport/core';
 * import { historyProblems, newEvents, readEverything } from '@rapport/core/testing';
 * const store = new InMemoryEventStore();
 * await store.append('s1', newEvents(2));
 * const events = await readEverything(store);
 * historyProblems(events); // []: the appends all went through
 * historyProblems([events[1]!]); // ['position 2 found where 1 was expected', …]
 */
export const historyProblems = (events: ReadonlyArray<RecordedEvent>): ReadonlyArray<string> => {
  const problems: string[] = [];
  const heads = new Map<string, StreamHead>();
  events.forEach((event, index) => {
    if (event.globalPosition !== index + 1) {
      problems.push(`position ${event.globalPosition} found where ${index + 1} was expected`);
    }
    const broken = brokenLink(heads.get(event.streamId) ?? EMPTY_HEAD, event);
    if (broken !== undefined) problems.push(broken);
    heads.set(event.streamId, { version: event.streamVersion, hash: event.hash });
  });
  return problems;
};
