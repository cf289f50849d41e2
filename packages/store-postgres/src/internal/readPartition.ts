/**
 * The rows of one range of a PostgreSQL store's streams, read in global order up to a given head,
 * for `verifyInThreads` (R-AUDIT-5). Loaded in every verifying thread, so it imports only the driver.
 */
import pg from 'pg';
import type { EventRow, PartitionReader, StreamRange } from '@rapport/core/adapter';

/** What a thread verifies: a range of the streams of `schema`, up to position `head`. */
export interface RangeInput {
  readonly connectionString: string;
  readonly schema: string;
  readonly range: StreamRange;
  readonly head: number;
  readonly batchSize: number;
}

/** The columns of `EventRow`, data as its stored text (as the store reads them). */
const COLUMNS =
  'global_position, stream_id, stream_version, event_id, type, schema_version, data::text AS data, actor, recorded_at, correlation_id, causation_id, previous_hash, hash';

/**
 * Reads the rows of `range`, in windows of `batchSize` global positions up to `head`, on a
 * connection of its own. Windows rather than `LIMIT`: a `LIMIT` query over all the positions left
 * may be planned as a scan and sort of all of them, for every batch. Stream ids are compared byte
 * by byte (`COLLATE "C"`), as the ranges were made, whatever the database's collation.
 *
 * @example
 * // (not run: needs a PostgreSQL server)
 * import type { EventRow } from '@rapport/core/adapter';
 * import { readPartition } from './readPartition.js';
 * const connectionString = 'postgres://postgres@127.0.0.1:5432/rapport';
 * const rows: EventRow[] = [];
 * const range = { from: null, to: 'contact-' }; // the streams whose ids sort before 'contact-'
 * await readPartition({ connectionString, schema: 'rapport', range, head: 100, batchSize: 500 }, (batch) => rows.push(...batch));
 * rows.every((row) => row.stream_id < 'contact-' && Number(row.global_position) <= 100); // true
 */
export const readPartition: PartitionReader<RangeInput> = async (input, take) => {
  const { schema, range, head, batchSize } = input;
  const conditions = ['global_position > $1', 'global_position <= $2'];
  const bounds: string[] = [];
  if (range.from !== null) {
    bounds.push(range.from);
    conditions.push(`stream_id COLLATE "C" >= $${bounds.length + 2}`);
  }
  if (range.to !== null) {
    bounds.push(range.to);
    conditions.push(`stream_id COLLATE "C" < $${bounds.length + 2}`);
  }
  const text = `SELECT ${COLUMNS} FROM ${schema}.events WHERE ${conditions.join(' AND ')} ORDER BY global_position`;
  const client = new pg.Client({ connectionString: input.connectionString });
  await client.connect();
  try {
    for (let after = 0; after < head; after += batchSize) {
      const { rows } = await client.query<EventRow>(text, [
        after,
        Math.min(after + batchSize, head),
        ...bounds,
      ]);
      take(rows);
    }
  } finally {
    await client.end();
  }
};
