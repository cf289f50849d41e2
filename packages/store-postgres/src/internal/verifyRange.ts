/**
 * Verification of one range of a PostgreSQL store's streams (R-AUDIT-5): the range's events read
 * in global order, up to a given head, and checked as `verifyStore` checks them.
 */
import pg from 'pg';
import { createChainVerifier, type StreamRange, type VerificationReport } from '@rapport/core';
import { eventFromRow, type EventRow } from '@rapport/core/adapter';
import { SELECT_COLUMNS } from './rows.js';

/** What a thread verifies: a range of the streams of `schema`, up to position `head`. */
export interface RangeInput {
  readonly connectionString: string;
  readonly schema: string;
  readonly range: StreamRange;
  readonly head: number;
  readonly batchSize: number;
}

/**
 * Verifies the streams of `range`, reading their events with global positions up to `head` in
 * batches of `batchSize`. Stream ids are compared byte by byte (`COLLATE "C"`), as the ranges
 * were made, whatever the database's collation.
 *
 * @example
 * // await verifyRange(client, { connectionString, schema: 'rapport', range: { from: null, to: null }, head: 100, batchSize: 2000 });
 */
export const verifyRange = async (client: pg.ClientBase, input: RangeInput): Promise<VerificationReport> => {
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
  const text = `SELECT ${SELECT_COLUMNS} FROM ${schema}.events WHERE ${conditions.join(' AND ')}
    ORDER BY global_position LIMIT $${bounds.length + 3}`;
  const verifier = createChainVerifier();
  let after = 0;
  for (;;) {
    const { rows } = await client.query<EventRow>(text, [after, head, ...bounds, batchSize]);
    for (let i = 0; i < rows.length; i++) verifier.check(eventFromRow(rows[i]!));
    if (rows.length < batchSize) break;
    after = Number(rows[rows.length - 1]!.global_position);
  }
  return verifier.report();
};

/**
 * Connects to the server, runs `work` with the connection and closes it.
 *
 * @example
 * // await withClient(connectionString, (client) => verifyRange(client, input));
 */
export const withClient = async <A>(
  connectionString: string,
  work: (client: pg.Client) => Promise<A>,
): Promise<A> => {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
};
