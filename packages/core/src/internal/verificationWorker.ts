/**
 * The worker thread of `verifyInThreads`: loads the store's partition reader, verifies the
 * partitions it takes and sends back their reports or the error (R-AUDIT-5).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { answerFor, type PartitionReader } from './verifyPartition.js';

const { reader, inputs, next } = workerData as {
  readonly reader: string;
  readonly inputs: ReadonlyArray<unknown>;
  readonly next: Int32Array;
};
const { readPartition } = (await import(reader)) as { readonly readPartition: PartitionReader<unknown> };
const answer = await answerFor(readPartition, inputs, next);
try {
  parentPort?.postMessage(answer);
} catch {
  // Details that cannot be cloned to another thread are left out; the code and message stay.
  parentPort?.postMessage('error' in answer ? { error: { ...answer.error, details: undefined } } : answer);
}
