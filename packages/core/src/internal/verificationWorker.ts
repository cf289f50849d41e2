/**
 * The worker thread of `verifyInThreads`: loads the store's partition reader, verifies its
 * partition and sends back the report or the error (R-AUDIT-5).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { answerFor, type PartitionReader } from './verifyPartition.js';

const { reader, input } = workerData as { readonly reader: string; readonly input: unknown };
const { readPartition } = (await import(reader)) as { readonly readPartition: PartitionReader<unknown> };
const answer = await answerFor(readPartition, input);
try {
  parentPort?.postMessage(answer);
} catch {
  // Details that cannot be cloned to another thread are left out; the code and message stay.
  parentPort?.postMessage('error' in answer ? { error: { ...answer.error, details: undefined } } : answer);
}
