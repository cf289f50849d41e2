/**
 * Verification of one range of a SQLite store's streams (R-AUDIT-5): the range's events read in
 * global order, up to a given head, and checked as `verifyStore` checks them.
 */
import Database from 'better-sqlite3';
import {
  createChainVerifier,
  StoreOpenError,
  type StreamRange,
  type VerificationReport,
} from '@rapport/core';
import { eventFromRow, type EventRow } from '@rapport/core/adapter';
import { APPLICATION_ID } from './schema.js';

/** What a worker verifies: a range of the streams of the file at `path`, up to position `head`. */
export interface RangeInput {
  readonly path: string;
  readonly range: StreamRange;
  readonly head: number;
  readonly batchSize: number;
}

/**
 * Opens a store's file to read it only, refusing a file that is missing or not a Rapport store.
 *
 * @example
 * // const db = openToVerify('./rapport.db');
 */
export const openToVerify = (path: string): Database.Database => {
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

/** The columns read, in the order of `RawRow`. */
const COLUMNS =
  'global_position, stream_id, stream_version, event_id, type, schema_version, data, actor, recorded_at, correlation_id, causation_id, previous_hash, hash';

/** A row of `events` as an array, in the order of `COLUMNS`. */
type RawRow = [
  number,
  string,
  number,
  string,
  string,
  number,
  string,
  string,
  string,
  string,
  string | null,
  string | null,
  string,
];

const rowOf = (raw: RawRow): EventRow => ({
  global_position: raw[0],
  stream_id: raw[1],
  stream_version: raw[2],
  event_id: raw[3],
  type: raw[4],
  schema_version: raw[5],
  data: raw[6],
  actor: raw[7],
  recorded_at: raw[8],
  correlation_id: raw[9],
  causation_id: raw[10],
  previous_hash: raw[11],
  hash: raw[12],
});

/**
 * Verifies the streams of `range`, reading their events with global positions up to `head` in
 * batches of `batchSize`. The comparisons on `stream_id` are kept off its index (`+stream_id`),
 * so that SQLite walks the table in global order and skips the other ranges' rows itself.
 *
 * @example
 * // verifyRange(openToVerify(path), { path, range: { from: null, to: null }, head: 100, batchSize: 2000 });
 */
export const verifyRange = (db: Database.Database, input: RangeInput): VerificationReport => {
  const { range, head, batchSize } = input;
  const conditions = ['global_position > ?', 'global_position <= ?'];
  if (range.from !== null) conditions.push('+stream_id >= ?');
  if (range.to !== null) conditions.push('+stream_id < ?');
  // Rows as arrays (in the order of COLUMNS): better-sqlite3 makes them at half the cost of objects.
  const select = db
    .prepare(
      `SELECT ${COLUMNS} FROM events WHERE ${conditions.join(' AND ')} ORDER BY global_position LIMIT ?`,
    )
    .raw(true);
  const bounds = [range.from, range.to].filter((bound) => bound !== null);
  const verifier = createChainVerifier();
  let after = 0;
  for (;;) {
    const rows = select.all(after, head, ...bounds, batchSize) as RawRow[];
    for (let i = 0; i < rows.length; i++) verifier.check(eventFromRow(rowOf(rows[i]!)));
    if (rows.length < batchSize) break;
    after = rows[rows.length - 1]![0];
  }
  return verifier.report();
};
