import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anchorOf, checkAnchor, type HistoryAnchor } from './anchor.js';
import type { RecordedEvent } from './envelope.js';
import type { EventStore, ReadAllOptions } from './eventStore.js';
import { InMemoryEventStore } from './inMemoryStore.js';
import { newEvents } from './testing/index.js';
import { verifyStore } from './verify.js';

/** A history of `count` events over two streams, as the in-memory store records them. */
const recorded = async (count: number): Promise<RecordedEvent[]> => {
  const store = new InMemoryEventStore();
  for (const [i, event] of newEvents(count).entries()) await store.append(`s${i % 2}`, [event]);
  const events: RecordedEvent[] = [];
  for await (const batch of store.readAll()) events.push(...batch);
  return events;
};

/** A store that reads the given events, as a database would after rows were changed behind its back. */
const over = (events: ReadonlyArray<RecordedEvent>): Pick<EventStore, 'readAll' | 'headPosition'> => ({
  readAll: (options: ReadAllOptions = {}) => ({
    async *[Symbol.asyncIterator]() {
      yield events.filter(
        (event) =>
          event.globalPosition > (options.after ?? 0) && event.globalPosition <= (options.to ?? Infinity),
      );
    },
  }),
  headPosition: () => Promise.resolve(events.at(-1)?.globalPosition ?? 0),
});

const anchorFor = async (events: ReadonlyArray<RecordedEvent>): Promise<HistoryAnchor> => {
  const anchor = await anchorOf(over(events));
  if (anchor === null) throw new Error('no anchor of an empty history');
  return anchor;
};

describe('anchors', () => {
  it('R-AUDIT-5: an anchor names the last event; the history still holds it after more events', async () => {
    const events = await recorded(6);
    const anchor = await anchorFor(events.slice(0, 4));
    expect(anchor).toEqual({ globalPosition: 4, eventId: events[3]!.id, hash: events[3]!.hash });
    expect(await checkAnchor(over(events), anchor)).toMatchObject({
      ok: true,
      found: { eventId: events[3]!.id },
    });
    expect(await anchorOf(over([]))).toBeNull();
  });

  it("R-AUDIT-5: the store's own last events removed fail the anchor, though verification cannot see it", async () => {
    const events = await recorded(6);
    const anchor = await anchorFor(events);
    const cut = events.slice(0, 4);
    expect((await verifyStore(over(cut))).ok).toBe(true);
    expect(await checkAnchor(over(cut), anchor)).toMatchObject({
      ok: false,
      found: null,
      message:
        'the history ends at position 4, before the anchored position 6: events were removed from its end',
    });
  });

  it('R-AUDIT-5: another event at the anchored position, or positions closed up after a removal, fail the anchor', async () => {
    const events = await recorded(6);
    const anchor = await anchorFor(events);
    const rewritten = [...events.slice(0, 5), { ...events[5]!, hash: events[4]!.hash }];
    expect((await checkAnchor(over(rewritten), anchor)).ok).toBe(false);
    const closedUp = events
      .filter((_, i) => i !== 2)
      .map((event, i) => ({ ...event, globalPosition: i + 1 }));
    expect(await checkAnchor(over(closedUp), anchor)).toMatchObject({ ok: false, found: null });
  });

  it("R-AUDIT-5: an anchor holds exactly while the history keeps its events up to the anchor's position", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 12 }),
        fc.nat(),
        fc.integer({ min: 0, max: 12 }),
        async (count, at, keep) => {
          const events = await recorded(count);
          const anchor = await anchorFor(events.slice(0, (at % count) + 1));
          const kept = events.slice(0, keep);
          expect((await checkAnchor(over(kept), anchor)).ok).toBe(keep >= anchor.globalPosition);
        },
      ),
      { numRuns: 100 },
    );
  });
});
