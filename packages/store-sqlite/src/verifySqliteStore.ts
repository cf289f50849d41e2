/**
 * Verification of a SQLite store's hash chains on several threads (R-AUDIT-5): the streams split
 * into ranges, each verified by a thread that opens the file itself, and the reports merged into
 * the one `verifyStore` gives.
 */
import { availableParallelism } from 'node:os';
import type Database from 'better-sqlite3';
import { streamRanges, verifyInThreads, type StreamRange, type VerificationReport } from '@rapport/core';
import { openToVerify, verifyRange, type RangeInput } from './internal/verifyRange.js';

export interface VerifySqliteOptions {
  /**
   * Threads that verify side by side, each one range of the streams: the calling thread and
   * `threads - 1` worker threads. Default the number of cores; 1 verifies on the calling thread only.
   */
  readonly threads?: number;
  /** Events each thread reads at a time; default 2000. */
  readonly batchSize?: number;
}

/** Sampled events per range: enough to split the streams into ranges of about as many events each. */
const SAMPLE_PER_RANGE = 512;

/** The stream ids of events at evenly spaced positions up to `head`, in SQLite's order. */
const sampleStreams = (db: Database.Database, head: number, size: number): ReadonlyArray<string> => {
  const count = Math.min(size, head);
  const positions = Array.from({ length: count }, (_, i) => Math.ceil(((i + 1) * head) / count));
  return (
    db
      .prepare(
        `SELECT stream_id FROM events WHERE global_position IN (SELECT value FROM json_each(?)) ORDER BY stream_id`,
      )
      .all(JSON.stringify(positions)) as Array<{ stream_id: string }>
  ).map((row) => row.stream_id);
};

/**
 * Verifies every stream's hash chain of the SQLite store at `path` with the streams split into
 * ranges verified side by side, each by a thread that reads the file itself: the report is the
 * one `verifyStore` gives, breaks in the order of their global positions. Events appended
 * meanwhile are left for the next verification. The file is only read; it must be a Rapport
 * store (`StoreOpenError` otherwise).
 *
 * @example
 * import { verifySqliteStore } from '@rapport/store-sqlite';
 * const report = await verifySqliteStore('./rapport.db', { threads: 2 });
 * report.ok; // true when every chain holds
 */
export const verifySqliteStore = async (
  path: string,
  options: VerifySqliteOptions = {},
): Promise<VerificationReport> => {
  const threads = Math.max(1, Math.floor(options.threads ?? availableParallelism()));
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 2000));
  const db = openToVerify(path);
  try {
    const head = Number(
      (db.prepare(`SELECT coalesce(max(global_position), 0) AS head FROM events`).get() as { head: number })
        .head,
    );
    const ranges: ReadonlyArray<StreamRange> =
      threads === 1
        ? [{ from: null, to: null }]
        : streamRanges(sampleStreams(db, head, SAMPLE_PER_RANGE * threads), threads);
    return await verifyInThreads(
      new URL('./internal/verifyWorker.js', import.meta.url),
      ranges.map((range): RangeInput => ({ path, range, head, batchSize })),
      (input) => verifyRange(db, input),
    );
  } finally {
    db.close();
  }
};
