/**
 * The worker thread of `verifyInThreads`: for each job it is given, loads the store's partition
 * reader, verifies the partitions it takes and sends back their reports or the error
 * (R-AUDIT-5). It stays for the next job until it is stopped.
 */
import { parentPort } from 'node:worker_threads';
import type { VerificationJob } from './verificationWorkers.js';
import { answerFor, type PartitionReader } from './verifyPartition.js';

const run = async ({ reader, inputs, next }: VerificationJob): Promise<void> => {
  const { readPartition } = (await import(reader)) as { readonly readPartition: PartitionReader<unknown> };
  const answer = await answerFor(readPartition, inputs, next);
  try {
    parentPort?.postMessage(answer);
  } catch {
    // Details that cannot be cloned to another thread are left out; the code and message stay.
    parentPort?.postMessage('error' in answer ? { error: { ...answer.error, details: undefined } } : answer);
  }
};

parentPort?.on('message', (job: VerificationJob) => {
  void run(job);
});
