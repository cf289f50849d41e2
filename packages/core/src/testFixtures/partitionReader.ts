/**
 * Test fixture: a partition reader (`verifyInThreads`) that hands over the rows its input holds,
 * after waiting for another thread to begin reading when asked, and that fails on a worker thread
 * when asked. A worker is any thread but the caller's, which need not be the main thread: a test
 * runner may run tests on a thread.
 */
import { threadId } from 'node:worker_threads';
import type { EventRow } from '../adapter/eventRow.js';
import { RapportError } from '../errors.js';
import type { PartitionReader } from '../internal/verifyPartition.js';

/**
 * One partition: its rows; the counter, shared by the partitions of one verification, of the
 * readers that have begun; whether to wait, before handing the rows over, until another reader has
 * begun; and, to fail on a worker, the `threadId` of the thread that calls `verifyInThreads`.
 */
export interface FixtureInput {
  readonly rows: ReadonlyArray<EventRow>;
  readonly begun?: Int32Array;
  readonly waitForAnother?: boolean;
  readonly failOnWorkerOf?: number;
}

/** How long a reader waits for another to begin, at most. */
const WAIT_MS = 10_000;

/** Hands over the input's rows in one batch, after its wait; throws `FIXTURE_ON_WORKER` on a worker when asked. */
export const readPartition: PartitionReader<FixtureInput> = async (input, take) => {
  const { begun } = input;
  if (begun !== undefined) {
    Atomics.add(begun, 0, 1);
    if (input.waitForAnother === true) {
      for (const until = Date.now() + WAIT_MS; Atomics.load(begun, 0) < 2 && Date.now() < until;)
        await new Promise((resolve) => setTimeout(resolve, 5));
    }
  }
  if (input.failOnWorkerOf !== undefined && input.failOnWorkerOf !== threadId) {
    throw new RapportError('FIXTURE_ON_WORKER', 'read on a worker thread', { rows: input.rows.length });
  }
  take(input.rows);
};
