/**
 * Test fixture: a partition reader (`verifyInThreads`) that hands over the rows its input holds,
 * after waiting when asked, and that fails on a worker thread when asked. A worker is any thread
 * but the caller's, which need not be the main thread: a test runner may run tests on a thread.
 */
import { threadId } from 'node:worker_threads';
import type { EventRow } from '../adapter/eventRow.js';
import { RapportError } from '../errors.js';
import type { PartitionReader } from '../internal/verifyPartition.js';

/**
 * One partition: its rows, how long to wait before handing them over and, to fail on a worker, the
 * `threadId` of the thread that calls `verifyInThreads`.
 */
export interface FixtureInput {
  readonly rows: ReadonlyArray<EventRow>;
  readonly waitMs: number;
  readonly failOnWorkerOf?: number;
}

/** Hands over the input's rows in one batch, after its wait; throws `FIXTURE_ON_WORKER` on a worker when asked. */
export const readPartition: PartitionReader<FixtureInput> = async (input, take) => {
  if (input.waitMs > 0) await new Promise((resolve) => setTimeout(resolve, input.waitMs));
  if (input.failOnWorkerOf !== undefined && input.failOnWorkerOf !== threadId) {
    throw new RapportError('FIXTURE_ON_WORKER', 'read on a worker thread', { rows: input.rows.length });
  }
  take(input.rows);
};
