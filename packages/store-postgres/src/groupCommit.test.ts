import { afterAll, describe, expect, it } from 'vitest';
import { ConcurrencyError, type StreamWrite } from '@rapport/core';
import { checkAppend, planAppend, type AppendPlan, type StreamHead } from '@rapport/core/adapter';
import { historyProblems, newEvent, readEverything } from '@rapport/core/testing';
import { createTarget } from './fixtures/target.js';
import { createGroupWriter } from './internal/groupCommit.js';
import type { SqlRunner } from './internal/sql.js';

const target = createTarget('group');
afterAll(() => target.dispose());

/** A plan made as an unlocked append makes it: from position 1, on the heads given. */
const planOn = (write: StreamWrite, heads: ReadonlyArray<[string, StreamHead]> = []): AppendPlan =>
  planAppend(checkAppend([write], true), { heads: new Map(heads), byId: new Map(), firstPosition: 1 });

const runnerOf = (query: SqlRunner['query']): SqlRunner => ({ query, exec: async () => undefined });

/** A runner that answers each statement with the next of `answers` (a row, or an error to throw). */
const scripted = (answers: ReadonlyArray<object | Error>) => {
  const sent: Array<ReadonlyArray<unknown>> = [];
  const runner = runnerOf(async <R>(_text: string, params: ReadonlyArray<unknown> = []) => {
    sent.push(params);
    const answer = answers[sent.length - 1];
    if (answer === undefined || answer instanceof Error) throw answer ?? new Error('no answer left');
    return [answer as R];
  });
  return { runner, sent };
};

const uniqueViolation = (): Error => Object.assign(new Error('duplicate key'), { code: '23505' });

