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
 * import { newEvent } from '@rapport/core/testing';
 * await store.append('s1', [newEvent({ data: { n: 1 } })]);
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
 * import { newEvents } from '@rapport/core/testing';
 * await store.append('s1', newEvents(3));
 */
export const newEvents = (count: number, overrides: Partial<NewEvent> = {}): NewEvent[] =>
  Array.from({ length: count }, (_, i) => newEvent({ data: { index: i }, ...overrides }));

let streams = 0;

/**
 * A stream id no other test uses.
 *
 * @example
 * import { freshStream } from '@rapport/core/testing';
 * const streamId = freshStream('contact'); // 'contact-01jd…-1'
 */
export const freshStream = (prefix = 'stream'): string => `${prefix}-${nextId().toLowerCase()}-${++streams}`;

/**
 * Collects every event of a store through `readAll`.
 *
 * @example
 * import { readEverything } from '@rapport/core/testing';
 * const events = await readEverything(store);
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
 * import { historyProblems, readEverything } from '@rapport/core/testing';
 * historyProblems(await readEverything(store)); // [] after appends that all went through
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
