/**
 * One partition of a database store verified from its rows (R-AUDIT-5), and the answer a worker
 * thread sends back. Imports only what a worker needs, so that a worker starts quickly.
 */
import { eventFromRow, type EventRow } from '../adapter/eventRow.js';
import { RapportError } from '../errors.js';
import { createChainVerifier, type VerificationReport } from '../verify.js';

/** Reads one partition's rows in global order, handing them to `take` in batches. */
export type PartitionReader<I> = (
  input: I,
  take: (rows: ReadonlyArray<EventRow>) => void,
) => void | Promise<void>;

/** What a worker sends back: the reports on the partitions it took, or the error that stopped it. */
export type WorkerAnswer =
  | { readonly reports: ReadonlyArray<VerificationReport> }
  | {
      readonly error: {
        readonly code: string | undefined;
        readonly message: string;
        readonly details: unknown;
      };
    };

/** The report on the rows `read` gives for `input`, checked as `verifyStore` checks events. */
export const verifyPartition = async <I>(read: PartitionReader<I>, input: I): Promise<VerificationReport> => {
  const verifier = createChainVerifier();
  await read(input, (rows) => {
    for (let i = 0; i < rows.length; i++) verifier.check(eventFromRow(rows[i]!));
  });
  return verifier.report();
};

/**
 * Verifies partitions one after another, each taken from a counter the threads share (the index
 * of the next partition nobody took), until none is left: a thread that starts late or reads
 * slowly takes fewer.
 */
export const verifyTaken = async <I>(
  read: PartitionReader<I>,
  inputs: ReadonlyArray<I>,
  next: Int32Array,
): Promise<ReadonlyArray<VerificationReport>> => {
  const reports: VerificationReport[] = [];
  for (let i = Atomics.add(next, 0, 1); i < inputs.length; i = Atomics.add(next, 0, 1)) {
    reports.push(await verifyPartition(read, inputs[i]!));
  }
  return reports;
};

/** A worker's answer: the reports on the partitions it took, or the error, with its code when it has one. */
export const answerFor = async <I>(
  read: PartitionReader<I>,
  inputs: ReadonlyArray<I>,
  next: Int32Array,
): Promise<WorkerAnswer> => {
  try {
    return { reports: await verifyTaken(read, inputs, next) };
  } catch (error) {
    return {
      error: {
        code: error instanceof RapportError ? error.code : undefined,
        message: error instanceof Error ? error.message : String(error),
        details: error instanceof RapportError ? error.details : undefined,
      },
    };
  }
};
