/**
 * Verification of a PostgreSQL store (R-AUDIT-5, R-AUDIT-6): its hash chains on several threads,
 * the streams split into ranges, each verified by a thread with a connection of its own, and the
 * reports merged into the one `verifyStore` gives; then the store's count of rows and position
 * counter set against what the threads read.
 */
import pg from 'pg';
import { RapportError, type VerificationReport } from '@rapport/core';
import {
  streamRanges,
  verificationThreads,
  verifyInThreads,
  withStoreCheck,
  type StreamRange,
} from '@rapport/core/adapter';
import { checkSchemaName } from './internal/schema.js';
import type { RangeInput } from './internal/readPartition.js';
import { checkPostgresStore } from './internal/storeCheck.js';

/** Where the store is: a server and the schema that holds the store's tables (default `rapport`). */
export interface PostgresStoreLocation {
  readonly connectionString: string;
  readonly schema?: string;
}

export interface VerifyPostgresOptions {
  /**
   * Threads that verify side by side, each one range of the streams with a connection of its own:
   * the calling thread and `threads - 1` worker threads; 1 verifies on the calling thread only.
   * Default the number of cores, but no more than one thread per 20,000 events
   * (`verificationThreads`).
   */
  readonly threads?: number;
  /** Global positions each thread reads at a time; default 500. */
  readonly batchSize?: number;
}

/** Connects to the server, runs `work` with the connection and closes it. */
const withClient = async <A>(
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

/** Sampled events per range: enough to split the streams into ranges of about as many events each. */
const SAMPLE_PER_RANGE = 512;

/** The store's head: the position counter, as the store's `readAll` reads it. */
const headOf = async (client: pg.ClientBase, schema: string): Promise<number> => {
  try {
    const { rows } = await client.query<{ last_position: unknown }>(
      `SELECT last_position FROM ${schema}.event_position`,
    );
    return Number(rows[0]?.last_position ?? 0);
  } catch (error) {
    // 42P01: no such table, so no store in that schema.
    if ((error as { code?: unknown }).code === '42P01') {
      throw new RapportError('STORE_NOT_FOUND', `there is no Rapport store in the schema "${schema}"`, {
        schema,
      });
    }
    throw error;
  }
};

/** The stream ids of events at evenly spaced positions up to `head`, sorted byte by byte. */
const sampleStreams = async (
  client: pg.ClientBase,
  schema: string,
  head: number,
  size: number,
): Promise<ReadonlyArray<string>> => {
  const count = Math.min(size, head);
  const positions = Array.from({ length: count }, (_, i) => Math.ceil(((i + 1) * head) / count));
  const { rows } = await client.query<{ stream_id: string }>(
    `SELECT stream_id FROM ${schema}.events WHERE global_position = ANY($1::bigint[]) ORDER BY stream_id COLLATE "C"`,
    [positions],
  );
  return rows.map((row) => row.stream_id);
};

/**
 * Verifies the PostgreSQL store at `location`: every stream's hash chain, with the streams split
 * into ranges verified side by side, each by a thread with a connection of its own (the report on
 * them is the one `verifyStore` gives, breaks in the order of their global positions); and the
 * store itself (R-AUDIT-6, the report's `store`): its rows counted and its position counter
 * against what was read, so that events deleted behind its back, its last ones included, are
 * never reported ok. Events appended meanwhile are left for the next verification. Only reads.
 *
 * @example
 * // (not run: needs a PostgreSQL server)
 * import { verifyPostgresStore } from '@rapport/store-postgres';
 * const report = await verifyPostgresStore({ connectionString: 'postgres://postgres@127.0.0.1:5432/rapport' }, { threads: 2 });
 * report.ok; // true when every chain holds
 */
export const verifyPostgresStore = async (
  location: PostgresStoreLocation,
  options: VerifyPostgresOptions = {},
): Promise<VerificationReport> => {
  const schema = location.schema ?? 'rapport';
  checkSchemaName(schema);
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? 500));
  const { connectionString } = location;
  const { inputs, threads, head } = await withClient(connectionString, async (client) => {
    const head = await headOf(client, schema);
    const threads = verificationThreads(options.threads, head);
    const ranges: ReadonlyArray<StreamRange> =
      threads === 1
        ? [{ from: null, to: null }]
        : streamRanges(await sampleStreams(client, schema, head, SAMPLE_PER_RANGE * threads), threads);
    return {
      threads,
      head,
      inputs: ranges.map((range): RangeInput => ({ connectionString, schema, range, head, batchSize })),
    };
  });
  const report = await verifyInThreads(
    new URL('./internal/readPartition.js', import.meta.url),
    inputs,
    threads,
  );
  const check = await withClient(connectionString, (client) =>
    checkPostgresStore(
      async (text, params = []) => (await client.query(text, [...params])).rows,
      schema,
      head,
      report,
    ),
  );
  return withStoreCheck(report, check);
};