describe(`group commit (${target.kind})`, () => {
  it('R-AUDIT-1: appends ready at once are stored by one statement, each at the positions after the one before', async () => {
    const { runner, sent } = scripted([
      { last_position: 1, fresh: true, stale: [] },
      { last_position: 6, fresh: true, stale: [] },
    ]);
    const writer = createGroupWriter(runner, 's', 'c', 1);
    const firsts = await Promise.all([
      writer.store(planOn({ streamId: 'a', expectedVersion: 'any', events: [newEvent()] })),
      writer.store(planOn({ streamId: 'b', expectedVersion: 'any', events: [newEvent(), newEvent()] })),
      writer.store(
        planOn({ streamId: 'c', expectedVersion: 'any', events: [newEvent(), newEvent(), newEvent()] }),
      ),
    ]);
    // The first is sent alone; the two that became ready while it was being stored go together.
    expect(sent).toHaveLength(2);
    expect(sent[1]![0]).toEqual(['b', 'b', 'c', 'c', 'c']);
    expect(sent[1]![13]).toEqual([0, 0, 1, 1, 1]);
    expect(sent[1]![14]).toEqual([true, false, true, false, false]);
    expect(firsts).toEqual([1, 2, 4]);
  });

  it('R-AUDIT-1: a stale append is handed back alone and the others of its group are sent again without it', async () => {
    const { runner, sent } = scripted([
      { last_position: 1, fresh: true, stale: [] },
      { last_position: null, fresh: true, stale: [1] },
      { last_position: 3, fresh: true, stale: [] },
    ]);
    const writer = createGroupWriter(runner, 's', 'c', 1);
    const firsts = await Promise.all(
      ['a', 'b', 'c', 'd'].map((streamId) =>
        writer.store(planOn({ streamId, expectedVersion: 'any', events: [newEvent()] })),
      ),
    );
    expect(sent.map((params) => params[0])).toEqual([['a'], ['b', 'c', 'd'], ['b', 'd']]);
    expect(firsts).toEqual([1, 2, undefined, 3]);
  });

  it('R-AUDIT-1: an append writing a stream or an id of an earlier one of its group is handed back before anything is sent', async () => {
    const { runner, sent } = scripted([
      { last_position: 1, fresh: true, stale: [] },
      { last_position: 2, fresh: true, stale: [] },
    ]);
    const writer = createGroupWriter(runner, 's', 'c', 1);
    const reused = newEvent();
    const firsts = await Promise.all([
      writer.store(planOn({ streamId: 'a', expectedVersion: 'any', events: [newEvent()] })),
      writer.store(planOn({ streamId: 'b', expectedVersion: 'any', events: [reused] })),
      writer.store(planOn({ streamId: 'b', expectedVersion: 'any', events: [newEvent()] })),
      writer.store(planOn({ streamId: 'c', expectedVersion: 'any', events: [{ ...reused }] })),
    ]);
    expect(sent.map((params) => params[0])).toEqual([['a'], ['b']]);
    expect(firsts).toEqual([1, 2, undefined, undefined]);
  });

  it('R-AUDIT-1: with two statements under way, appends gather for the next one, and one writing a stream of a statement under way is handed back', async () => {
    const calls: Array<{ params: ReadonlyArray<unknown>; answer: (row: object) => void }> = [];
    const runner = runnerOf(
      <R>(_text: string, params: ReadonlyArray<unknown> = []) =>
        new Promise<ReadonlyArray<R>>((resolve) =>
          calls.push({ params, answer: (row) => resolve([row as R]) }),
        ),
    );
    const writer = createGroupWriter(runner, 's', 'c', 2);
    const store = (streamId: string) =>
      writer.store(planOn({ streamId, expectedVersion: 'any', events: [newEvent()] }));
    const firsts = [store('a'), store('b'), store('b'), store('c'), store('d')];
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls.map(({ params }) => params[0])).toEqual([['a'], ['b']]);
    calls[0]!.answer({ last_position: 1, fresh: true, stale: [] });
    await new Promise((resolve) => setImmediate(resolve));
    // The second append to b was planned on the head the statement under way moves.
    expect(calls.map(({ params }) => params[0])).toEqual([['a'], ['b'], ['c', 'd']]);
    calls[2]!.answer({ last_position: 3, fresh: true, stale: [] });
    calls[1]!.answer({ last_position: 4, fresh: true, stale: [] });
    expect(await Promise.all(firsts)).toEqual([1, 4, undefined, 2, 3]);
  });

  it('R-AUDIT-1: a statement whose snapshot an append committed before its lock is sent again, and a guard cannot follow an insert into its stream', async () => {
    const { runner, sent } = scripted([
      { last_position: null, fresh: false, stale: [] },
      { last_position: 1, fresh: true, stale: [] },
      { last_position: 2, fresh: true, stale: [] },
    ]);
    const writer = createGroupWriter(runner, 's', 'c', 1);
    const firsts = await Promise.all([
      writer.store(planOn({ streamId: 'a', expectedVersion: 'any', events: [newEvent()] })),
      writer.store(planOn({ streamId: 'b', expectedVersion: 'any', events: [newEvent()] })),
      writer.store(planOn({ streamId: 'c', expectedVersion: 'any', events: [newEvent()] }), [
        { streamId: 'b', version: 0 },
      ]),
      writer.store(planOn({ streamId: 'd', expectedVersion: 'any', events: [newEvent()] }), [
        { streamId: 'e', version: 3 },
      ]),
    ]);
    expect(sent.map((params) => params[0])).toEqual([['a'], ['a'], ['b', 'd']]);
    expect(sent[2]!.slice(15)).toEqual([['e'], [3], [1]]);
    expect(firsts).toEqual([1, 1, undefined, 2]);
  });

  it('R-AUDIT-1: on the database, a guarded stream that moved makes its append stale alone', async () => {
    const store = await target.open();
    await store.append('org', [newEvent()]);
    const writer = createGroupWriter(runnerOf(target.raw), store.schema, `rapport_events_${store.schema}`, 1);
    const firsts = await Promise.all([
      writer.store(planOn({ streamId: 'first', expectedVersion: 'no_stream', events: [newEvent()] })),
      writer.store(planOn({ streamId: 'guarded', expectedVersion: 'any', events: [newEvent()] }), [
        { streamId: 'org', version: 0 },
      ]),
      writer.store(planOn({ streamId: 'kept', expectedVersion: 'any', events: [newEvent()] }), [
        { streamId: 'org', version: 1 },
      ]),
    ]);
    expect(firsts).toEqual([2, undefined, 3]);
    expect(await store.streamVersion('guarded')).toBe(0);
    await store.close();
  });

  it('a statement refused by a unique constraint is sent once more; any other failure hands every append back', async () => {
    const retried = scripted([uniqueViolation(), { last_position: 2, fresh: true, stale: [] }]);
    const first = createGroupWriter(retried.runner, 's', 'c', 1);
    const plan = planOn({ streamId: 'a', expectedVersion: 'any', events: [newEvent(), newEvent()] });
    expect(await first.store(plan)).toBe(1);
    expect(retried.sent).toHaveLength(2);

    const failing = scripted([{ last_position: 1, fresh: true, stale: [] }, new Error('connection lost')]);
    const second = createGroupWriter(failing.runner, 's', 'c', 1);
    const firsts = await Promise.all(
      ['a', 'b', 'c'].map((streamId) =>
        second.store(planOn({ streamId, expectedVersion: 'any', events: [newEvent()] })),
      ),
    );
    expect(firsts).toEqual([1, undefined, undefined]);
  });

  it('R-AUDIT-1: on the database, an append planned on a head that moved is skipped and nothing of it is stored, while the others are', async () => {
    const store = await target.open();
    await store.append('moved', [newEvent()]);
    const writer = createGroupWriter(runnerOf(target.raw), store.schema, `rapport_events_${store.schema}`, 1);
    const firsts = await Promise.all([
      writer.store(planOn({ streamId: 'first', expectedVersion: 'no_stream', events: [newEvent()] })),
      writer.store(planOn({ streamId: 'moved', expectedVersion: 'any', events: [newEvent()] })),
      writer.store(
        planOn({ streamId: 'other', expectedVersion: 'no_stream', events: [newEvent(), newEvent()] }),
      ),
    ]);
    expect(firsts).toEqual([2, undefined, 3]);
    const everything = await readEverything(store);
    expect(everything.map((event) => [event.streamId, event.streamVersion, event.globalPosition])).toEqual([
      ['moved', 1, 1],
      ['first', 1, 2],
      ['other', 1, 3],
      ['other', 2, 4],
    ]);
    expect(historyProblems(everything)).toEqual([]);
    expect(await store.headPosition()).toBe(4);
    await store.close();
  });

  it('R-AUDIT-1: concurrent appends of one process: a conflicting one is refused alone, the others are stored gap-free with the results they were given', async () => {
    const store = await target.open();
    await store.append('taken', [newEvent()]);
    const outcomes = await Promise.allSettled([
      ...Array.from({ length: 6 }, (_, i) =>
        store.append(`s${i}`, [newEvent(), newEvent()], { expectedVersion: 'no_stream' }),
      ),
      store.append('taken', [newEvent()], { expectedVersion: 0 }),
      store.append('shared', [newEvent()], { expectedVersion: 'no_stream' }),
      store.append('shared', [newEvent()], { expectedVersion: 'no_stream' }),
      store.append('taken', [newEvent()], { expectedVersion: 'any' }),
    ]);
    const refused = outcomes.flatMap((outcome, i) =>
      outcome.status === 'rejected' ? [[i, outcome.reason]] : [],
    );
    expect(refused).toHaveLength(2);
    expect(refused[0]).toEqual([6, expect.any(ConcurrencyError)]);
    // The append with `any` to the same stream may be stored before it is decided.
    expect(refused[0]![1]).toMatchObject({
      expected: 0,
      actual: expect.toSatisfy((n) => n === 1 || n === 2),
    });
    expect([7, 8]).toContain(refused[1]![0]);
    expect(refused[1]![1]).toMatchObject({ code: 'CONCURRENCY_CONFLICT', expected: 'no_stream', actual: 1 });
    const everything = await readEverything(store);
    expect(everything.map((event) => event.globalPosition)).toEqual(everything.map((_, i) => i + 1));
    expect(everything).toHaveLength(1 + 12 + 1 + 1);
    expect(historyProblems(everything)).toEqual([]);
    const byPosition = new Map(everything.map((event) => [event.globalPosition, event]));
    for (const outcome of outcomes) {
      if (outcome.status !== 'fulfilled') continue;
      for (const event of outcome.value.events) expect(byPosition.get(event.globalPosition)).toEqual(event);
    }
    await store.close();
  });

  it('R-AUDIT-1: a write of no events still guards its stream when the others only create streams', async () => {
    const store = await target.open();
    await store.append('org', [newEvent()]);
    await expect(
      store.appendMany([
        { streamId: 'contact', expectedVersion: 'no_stream', events: [newEvent()] },
        { streamId: 'org', expectedVersion: 'no_stream', events: [] },
      ]),
    ).rejects.toMatchObject({ code: 'CONCURRENCY_CONFLICT', expected: 'no_stream', actual: 1 });
    expect(await store.streamVersion('contact')).toBe(0);
    const passed = await store.appendMany([
      { streamId: 'contact', expectedVersion: 0, events: [newEvent()] },
      { streamId: 'org', expectedVersion: 1, events: [] },
    ]);
    expect(passed.map((result) => result.nextExpectedVersion)).toEqual([1, 1]);
    await store.close();
  });

  it('R-AUDIT-5: a stream head the store remembers is not built on once another writer moved it or it is gone', async () => {
    const schema = target.newSchema();
    const store = await target.open({ schema });
    const other = await target.open({ schema });
    await store.append('s', [newEvent(), newEvent()]);
    await other.append('s', [newEvent()]);
    await expect(store.append('s', [newEvent()], { expectedVersion: 2 })).rejects.toMatchObject({
      code: 'CONCURRENCY_CONFLICT',
      actual: 3,
    });
    expect((await store.append('s', [newEvent()], { expectedVersion: 'any' })).nextExpectedVersion).toBe(4);
    // Events removed behind the store's back, as a restored backup would: it appends after what is there.
    await target.raw(`DELETE FROM ${schema}.events WHERE stream_id = 's' AND stream_version > 2`);
    await target.raw(`UPDATE ${schema}.event_position SET last_position = 2`);
    const next = await store.append('s', [newEvent()], { expectedVersion: 'any' });
    expect(next.events[0]).toMatchObject({ streamVersion: 3, globalPosition: 3 });
    expect(historyProblems(await readEverything(store))).toEqual([]);
    await other.close();
    await store.close();
  });

  it.skipIf(target.kind !== 'server')(
    `R-AUDIT-1: while another writer moves a guarded stream, an append whose guard passed found the stream at that version when stored (${target.kind})`,
    async () => {
      const schema = target.newSchema();
      const writer = await target.open({ schema });
      const guarded = await target.open({ schema });
      await writer.append('org', [newEvent()]);
      const moving = (async () => {
        for (let i = 0; i < 40; i++) await writer.append('org', [newEvent()]);
      })();
      const passed: Array<{ version: number; position: number }> = [];
      let moved = false;
      void moving.then(() => (moved = true));
      await Promise.all(
        Array.from({ length: 4 }, async (_, w) => {
          // Twelve tries each; on a busy machine every one may meet the writer, so the workers go on
          // until one guard passed, which it does at the latest once the writer has stopped.
          for (let i = 0; i < 12 || (passed.length === 0 && (!moved || i < 500)); i++) {
            const version = await guarded.streamVersion('org');
            try {
              const [result] = await guarded.appendMany([
                { streamId: `c${w}-${i}`, expectedVersion: 'no_stream', events: [newEvent()] },
                { streamId: 'org', expectedVersion: version, events: [] },
              ]);
              passed.push({ version, position: result!.events[0]!.globalPosition });
            } catch (error) {
              if (!(error instanceof ConcurrencyError)) throw error;
            }
          }
        }),
      );
      await moving;
      const everything = await readEverything(writer);
      expect(passed.length).toBeGreaterThan(0);
      for (const { version, position } of passed) {
        const before = everything.filter(
          (event) => event.streamId === 'org' && event.globalPosition < position,
        );
        expect(before).toHaveLength(version);
      }
      expect(historyProblems(everything)).toEqual([]);
      await guarded.close();
      await writer.close();
    },
  );
});
