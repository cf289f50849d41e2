import { threadId } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { eventFromRow, type EventRow } from '../adapter/eventRow.js';
import { InMemoryEventStore } from '../inMemoryStore.js';
import { rowOf } from '../testFixtures/rows.js';
import { newEvent } from '../testing/index.js';
import type { FixtureInput } from '../testFixtures/partitionReader.js';
import { verifyStore, type VerificationReport } from '../verify.js';
import { verifyInThreads } from './verificationWorkers.js';

const READER = new URL('../testFixtures/partitionReader.js', import.meta.url);

/** Two streams of three events, interleaved; the second stream's second event altered. */
const history = async (): Promise<ReadonlyArray<EventRow>> => {
  const store = new InMemoryEventStore();
  for (let i = 0; i < 3; i++)
    for (const streamId of ['a', 'b'])
      await store.append(streamId, [newEvent({ id: `${streamId}${i}`, data: { i } })]);
  const rows: EventRow[] = [];
  for await (const batch of store.readAll()) rows.push(...batch.map(rowOf));
  return rows.map((row) => (row.event_id === 'b1' ? { ...row, data: '{"i":9}' } : row));
};

/**
 * One partition per stream. With two threads, the calling thread takes the first and waits in it
 * until the worker has begun the second.
 */
const partitions = (
  rows: ReadonlyArray<EventRow>,
  failOnWorker: boolean,
  threads = 2,
): ReadonlyArray<FixtureInput> => {
  const begun = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  return ['a', 'b'].map((streamId, i) => ({
    rows: rows.filter((row) => row.stream_id === streamId),
    begun,
    waitForAnother: threads > 1 && i === 0,
    ...(failOnWorker ? { failOnWorkerOf: threadId } : {}),
  }));
};

/** The report of `verifyStore` on the events the rows hold. */
const wholeReport = (rows: ReadonlyArray<EventRow>): Promise<VerificationReport> => {
  const events = rows.map(eventFromRow);
  return verifyStore({
    readAll: () => ({
      async *[Symbol.asyncIterator]() {
        yield events;
      },
    }),
  });
};

describe('verifyInThreads', () => {
  it('R-AUDIT-5: the reports of the calling thread and of a worker merge into the report of verifyStore', async () => {
    const rows = await history();
    const whole = await wholeReport(rows);
    expect(whole.breaks).toEqual([expect.objectContaining({ streamId: 'b', kind: 'hash_mismatch' })]);
    expect(await verifyInThreads(READER, partitions(rows, false), 2)).toEqual(whole);
  }, 60_000);

  it('an error thrown on a worker rejects with its code, as a RapportError', async () => {
    await expect(verifyInThreads(READER, partitions(await history(), true), 2)).rejects.toMatchObject({
      name: 'RapportError',
      code: 'FIXTURE_ON_WORKER',
      details: { rows: 3 },
    });
  }, 60_000);

  it('with one thread, every partition is read on the calling thread', async () => {
    const rows = await history();
    const report = await verifyInThreads(READER, partitions(rows, true, 1), 1);
    expect(report).toMatchObject({ ok: false, events: 6, streams: 2 });
  }, 60_000);

  it('R-AUDIT-5: a worker kept from one verification takes part in the next, also after one failed', async () => {
    const rows = await history();
    const whole = await wholeReport(rows);
    expect(await verifyInThreads(READER, partitions(rows, false), 2)).toEqual(whole);
    await expect(verifyInThreads(READER, partitions(rows, true), 2)).rejects.toMatchObject({
      code: 'FIXTURE_ON_WORKER',
    });
    expect(await verifyInThreads(READER, partitions(rows, false), 2)).toEqual(whole);
  }, 60_000);
});
