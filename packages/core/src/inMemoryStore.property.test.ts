import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyWrite } from './appendRules.js';
import type { NewEvent, RecordedEvent } from './envelope.js';
import { InMemoryEventStore } from './inMemoryStore.js';
import { newEvent } from './testing/index.js';

/** An append of a few events, their ids from a small set so that retries and reused ids occur. */
const appendArb = fc.record({
  stream: fc.constantFrom('s1', 's2'),
  ids: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'), {
    minLength: 1,
    maxLength: 4,
  }),
  note: fc.constantFrom('x', 'y'),
});

describe('InMemoryEventStore', () => {
  it('treats an append as new, a retry or a reused id exactly as classifyWrite says of what it holds', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(appendArb, { maxLength: 12 }), async (appends) => {
        const store = new InMemoryEventStore();
        const stored = new Map<string, RecordedEvent>();
        for (const { stream, ids, note } of appends) {
          const events: NewEvent[] = ids.map((id) => newEvent({ id, data: { note } }));
          let expected: 'new' | 'retry' | 'DUPLICATE_EVENT_ID';
          try {
            expected = classifyWrite(
              stream,
              events,
              events.map((event) => stored.get(event.id)),
            );
          } catch {
            expected = 'DUPLICATE_EVENT_ID';
          }
          const outcome = await store.append(stream, events).then(
            (result) => result,
            (error: { code: string }) => error.code,
          );
          if (expected === 'DUPLICATE_EVENT_ID') {
            expect(outcome).toBe('DUPLICATE_EVENT_ID');
          } else if (expected === 'retry') {
            expect(outcome).toMatchObject({ events: ids.map((id) => stored.get(id)) });
          } else {
            expect(typeof outcome).toBe('object');
            for (const event of (outcome as { events: ReadonlyArray<RecordedEvent> }).events) {
              stored.set(event.id, event);
            }
          }
        }
        expect(await store.headPosition()).toBe(stored.size);
      }),
      { numRuns: 300 },
    );
  });
});
