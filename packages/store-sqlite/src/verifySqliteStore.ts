/**
 * Verification of a SQLite store (R-AUDIT-5, R-AUDIT-6): its hash chains on several threads, the
 * streams split into ranges, each verified by a thread that opens the file itself, and the
 * reports merged into the one `verifyStore` gives; then the file's check of itself, set against
 * what the threads read.
 */
import Database from 'better-sqlite3';
import { StoreOpenError, type StoreProblem, type VerificationReport } from '@rapport/core';
import {
  streamRanges,
  verificationThreads,
  verifyInThreads,
  withStoreCheck,
  type StreamRange,
} from '@rapport/core/adapter';
import {
  gapRanges,
  indexProblems,
  integrityProblems,
  otherTreeProblems,
  readExtents,
  walkDamagedTable,
  type FileExtents,
} from './internal/fileCheck.js';
import { truncationNote } from './internal/fileHeader.js';
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
  /**
   * Check the file with SQLite's full `PRAGMA integrity_check`, which also matches every index
   * entry with its row, instead of `PRAGMA quick_check`; slower on a large file. Default false.
   */
  readonly fullIntegrityCheck?: boolean;
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
    const code = String((error as { code?: unknown }).code);
    if (code.startsWith('SQLITE_CORRUPT')) {
      const cut = truncationNote(path);
      throw new StoreOpenError(
        'STORE_CORRUPTED',
        `${path} is a damaged SQLite database that SQLite cannot read at all: ${(error as Error).message} (${code})${cut === '' ? '' : `; ${cut}`}`,
        { path },
      );
    }
    if (code === 'SQLITE_NOTADB') {
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
 * Verifies the SQLite store at `path`: every stream's hash chain, with the streams split into
 * ranges verified side by side, each by a thread that reads the file itself (the report on them
 * is the one `verifyStore` gives, breaks in the order of their global positions); and the file
 * itself (R-AUDIT-6, the report's `store`): SQLite's `PRAGMA quick_check` (`integrity_check`
 * with `fullIntegrityCheck`), and what each index of the events table holds (its count, its
 * greatest position) against what was read, so that a table that lost pages is never reported ok
 * over the events left. When the threads cannot read the table, it is walked on this thread
 * around its damaged pages, and the positions that cannot be read are problems with SQLite's
 * error; so is a row whose data is not JSON. Events appended meanwhile are left for the next
 * verification. The file is only read; it must be a Rapport store (`StoreOpenError` otherwise).
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
 * report.store?.problems; // []
 * report.ok; // true
 * temp.remove();
 */
export const verifySqliteStore = async (
  path: string,
  options: VerifySqliteOptions = {},
): Promise<VerificationReport> => {
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 1000));
  const method = options.fullIntegrityCheck === true ? 'integrity_check' : 'quick_check';
  const db = openToVerify(path);
  try {
    const extents = readExtents(db);
    const head = headToRead(extents);
    const threads = verificationThreads(options.threads, head);
    const problems: StoreProblem[] = [...extents.problems];
    let report: VerificationReport;
    try {
      const ranges: ReadonlyArray<StreamRange> =
        threads === 1
          ? [{ from: null, to: null }]
          : streamRanges(sampleStreams(db, head, SAMPLE_PER_RANGE * threads), threads);
      const inputs = ranges.map((range): RangeInput => ({ path, range, head, batchSize }));
      report = await verifyInThreads(
        new URL('./internal/readPartition.js', import.meta.url),
        inputs,
        threads,
      );
    } catch {
      // A thread could not read the table (a damaged page, data that is not JSON): walked again
      // here, around what cannot be read, which the walk reports with where and why.
      // Positions are looked up one by one only as far as a readable index says events are.
      const readable = extents.indexes.flatMap((index) => (index.extent === null ? [] : [index.extent]));
      const known = readable.length === 0 ? head : Math.max(...readable.map((extent) => extent.headPosition));
      const walked = walkDamagedTable(db, head, batchSize, known);
      report = walked.report;
      problems.push(...walked.problems);
    }
    problems.push(...integrityProblems(db, method));
    problems.push(...otherTreeProblems(db));
    problems.push(...indexProblems(db, extents, report));
    const stored = extents.indexes.find((index) => index.extent !== null)?.extent ?? {
      events: report.events,
      headPosition: extents.tableHead ?? report.headPosition,
    };
    return withStoreCheck(report, {
      method,
      stored,
      gaps: report.missingPositions > 0 ? gapRanges(db, head) : [],
      problems,
    });
  } finally {
    db.close();
  }
};

/**
 * The position to read up to: the table's own head, or, when it cannot be read, the greatest one
 * an index holds.
 */
const headToRead = (extents: FileExtents): number =>
  extents.tableHead ?? Math.max(0, ...extents.indexes.map((index) => index.extent?.headPosition ?? 0));
