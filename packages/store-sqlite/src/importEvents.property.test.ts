import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashEvent, type RecordedEvent } from '@rapport/core';
import { historyProblems, newEvent, readEverything } from '@rapport/core/testing';
import { openSqliteEventStore } from './index.js';

/** A history: appends of 1–3 events to one of four streams, with arbitrary JSON data. */
const appendsArbitrary = fc.array(
  fc.record({
    stream: fc.constantFrom('a', 'b', 'c', 'd'),
    data: fc.array(fc.jsonValue(), { minLength: 1, maxLength: 3 }),
  }),
  { minLength: 1, maxLength: 15 },
);

const recordHistory = async (
  appends: ReadonlyArray<{ stream: string; data: ReadonlyArray<unknown> }>,
): Promise<ReadonlyArray<RecordedEvent>> => {
  const source = await openSqliteEventStore({ path: ':memory:' });
  for (const { stream, data } of appends)
    await source.append(
      stream,
      data.map((value) => newEvent({ data: value })),
    );
  const events = await readEverything(source);
  await source.close();
  return events;
};

describe('importing recorded histories (property)', () => {
  it('R-AUDIT-5: any history moved to another store keeps every hash and verifies there', async () => {
    await fc.assert(
      fc.asyncProperty(appendsArbitrary, async (appends) => {
        const events = await recordHistory(appends);
        const target = await openSqliteEventStore({ path: ':memory:' });
        await target.importEvents(events);
        const moved = await readEverything(target);
        await target.close();
        expect(historyProblems(moved)).toEqual([]);
        expect(moved.map((event) => event.hash)).toEqual(events.map((event) => event.hash));
        for (const event of moved) expect(hashEvent(event.previousHash, event)).toBe(event.hash);
      }),
      { numRuns: 40 },
    );
  });

  it('R-AUDIT-5: a history with any one event altered is refused and nothing is stored', async () => {
    await fc.assert(
      fc.asyncProperty(appendsArbitrary, fc.nat(), fc.jsonValue(), async (appends, pick, replacement) => {
        const events = await recordHistory(appends);
        const index = pick % events.length;
        const original = events[index];
        if (original === undefined) return;
        const altered = { ...original, data: { replaced: replacement, was: original.data } };
        const target = await openSqliteEventStore({ path: ':memory:' });
        await expect(
          target.importEvents(events.map((event, i) => (i === index ? altered : event))),
        ).rejects.toMatchObject({ code: 'IMPORT_CHAIN_BROKEN' });
        expect(await target.headPosition()).toBe(0);
        await target.close();
      }),
      { numRuns: 40 },
    );
  });
});
