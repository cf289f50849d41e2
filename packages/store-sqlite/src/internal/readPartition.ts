/**
 * The rows of one range of a SQLite store's streams, read in global order up to a given head, for
 * `verifyInThreads` (R-AUDIT-5). Loaded in every verifying thread, so it imports only the driver.
 */
import Database from 'better-sqlite3';
import type { EventRow, PartitionReader, StreamRange } from '@rapport/core/adapter';

/** What a thread verifies: a range of the streams of the file at `path`, up to position `head`. */
export interface RangeInput {
  readonly path: string;
  readonly range: StreamRange;
  readonly head: number;
  readonly batchSize: number;
}

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

/** The error of a table whose tree gives a position at or before one it gave already. */
const outOfOrder = (after: number, position: number): Error =>
  Object.assign(
    new Error(
      `the events table gives position ${String(position)} after position ${String(after)}: its tree is damaged`,
    ),
    { code: 'STORE_CORRUPTED' },
  );

/**
 * Reads the rows of `range` with global positions up to `head`, `batchSize` at a time, from the
 * file opened read-only. The comparisons on `stream_id` are kept off its index (`+stream_id`), so
 * that SQLite walks the table in global order and skips the other ranges' rows itself.
 *
 * @example
 * import type { EventRow } from '@rapport/core/adapter';
 * import { createTempDir, newEvents } from '@rapport/core/testing';
 * import { openSqliteEventStore } from '@rapport/store-sqlite';
 * import { readPartition } from './readPartition.js';
 * const temp = createTempDir('read-partition');
 * const path = temp.file('rapport.db');
 * const store = await openSqliteEventStore({ path });
 * await store.append('a-1', newEvents(2));
 * await store.append('b-1', newEvents(1));
 * await store.append('a-2', newEvents(1));
 * await store.close();
 * const rows: EventRow[] = [];
 * await readPartition({ path, range: { from: null, to: 'b' }, head: 3, batchSize: 1 }, (batch) => rows.push(...batch));
 * rows.map((row) => `${row.stream_id}@${row.global_position}`); // ['a-1@1', 'a-1@2']: a-2 is past the head
 * temp.remove();
 */
export const readPartition: PartitionReader<RangeInput> = (input, take) => {
  const { range, head, batchSize } = input;
  const conditions = ['global_position > ?', 'global_position <= ?'];
  if (range.from !== null) conditions.push('+stream_id >= ?');
  if (range.to !== null) conditions.push('+stream_id < ?');
  const bounds = [range.from, range.to].filter((bound) => bound !== null);
  const db = new Database(input.path, { readonly: true, fileMustExist: true });
  try {
    // Rows as arrays: better-sqlite3 makes them at about half the cost of objects.
    const select = db
      .prepare(
        `SELECT ${COLUMNS} FROM events WHERE ${conditions.join(' AND ')} ORDER BY global_position LIMIT ?`,
      )
      .raw(true);
    let after = 0;
    for (;;) {
      const rows = select.all(after, head, ...bounds, batchSize) as RawRow[];
      // A damaged page can make the table's tree give rows again or out of order (a page that
      // points back at one above it): read on, that would never end. The walk around damaged
      // pages reads such a table position by position.
      for (const row of rows) {
        if (row[0] <= after) throw outOfOrder(after, row[0]);
        after = row[0];
      }
      take(rows.map(rowOf));
      if (rows.length < batchSize) break;
    }
  } finally {
    db.close();
  }
};
