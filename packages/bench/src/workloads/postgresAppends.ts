/**
 * The PostgreSQL part of workload 2: single events and batches of 100, with 1 and with 8
 * concurrent writers (each on its own streams), against the server at `RAPPORT_PG_URL`, in a
 * schema of the benchmark's own that is dropped afterwards. Plain multi-row INSERTs of the same
 * rows, by the same number of connections, are measured beside them as the limit.
 */
import pg from 'pg';
import { openPostgresEventStore } from '@rapport/store-postgres';
import { figure, skipped, type FigureSpec, type Measured } from '../internal/figure.js';
import { measureRate } from '../internal/measure.js';
import type { WorkloadContext } from '../internal/workload.js';
import { appendAll, appendCalls, type AppendCall } from '../internal/appendCalls.js';

const W = 'appends';
const CONFIGS = [
  { writers: 1, batch: 1 },
  { writers: 1, batch: 100 },
  { writers: 8, batch: 1 },
  { writers: 8, batch: 100 },
] as const;

const specOf = (writers: number, batch: number): FigureSpec => ({
  workload: W,
  id: `appends.postgres.w${writers}.b${batch}`,
  label: `PostgreSQL, ${writers} writer${writers > 1 ? 's' : ''}, ${batch === 1 ? 'single events' : `batches of ${batch}`}`,
  unit: 'events/s',
  limitId: `limit.postgres.insert.w${writers}.b${batch}`,
});

const limitSpecOf = (writers: number, batch: number): FigureSpec => ({
  workload: W,
  id: `limit.postgres.insert.w${writers}.b${batch}`,
  label: `plain PostgreSQL insert, ${writers} connection${writers > 1 ? 's' : ''}, ${batch} row${batch > 1 ? 's' : ''} per statement`,
  unit: 'events/s',
  role: 'limit',
});

/** Streams that already hold events when the appends of the `held` figure are timed. */
const HELD_STREAMS = 50;

/** Single events appended by one writer to streams that hold events: the path of most appends. */
const heldSpec: FigureSpec = {
  workload: W,
  id: 'appends.postgres.w1.b1.held',
  label: `PostgreSQL, 1 writer, single events to ${HELD_STREAMS} streams that hold events`,
  unit: 'events/s',
  limitId: 'limit.postgres.insert.w1.b1',
};

/** The calls of each writer: disjoint streams, named apart by a prefix. */
const writerCalls = (total: number, batch: number, writers: number, streams: number, run: number) =>
  Array.from({ length: writers }, (_, w) =>
    appendCalls(Math.floor(total / writers), batch, Math.max(1, Math.floor(streams / writers))).map(
      (call): AppendCall => ({ ...call, streamId: `r${run}-w${w}-${call.streamId}` }),
    ),
  );

const reachable = async (url: string): Promise<string | undefined> => {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return undefined;
  } catch (error) {
    return `PostgreSQL at RAPPORT_PG_URL is unreachable (${error instanceof Error ? error.message : String(error)})`;
  } finally {
    await client.end().catch(() => undefined);
  }
};

const ROW_COLUMNS =
  'global_position, stream_id, stream_version, event_id, type, schema_version, data, actor, recorded_at, correlation_id, causation_id, previous_hash, hash';
const FAKE_HASH = 'f'.repeat(64);

/** Plain INSERTs of the calls' rows, one statement per call, by `writers` connections at once. */
const rawInserts = async (
  pool: pg.Pool,
  table: string,
  callsOf: ReadonlyArray<ReadonlyArray<AppendCall>>,
) => {
  let position = 0;
  await Promise.all(
    callsOf.map(async (calls) => {
      const client = await pool.connect();
      try {
        for (const call of calls) {
          const params: unknown[] = [];
          const rows = call.events.map((event, k) => {
            const base = params.length;
            params.push(
              ++position,
              call.streamId,
              call.expectedVersion + k + 1,
              event.id,
              event.type,
              event.schemaVersion,
              JSON.stringify(event.data),
              event.actor,
              event.recordedAt,
              event.correlationId,
              event.causationId,
              // The first event of a stream has no previous hash; every other one stores 64 characters.
              call.expectedVersion + k === 0 ? null : FAKE_HASH,
              FAKE_HASH,
            );
            return `(${Array.from({ length: 13 }, (_, i) => `$${base + i + 1}`).join(', ')})`;
          });
          await client.query(`INSERT INTO ${table} (${ROW_COLUMNS}) VALUES ${rows.join(', ')}`, params);
        }
      } finally {
        client.release();
      }
    }),
  );
  return callsOf.reduce((sum, calls) => sum + calls.reduce((n, call) => n + call.events.length, 0), 0);
};

/** The PostgreSQL figures, or skipped figures saying why none could be taken. */
export const postgresAppends = async (context: WorkloadContext): Promise<Measured[]> => {
  const url = context.postgresUrl;
  const unavailable = url === undefined ? 'RAPPORT_PG_URL is not set' : await reachable(url);
  if (url === undefined || unavailable !== undefined) {
    return [
      ...CONFIGS.flatMap(({ writers, batch }) => [
        skipped(limitSpecOf(writers, batch), `skipped: ${unavailable}`),
        skipped(specOf(writers, batch), `skipped: ${unavailable}`),
      ]),
      skipped(heldSpec, `skipped: ${unavailable}`),
    ];
  }
  const schema = `rapport_bench_${process.pid}`;
  const pool = new pg.Pool({ connectionString: url, max: 8 });
  const store = await openPostgresEventStore({ connectionString: url, poolSize: 8, schema });
  const { sizes } = context;
  const figures: Measured[] = [];
  const totalOf = (batch: number): number =>
    batch === 1 ? sizes.postgresSingleAppends : sizes.postgresBatchedAppends;
  try {
    await pool.query(`CREATE TABLE ${schema}.plain_events (LIKE ${schema}.events INCLUDING ALL)`);
    let run = 0;
    for (const { writers, batch } of CONFIGS) {
      figures.push(
        figure(
          limitSpecOf(writers, batch),
          await measureRate({
            ...sizes.slowRepeats,
            setup: async () => {
              await pool.query(`TRUNCATE ${schema}.plain_events`);
              return writerCalls(totalOf(batch), batch, writers, sizes.streams, run++);
            },
            run: (callsOf) => rawInserts(pool, `${schema}.plain_events`, callsOf),
          }),
        ),
        figure(
          specOf(writers, batch),
          await measureRate({
            ...sizes.slowRepeats,
            setup: () => writerCalls(totalOf(batch), batch, writers, sizes.streams, run++),
            run: async (callsOf) =>
              (await Promise.all(callsOf.map((calls) => appendAll(store, calls)))).reduce((a, b) => a + b, 0),
          }),
        ),
      );
    }
    figures.push(
      figure(
        heldSpec,
        await measureRate({
          ...sizes.slowRepeats,
          // Each stream's first event is appended in the set-up, so every timed append follows one.
          setup: async () => {
            const [calls = []] = writerCalls(totalOf(1) + HELD_STREAMS, 1, 1, HELD_STREAMS, run++);
            await appendAll(store, calls.slice(0, HELD_STREAMS));
            return calls.slice(HELD_STREAMS);
          },
          run: (calls) => appendAll(store, calls),
        }),
      ),
    );
  } finally {
    await store.close();
    await pool.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await pool.end();
  }
  return figures;
};
