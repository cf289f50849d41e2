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

/** What a worker sends back: its partition's report, or the error that stopped it. */
export type WorkerAnswer =
  | { readonly report: VerificationReport }
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

/** The answer for a partition: its report, or the error, with its code when it has one. */
export const answerFor = async <I>(read: PartitionReader<I>, input: I): Promise<WorkerAnswer> => {
  try {
    return { report: await verifyPartition(read, input) };
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
