/**
 * Events for the conformance suite: valid `NewEvent`s with fresh ULIDs, so that stores sharing a
 * database across tests never see an id twice.
 */
import { monotonicFactory } from 'ulid';
import type { NewEvent, RecordedEvent } from '../../envelope.js';
import type { EventStore } from '../../eventStore.js';

const nextId = monotonicFactory();

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

export const newEvents = (count: number, overrides: Partial<NewEvent> = {}): NewEvent[] =>
  Array.from({ length: count }, (_, i) => newEvent({ data: { index: i }, ...overrides }));

let streams = 0;

/** A stream id no other test uses. */
export const freshStream = (prefix = 'stream'): string => `${prefix}-${nextId().toLowerCase()}-${++streams}`;

/** Collects every event of a store through `readAll`. */
export const readEverything = async (
  store: Pick<EventStore, 'readAll'>,
  batchSize?: number,
): Promise<RecordedEvent[]> => {
  const all: RecordedEvent[] = [];
  for await (const batch of store.readAll(batchSize === undefined ? {} : { batchSize })) all.push(...batch);
  return all;
};
