/**
 * Workload 3, replay: every projection rebuilt from the whole history, as an application does on
 * start without snapshots (the projections an auditor reads, `createRapport({ store })
 * .audit(capability).projections()`, catch up from position 0).
 * From the in-memory store, and from the SQLite store beside the limit of reading its rows and
 * decoding them with nothing else, measured in the same run on the same file.
 */
import Database from 'better-sqlite3';
import type { EventStore } from '@rapport/core';
import { createRapport, type RelationshipProjections } from '@rapport/domain';
import { projectionsOf } from '@rapport/domain/testing';
import { openSqliteEventStore } from '@rapport/store-sqlite';
import { figure, type Measured } from '../internal/figure.js';
import { measureRate } from '../internal/measure.js';
import { buildMemoryHistory, replayDatabase } from '../internal/replayHistory.js';
import type { Workload, WorkloadContext } from '../internal/workload.js';

const W = 'replay';
const PAGE = 500;

/** Every projection rebuilt from `store` by a new facade, read with the audit capability. */
export const caughtUpProjections = (store: EventStore): Promise<RelationshipProjections> =>
  projectionsOf(createRapport({ store }));

/** Rebuilds every projection from `store`; returns the number of events folded. */
export const rebuildProjections = async (store: EventStore): Promise<number> =>
  (await caughtUpProjections(store)).checkpoint;

/** Reads every event as `readAll` would hand it over, and does nothing with it. */
const readOnly = async (store: EventStore): Promise<number> => {
  let events = 0;
  for await (const batch of store.readAll()) events += batch.length;
  return events;
};

/**
 * The plain SQLite limit: the rows read in pages by primary key, as arrays of values (raw mode,
 * the cheapest way better-sqlite3 hands rows over), each made into an event with its data parsed.
 */
const readRows = (path: string): number => {
  const db = new Database(path, { readonly: true });
  try {
    const page = db
      .prepare(
        `SELECT global_position, stream_id, stream_version, event_id, type, schema_version, data, actor,
        recorded_at, correlation_id, causation_id, previous_hash, hash
        FROM events WHERE global_position > ? ORDER BY global_position LIMIT ?`,
      )
      .raw(true);
    let after = 0;
    let events = 0;
    for (;;) {
      const rows = page.all(after, PAGE) as unknown[][];
      if (rows.length === 0) return events;
      for (const row of rows) {
        const event = {
          id: row[3],
          type: row[4],
          schemaVersion: row[5],
          data: JSON.parse(row[6] as string) as unknown,
          actor: row[7],
          recordedAt: row[8],
          correlationId: row[9],
          causationId: row[10],
          streamId: row[1],
          streamVersion: row[2],
          globalPosition: row[0] as number,
          previousHash: row[11],
          hash: row[12],
        };
        if (event.globalPosition > after) events++;
      }
      after = rows[rows.length - 1]![0] as number;
    }
  } finally {
    db.close();
  }
};

const run = async (context: WorkloadContext): Promise<ReadonlyArray<Measured>> => {
  const repeats = context.sizes.slowRepeats;
  const memory = await buildMemoryHistory(context);
  const size = `${memory.events.toLocaleString('en-US')} events`;
  const figures: Measured[] = [
    figure(
      {
        workload: W,
        id: 'limit.replay.memory.read',
        label: `in-memory readAll only (${size})`,
        unit: 'events/s',
        role: 'limit',
      },
      await measureRate({ ...repeats, setup: () => undefined, run: () => readOnly(memory.store) }),
    ),
    figure(
      {
        workload: W,
        id: 'replay.memory',
        label: `rebuild every projection from memory (${size})`,
        unit: 'events/s',
        target: { kind: 'atLeast', value: 1_000_000 },
        limitId: 'limit.replay.memory.read',
      },
      await measureRate({ ...repeats, setup: () => undefined, run: () => rebuildProjections(memory.store) }),
    ),
  ];
  const path = await replayDatabase(context, memory);
  const store = await openSqliteEventStore({ path });
  try {
    figures.push(
      figure(
        {
          workload: W,
          id: 'limit.replay.sqlite.rows',
          label: `SQLite rows read and decoded, nothing else (${size})`,
          unit: 'events/s',
          role: 'limit',
        },
        await measureRate({ ...repeats, setup: () => undefined, run: () => readRows(path) }),
      ),
      figure(
        {
          workload: W,
          id: 'replay.sqlite.read',
          label: `SQLite store readAll only (${size})`,
          unit: 'events/s',
          limitId: 'limit.replay.sqlite.rows',
        },
        await measureRate({ ...repeats, setup: () => undefined, run: () => readOnly(store) }),
      ),
      figure(
        {
          workload: W,
          id: 'replay.sqlite',
          label: `rebuild every projection from SQLite (${size})`,
          unit: 'events/s',
          target: { kind: 'atLeastOfLimit', fraction: 0.7 },
          limitId: 'limit.replay.sqlite.rows',
        },
        await measureRate({ ...repeats, setup: () => undefined, run: () => rebuildProjections(store) }),
      ),
    );
  } finally {
    await store.close();
  }
  return figures;
};

/**
 * Workload 3, replay, as the suite runs it.
 *
 * @example
 * import { replay } from './replay.js';
 * replay.name; // 'replay'
 */
export const replay: Workload = { name: W, title: '3. Replay', run };
