/**
 * One partition of a database store verified from its rows (R-AUDIT-5), and the answer a worker
 * thread sends back. Imports only what a worker needs, so that a worker starts quickly.
 */
import { eventFromRow, type EventRow } from '../adapter/eventRow.js';
import { RapportError } from '../errors.js';
import { chainHash, hashEvent } from '../hashChain.js';
import type { VerificationReport } from '../verify.js';
import { plainEventTextWithData } from './canonical.js';
import { createChainChecker } from './chainChecker.js';

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

/**
 * The hash a row's event must carry: from the stored data text as it is when that text is
 * canonical (the store keeps it so), which is the text the parsed data would give; from the
 * event the row holds otherwise.
 */
const rowHash = (previousHash: string | null, row: EventRow): string => {
  const text = plainEventTextWithData(
    {
      id: row.event_id,
      type: row.type,
      schemaVersion: Number(row.schema_version),
      streamId: row.stream_id,
      streamVersion: Number(row.stream_version),
      recordedAt: row.recorded_at,
      actor: row.actor,
      correlationId: row.correlation_id,
      causationId: row.causation_id,
    },
    row.data,
  );
  return text === undefined ? hashEvent(previousHash, eventFromRow(row)) : chainHash(previousHash, text);
};

/**
 * A row whose hash is not computed is still read as an event, so that data that is not JSON
 * fails the verification as it fails a store's read.
 */
const rowUnhashed = (row: EventRow): void => {
  eventFromRow(row);
};

/** The report on the rows `read` gives for `input`, checked as `verifyStore` checks events. */
export const verifyPartition = async <I>(read: PartitionReader<I>, input: I): Promise<VerificationReport> => {
  const checker = createChainChecker<EventRow>({ hashOf: rowHash, unhashed: rowUnhashed });
  await read(input, (rows) => {
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i]!;
      checker.check(
        row.stream_id,
        Number(row.stream_version),
        Number(row.global_position),
        row.previous_hash,
        row.hash,
        row,
      );
    }
  });
  return checker.report();
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
