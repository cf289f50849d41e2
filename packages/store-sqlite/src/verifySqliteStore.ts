/**
 * Verification of a SQLite store's hash chains on several threads (R-AUDIT-5): the streams split
 * into ranges, each verified by a thread that opens the file itself, and the reports merged into
 * the one `verifyStore` gives.
 */
import Database from 'better-sqlite3';
import { StoreOpenError, type VerificationReport } from '@rapport/core';
import { streamRanges, verificationThreads, verifyInThreads, type StreamRange } from '@rapport/core/adapter';
import type { RangeInput } from './internal/readPartition.js';
import { APPLICATION_ID } from './internal/schema.js';

export interface VerifySqliteOptions {
  /**
   * Threads that verify side by side, each one range of the streams: the calling thread and
   * `threads - 1` worker threads; 1 verifies on the calling thread only. Default the number of
   * cores, but no more than one thread per 20,000 events (`verificationThreads`).
   */
  readonly threads?: number;
  /** Events each thread reads at a time; default 1000. */
  readonly batchSize?: number;
}

/** Opens a store's file to read it only, refusing a file that is missing or not a Rapport store. */
const openToVerify = (path: string): Database.Database => {
  let db: Database.Database | undefined;
  let applicationId: number;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    applicationId = Number(db.pragma('application_id', { simple: true }));
  } catch (error) {
    db?.close();
    if ((error as { code?: unknown }).code === 'SQLITE_NOTADB') {
      throw new StoreOpenError(
        'STORE_NOT_SQLITE',
        `${path} is not a SQLite database, so not a Rapport event store`,
        {
          path,
        },
      );
    }
    throw new StoreOpenError(
      'STORE_CANNOT_OPEN',
      `cannot open ${path}: ${error instanceof Error ? error.message : String(error)}`,
      { path },
    );
  }
  if (applicationId !== APPLICATION_ID) {
    db.close();
    throw new StoreOpenError('STORE_FOREIGN', `${path} is not a Rapport event store`, { path });
  }
  return db;
};

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
 * import { createTempDir } from '@rapport/core/testing';
 * import { openSqliteEventStore, verifySqliteStore } from '@rapport/store-sqlite';
 * const temp = createTempDir('verify-example');
 * const store = await openSqliteEventStore({ path: temp.file('rapport.db') });
 * await store.append('contact-1', [{
 *   id: '01JD00000000000000000000AA', type: 'ContactAdded', schemaVersion: 1, data: { name: 'Ann' },
 *   actor: 'u_ann', recordedAt: '2026-11-23T09:30:00.000Z', correlationId: 'c1', causationId: null,
 * }]);
 * await store.close();
 * const report = await verifySqliteStore(temp.file('rapport.db'), { threads: 2 });
 * report.events; // 1
 * report.ok; // true
 * temp.remove();
 */
export const verifySqliteStore = async (
  path: string,
  options: VerifySqliteOptions = {},
): Promise<VerificationReport> => {
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 1000));
  const db = openToVerify(path);
  let inputs: ReadonlyArray<RangeInput>;
  let threads: number;
  try {
    const head = Number(
      (db.prepare(`SELECT coalesce(max(global_position), 0) AS head FROM events`).get() as { head: number })
        .head,
    );
    threads = verificationThreads(options.threads, head);
    const ranges: ReadonlyArray<StreamRange> =
      threads === 1
        ? [{ from: null, to: null }]
        : streamRanges(sampleStreams(db, head, SAMPLE_PER_RANGE * threads), threads);
    inputs = ranges.map((range) => ({ path, range, head, batchSize }));
  } finally {
    db.close();
  }
  return verifyInThreads(new URL('./internal/readPartition.js', import.meta.url), inputs, threads);
};
