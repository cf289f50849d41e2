import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  InMemoryEventStore,
  type AppendResult,
  type EventStore,
  type NewEvent,
  type StreamWrite,
} from '@rapport/core';
import { newEvent, readEverything } from '@rapport/core/testing';
import { openSqliteEventStore } from './index.js';

/**
 * Six events whose ids come back across calls (retries, ids reused in another stream or with
 * other data), each in two versions that differ only in their data.
 */
const POOL: ReadonlyArray<readonly [NewEvent, NewEvent]> = Array.from({ length: 6 }, (_, n) => {
  const event = newEvent({ id: `01JD0000000000000000000P0${n}`, data: { n, b: [n], a: 'x' } });
  return [event, { ...event, data: { n, other: true } }] as const;
});

const expectedVersion = fc.oneof(
  fc.constantFrom<StreamWrite['expectedVersion']>('any', 'no_stream', 'stream_exists'),
  fc.integer({ min: 0, max: 4 }),
);

/** An event of the pool (in either version) or a fresh one. */
const anEvent = fc.oneof(
  fc
    .tuple(fc.integer({ min: 0, max: POOL.length - 1 }), fc.boolean())
    .map(([n, other]) => POOL[n]![other ? 1 : 0]),
  fc.constant(undefined),
);

const aWrite = fc.record({
  streamId: fc.constantFrom('a', 'b', 'c'),
  expectedVersion,
  events: fc.array(anEvent, { maxLength: 3 }),
});

/** A call: one or two writes to different streams (an id may appear twice: that is refused). */
const aCall = fc.uniqueArray(aWrite, { minLength: 1, maxLength: 2, selector: (write) => write.streamId });

type Outcome = { readonly ok: ReadonlyArray<AppendResult> } | { readonly error: string };

const outcomeOf = async (store: EventStore, writes: ReadonlyArray<StreamWrite>): Promise<Outcome> => {
  try {
    return { ok: await store.appendMany(writes) };
  } catch (error) {
    // The code only: when a call breaks two rules, the stores may name either first.
    return { error: String((error as { code?: unknown }).code) };
  }
};

describe('SQLite appends (property)', () => {
  it('R-AUDIT-1, R-AUDIT-5: any sequence of appends, retries, conflicts and reused ids gives what the in-memory store gives', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(aCall, { minLength: 1, maxLength: 12 }), async (calls) => {
        const sqlite = await openSqliteEventStore({ path: ':memory:' });
        const memory = new InMemoryEventStore();
        try {
          for (const call of calls) {
            const writes = call.map((write) => ({
              ...write,
              events: write.events.map((event) => event ?? newEvent({ data: { fresh: true } })),
            }));
            expect(await outcomeOf(sqlite, writes)).toEqual(await outcomeOf(memory, writes));
          }
          expect(await readEverything(sqlite)).toEqual(await readEverything(memory));
        } finally {
          await sqlite.close();
        }
      }),
      { numRuns: 150 },
    );
  });
});
