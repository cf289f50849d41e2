import { afterAll, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '@rapport/core';
import { startFixture } from './fixtures/childProcess.js';
import { createTempDir, historyProblems, readEverything, type Child } from '@rapport/core/testing';
import { openSqliteEventStore } from './index.js';

const temp = createTempDir('sqlite-contention');
afterAll(() => temp.remove());

interface Summary {
  readonly appended: number;
  readonly conflicts: ReadonlyArray<{ readonly expected: string | number; readonly actual: number }>;
}

/** Starts the writers, lets them go at once, and returns their summaries. */
const runWriters = async (path: string, args: (worker: string) => ReadonlyArray<string>, count: number) => {
  const writers: Child[] = Array.from({ length: count }, (_, index) =>
    startFixture('./contendingWriter.ts', [path, ...args(`w${index}`)]),
  );
  await Promise.all(writers.map((writer) => writer.waitForLine((line) => line === 'ready')));
  writers.forEach((writer) => writer.send('go'));
  const summaries = await Promise.all(
    writers.map((writer) => writer.waitForLine((line) => line.startsWith('{'))),
  );
  await Promise.all(writers.map((writer) => writer.exited));
  return summaries.map((line) => JSON.parse(line) as Summary);
};

describe('several processes writing the same streams of one file', () => {
  it('R-AUDIT-1: of four processes creating the same stream at once, one succeeds and three get a conflict', async () => {
    const path = temp.file('once.db');
    await (await openSqliteEventStore({ path })).close();
    const summaries = await runWriters(path, (worker) => ['once', worker], 4);
    expect(summaries.map((summary) => summary.appended).sort()).toEqual([0, 0, 0, 1]);
    expect(summaries.flatMap((summary) => summary.conflicts)).toEqual([
      { expected: 'no_stream', actual: 1 },
      { expected: 'no_stream', actual: 1 },
      { expected: 'no_stream', actual: 1 },
    ]);
    const store = await openSqliteEventStore({ path });
    expect(await store.readStream('the-one-stream')).toHaveLength(1);
    await store.close();
  });

  it('R-AUDIT-1: read-then-append counters lose no update, and every conflict is a real one', async () => {
    const path = temp.file('counters.db');
    await (await openSqliteEventStore({ path })).close();
    const rounds = 25;
    const summaries = await runWriters(path, (worker) => ['counters', worker, String(rounds), '2'], 3);
    expect(summaries.map((summary) => summary.appended)).toEqual([rounds, rounds, rounds]);
    for (const conflict of summaries.flatMap((summary) => summary.conflicts)) {
      expect(typeof conflict.expected === 'number' && conflict.actual > conflict.expected).toBe(true);
    }

    const store = await openSqliteEventStore({ path });
    const events = await readEverything(store);
    expect(historyProblems(events)).toEqual([]);
    expect(events).toHaveLength(3 * rounds);
    for (const streamId of ['counter-0', 'counter-1']) {
      const stream: ReadonlyArray<RecordedEvent> = await store.readStream(streamId);
      stream.forEach((event) => {
        expect(event.data).toMatchObject({ count: event.streamVersion, basedOn: event.streamVersion - 1 });
      });
    }
    expect((await store.readStream('counter-0')).length + (await store.readStream('counter-1')).length).toBe(
      3 * rounds,
    );
    await store.close();
  });
});
