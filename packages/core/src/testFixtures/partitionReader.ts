/**
 * Test fixture: a partition reader (`verifyInThreads`) that hands over the rows its input holds,
 * after waiting when asked, and that fails on a worker thread when asked.
 */
import { isMainThread } from 'node:worker_threads';
import type { EventRow } from '../adapter/eventRow.js';
import { RapportError } from '../errors.js';
import type { PartitionReader } from '../internal/verifyPartition.js';

/** One partition: its rows, how long to wait before handing them over, whether to fail on a worker. */
export interface FixtureInput {
  readonly rows: ReadonlyArray<EventRow>;
  readonly waitMs: number;
  readonly failOnWorker: boolean;
}

/** Hands over the input's rows in one batch, after its wait; throws `FIXTURE_ON_WORKER` on a worker when asked. */
export const readPartition: PartitionReader<FixtureInput> = async (input, take) => {
  if (input.waitMs > 0) await new Promise((resolve) => setTimeout(resolve, input.waitMs));
  if (input.failOnWorker && !isMainThread) {
    throw new RapportError('FIXTURE_ON_WORKER', 'read on a worker thread', { rows: input.rows.length });
  }
  take(input.rows);
};
