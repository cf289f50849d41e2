/**
 * Workload 2, appends: single events and batches of 100, to the in-memory store, to the SQLite
 * store with its durable settings (WAL, synchronous FULL), and to PostgreSQL with 1 and 8
 * concurrent writers. Plain SQLite inserts of the same rows, with the same settings, are measured
 * beside them as the limit a SQLite-backed store can reach.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { InMemoryEventStore } from '@rapport/core';
import { openSqliteEventStore } from '@rapport/store-sqlite';
import { figure, type Measured } from '../internal/figure.js';
import { measureRate } from '../internal/measure.js';
import type { Workload, WorkloadContext } from '../internal/workload.js';
import { stringifyAndHashLimit } from './limits.js';
import { postgresAppends } from './postgresAppends.js';
import { appendAll, appendCalls, type AppendCall } from '../internal/appendCalls.js';

const W = 'appends';

const memoryFigures = async (context: WorkloadContext): Promise<Measured[]> => {
  const { sizes } = context;
  const bench = (total: number, batch: number) =>
    measureRate({
      ...sizes.repeats,
      setup: () => ({ store: new InMemoryEventStore(), calls: appendCalls(total, batch, sizes.streams) }),
      run: ({ store, calls }) => appendAll(store, calls),
    });
  const limit = await stringifyAndHashLimit(context, W);
  return [
    limit,
    figure(
      {
        workload: W,
        id: 'appends.memory.single',
        label: 'in-memory, single events',
        unit: 'events/s',
        target: { kind: 'atLeast', value: 150_000 },
        limitId: limit.id,
      },
      await bench(sizes.singleAppends, 1),
    ),
    figure(
      {
        workload: W,
        id: 'appends.memory.batch100',
        label: 'in-memory, batches of 100',
        unit: 'events/s',
        target: { kind: 'atLeast', value: 400_000 },
        limitId: limit.id,
      },
      await bench(sizes.batchedAppends, 100),
    ),
  ];
};

const COLUMNS = `global_position INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, stream_version INTEGER NOT NULL,
  event_id TEXT NOT NULL UNIQUE, type TEXT NOT NULL, schema_version INTEGER NOT NULL, data TEXT NOT NULL,
  actor TEXT NOT NULL, recorded_at TEXT NOT NULL, correlation_id TEXT NOT NULL, causation_id TEXT,
  previous_hash TEXT, hash TEXT NOT NULL, UNIQUE (stream_id, stream_version)`;

const FAKE_HASH = 'f'.repeat(64);

/**
 * The plain SQLite limit: the same rows inserted with prepared statements in transactions of
 * `batch` rows, WAL and synchronous FULL, the data serialized with JSON.stringify; no decoding,
 * no version check, no hashing.
 */
const rawSqliteInserts = async (context: WorkloadContext, total: number, batch: number) => {
  let file = 0;
  return measureRate({
    ...context.sizes.slowRepeats,
    setup: () => {
      const path = join(context.scratchDir, `raw-${batch}-${file++}.db`);
      const db = new Database(path);
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.exec(`CREATE TABLE events (${COLUMNS}) STRICT`);
      const insert = db.prepare(`INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
      const write = db.transaction((call: AppendCall, position: number) => {
        call.events.forEach((event, k) =>
          insert.run(
            position + k,
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
          ),
        );
      });
      return { db, path, write, calls: appendCalls(total, batch, context.sizes.streams) };
    },
    run: ({ write, calls }) => {
      let position = 1;
      for (const call of calls) {
        write.immediate(call, position);
        position += call.events.length;
      }
      return position - 1;
    },
    teardown: ({ db, path }) => {
      db.close();
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
    },
  });
};

const sqliteFigures = async (context: WorkloadContext): Promise<Measured[]> => {
  const { sizes } = context;
  let file = 0;
  const bench = (total: number, batch: number) =>
    measureRate({
      ...sizes.slowRepeats,
      setup: async () => {
        const path = join(context.scratchDir, `store-${batch}-${file++}.db`);
        const store = await openSqliteEventStore({ path });
        return { store, path, calls: appendCalls(total, batch, sizes.streams) };
      },
      run: ({ store, calls }) => appendAll(store, calls),
      teardown: async ({ store, path }) => {
        await store.close();
        for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
      },
    });
  const limitSingle = 'limit.sqlite.insert.single';
  const limitBatch = 'limit.sqlite.insert.batch100';
  return [
    figure(
      {
        workload: W,
        id: limitSingle,
        label: 'plain SQLite insert, 1 row per commit (FULL)',
        unit: 'events/s',
        role: 'limit',
      },
      await rawSqliteInserts(context, sizes.sqliteSingleAppends, 1),
    ),
    figure(
      {
        workload: W,
        id: 'appends.sqlite.single',
        label: 'SQLite (WAL, FULL), single events',
        unit: 'events/s',
        limitId: limitSingle,
      },
      await bench(sizes.sqliteSingleAppends, 1),
    ),
    figure(
      {
        workload: W,
        id: limitBatch,
        label: 'plain SQLite insert, 100 rows per commit (FULL)',
        unit: 'events/s',
        role: 'limit',
      },
      await rawSqliteInserts(context, sizes.sqliteBatchedAppends, 100),
    ),
    figure(
      {
        workload: W,
        id: 'appends.sqlite.batch100',
        label: 'SQLite (WAL, FULL), batches of 100',
        unit: 'events/s',
        target: { kind: 'atLeast', value: 50_000 },
        limitId: limitBatch,
      },
      await bench(sizes.sqliteBatchedAppends, 100),
    ),
  ];
};

const run = async (context: WorkloadContext): Promise<ReadonlyArray<Measured>> => [
  ...(await memoryFigures(context)),
  ...(await sqliteFigures(context)),
  ...(await postgresAppends(context)),
];

/**
 * Workload 2, appends, as the suite runs it.
 *
 * @example
 * import { appends } from './appends.js';
 * appends.name; // 'appends'
 */
export const appends: Workload = { name: W, title: '2. Appends', run };
