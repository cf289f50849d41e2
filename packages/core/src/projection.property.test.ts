import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixedContext } from './commandContext.js';
import { commandHandler } from './commandHandler.js';
import type { RecordedEvent } from './envelope.js';
import { InMemoryEventStore } from './inMemoryStore.js';
import { applyEvents, documentsFromJson, documentsToJson, foldProjection } from './projection.js';
import { ProjectionRunner } from './projectionRunner.js';
import { arbitraryOf } from './testing/index.js';
import {
  ContactCommand,
  contactCommand,
  contactsProjection,
  tagCountsProjection,
} from './testFixtures/contacts.js';

const commands = fc.array(arbitraryOf(ContactCommand), { maxLength: 40 });

/** Runs commands through the handler with projections applied inline; returns the store and runner. */
const live = async (input: ReadonlyArray<ContactCommand>) => {
  const store = new InMemoryEventStore();
  const runner = new ProjectionRunner(store, [contactsProjection, tagCountsProjection]);
  await runner.start();
  const handle = commandHandler(store, contactCommand, { onAppended: [runner.onAppended] });
  const context = fixedContext({ actor: 'u_ann', now: '2026-11-23T09:30:00.000Z' });
  for (const command of input) await handle(command, context);
  const events: RecordedEvent[] = [];
  for await (const batch of store.readAll()) events.push(...batch);
  return { store, runner, events };
};

const chunks = <A>(items: ReadonlyArray<A>, sizes: ReadonlyArray<number>): A[][] => {
  const out: A[][] = [];
  let start = 0;
  for (const size of sizes) {
    if (start >= items.length) break;
    out.push(items.slice(start, start + size));
    start += size;
  }
  if (start < items.length) out.push(items.slice(start));
  return out;
};

describe('projection properties', () => {
  it('R-AUDIT-3: replay is deterministic, whatever the batch boundaries', async () => {
    await fc.assert(
      fc.asyncProperty(
        commands,
        fc.array(fc.integer({ min: 1, max: 7 }), { maxLength: 20 }),
        async (input, sizes) => {
          const { events } = await live(input);
          const whole = foldProjection(contactsProjection, events);
          expect(foldProjection(contactsProjection, events)).toEqual(whole);
          const batched = new Map();
          for (const chunk of chunks(events, sizes)) applyEvents(contactsProjection, batched, chunk);
          expect(batched).toEqual(whole);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('R-AUDIT-3: a rebuild from scratch equals the live projection', async () => {
    await fc.assert(
      fc.asyncProperty(commands, async (input) => {
        const { store, runner } = await live(input);
        const liveContacts = new Map(runner.view('contacts').documents);
        const liveTags = new Map(runner.view('tagCounts').documents);
        const fresh = new ProjectionRunner(store, [contactsProjection, tagCountsProjection], {
          batchSize: 3,
        });
        await fresh.start();
        expect(new Map(fresh.view('contacts').documents)).toEqual(liveContacts);
        expect(new Map(fresh.view('tagCounts').documents)).toEqual(liveTags);
        await runner.rebuild();
        expect(new Map(runner.view('contacts').documents)).toEqual(liveContacts);
      }),
      { numRuns: 60 },
    );
  });

  it('R-AUDIT-3: a snapshot at k plus the tail equals the full fold', async () => {
    await fc.assert(
      fc.asyncProperty(commands, fc.nat(), async (input, cut) => {
        const { events } = await live(input);
        const k = events.length === 0 ? 0 : cut % (events.length + 1);
        const atK = foldProjection(contactsProjection, events.slice(0, k));
        const snapshot = documentsToJson(atK);
        const restored = documentsFromJson(JSON.parse(JSON.stringify(snapshot)) as typeof snapshot);
        applyEvents(contactsProjection, restored, events.slice(k));
        expect(restored).toEqual(foldProjection(contactsProjection, events));
      }),
      { numRuns: 80 },
    );
  });

  it('R-AUDIT-1: every handled command either appends its events or is rejected and appends nothing', async () => {
    await fc.assert(
      fc.asyncProperty(commands, async (input) => {
        const store = new InMemoryEventStore();
        const handle = commandHandler(store, contactCommand);
        const context = fixedContext({ actor: 'u_ann', now: '2026-11-23T09:30:00.000Z' });
        for (const command of input) {
          const before = await store.headPosition();
          const result = await handle(command, context);
          const after = await store.headPosition();
          if (E.isLeft(result)) expect(after).toBe(before);
          else expect(after).toBe(before + result.right.events.length);
        }
      }),
      { numRuns: 60 },
    );
  });
});
