/**
 * The PostgreSQL event store, on a server (`pg` pool) or in-process (PGlite). Appends lock the
 * single position-counter row first, so positions are handed out in commit order: a reader sees
 * every position up to the counter and never a gap, and a subscriber that has read position p
 * never later finds an event below p. LISTEN/NOTIFY wakes subscribers; polling is the fallback.
 * Snapshots live in the same schema (R-AUDIT-1, R-AUDIT-2, R-AUDIT-5).
 */
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import {
  RapportError,
  StoreClosedError,
  type AppendResult,
  type EventStore,
  type ProjectionSnapshot,
  type ReadAllOptions,
  type RecordedEvent,
  type SnapshotStore,
  type StoredExtent,
  type StreamWrite,
} from '@rapport/core';
import {
  appendOneStream,
  checkAppend,
  createWakeup,
  decodeRecordedEvents,
  decodeSnapshot,
  eventFromRow,
  openSubscriptions,
  planAppend,
  planImport,
  readAllInRanges,
  type AppendPlan,
  type CheckedWrite,
  type EventRow,
  type ImportResult,
  type StoredState,
  type StreamHead,
} from '@rapport/core/adapter';
import { createGroupWriter } from './internal/groupCommit.js';
import { pgDatabase } from './internal/pgDatabase.js';
import { pgliteDatabase } from './internal/pgliteDatabase.js';
import { SELECT_COLUMNS, writeEventsParams, writeEventsSql } from './internal/rows.js';
import { checkSchemaName, openError, prepareSchema } from './internal/schema.js';
import type { SqlDatabase, SqlRunner, SqlSession } from './internal/sql.js';

/** Options every PostgreSQL store takes, wherever the database is. */
export interface PostgresStoreOptions {
  /** The schema that holds the store's tables, created if missing; default `rapport`. */
  readonly schema?: string;
  /**
   * Whether opening may create the store when the schema holds none; default true. With false, a
   * missing store is refused with `STORE_NOT_FOUND` and nothing is created: for readers.
   */
  readonly create?: boolean;
  /** How often a caught-up subscription looks for new events when no notification came; default 500 ms. */
  readonly pollIntervalMs?: number;
  /** The batch size of `readAll` and `subscribe` when the caller gives none; default 500. */
  readonly batchSize?: number;
}

/** Where the server is: a connection string (the store owns its pool) or a pool of the app's. */
export type PostgresConnection =
  { readonly connectionString: string; readonly poolSize?: number } | { readonly pool: pg.Pool };

export type PostgresEventStoreOptions = PostgresConnection & PostgresStoreOptions;

export interface PgliteEventStoreOptions extends PostgresStoreOptions {
  /** A PGlite database of the app's (left open on close); default a new one. */
  readonly db?: PGlite;
  /** Where a new PGlite database keeps its files; default in memory. */
  readonly dataDir?: string;
}

/**
 * A projection claimed by this app instance: while held, no other instance on the same database
 * gets it. `lost` aborts if the claim is lost with its connection; the holder then stops.
 */
export interface ProjectionClaim {
  readonly projection: string;
  readonly lost: AbortSignal;
  release(): Promise<void>;
}

/** The PostgreSQL event store: the `EventStore` and `SnapshotStore` ports, a verbatim import, projection claims. */
export interface PostgresEventStore extends EventStore, SnapshotStore {
  /** The schema that holds the store's tables. */
  readonly schema: string;
  /**
   * Stores already-recorded events (another store's `readAll`) verbatim, in the order given, after
   * checking that each one continues its stream's hash chain; their global positions are given
   * anew after this store's head. Events already stored with the same hash are skipped, so an
   * interrupted import can be run again. All or nothing per call.
   */
  importEvents(events: ReadonlyArray<RecordedEvent>): Promise<ImportResult>;
  /**
   * Claims a projection for this instance (a session advisory lock), so that app instances sharing
   * the database run each projection once, as competing consumers resuming from its snapshot's
   * checkpoint. Undefined when another instance holds it.
   */
  claimProjection(projection: string): Promise<ProjectionClaim | undefined>;
  /**
   * What the store says it holds after `after` and up to `to` (R-AUDIT-6): its count of rows, and
   * its head as its position counter gives it (at most `to`). Every position up to the counter was
   * given to an event, so a reader that ends before it, or reads fewer events than are counted,
   * did not read the whole history.
   */
  storedExtent(range?: Pick<ReadAllOptions, 'after' | 'to'>): Promise<StoredExtent>;
}

/**
 * Opens (creating or migrating its schema as needed) an event store on a PostgreSQL server.
 * Refuses with a `StoreOpenError`: `STORE_UNREACHABLE`, `STORE_CANNOT_OPEN`, `STORE_FOREIGN`,
 * `STORE_SCHEMA_TOO_NEW`, `STORE_CORRUPTED`, `STORE_BAD_SCHEMA_NAME`, and `STORE_NOT_FOUND` when
 * `create` is false and the schema holds no store.
 *
 * @example
 * // (not run: needs a PostgreSQL server; openPgliteEventStore's example runs the same store in-process)
 * import { openPostgresEventStore } from '@rapport/store-postgres';
 * const store = await openPostgresEventStore({ connectionString: 'postgres://postgres@127.0.0.1:5432/rapport' });
 * await store.append('contact-1', [{
 *   id: '01JD00000000000000000000AA', type: 'ContactAdded', schemaVersion: 1, data: { name: 'Ann' },
 *   actor: 'u_ann', recordedAt: '2026-11-23T09:30:00.000Z', correlationId: 'c1', causationId: null,
 * }], { expectedVersion: 'no_stream' });
 * await store.close();
 */
export const openPostgresEventStore = async (
  options: PostgresEventStoreOptions,
): Promise<PostgresEventStore> => {
  const owned = !('pool' in options);
  const pool =
    'pool' in options
      ? options.pool
      : new pg.Pool({ connectionString: options.connectionString, max: options.poolSize ?? 10 });
  return openOn(pgDatabase(pool, owned), options);
};

/**
 * Opens an event store on PGlite, PostgreSQL compiled to WebAssembly and run in this process: the
 * same SQL as on a server, for tests and single-process use.
 *
 * @example
 * import { openPgliteEventStore } from '@rapport/store-postgres';
 * const store = await openPgliteEventStore();
 * await store.headPosition(); // 0
 * await store.close();
 */
export const openPgliteEventStore = async (
  options: PgliteEventStoreOptions = {},
): Promise<PostgresEventStore> => {
  const description = options.dataDir === undefined ? 'PGlite in memory' : `PGlite at ${options.dataDir}`;
  let db: PGlite;
  try {
    db = options.db ?? (await PGlite.create(options.dataDir));
  } catch (error) {
    throw openError(error, description);
  }
  return openOn(pgliteDatabase(db, options.db === undefined, description), options);
};

const openOn = async (db: SqlDatabase, options: PostgresStoreOptions): Promise<PostgresEventStore> => {
  const schema = options.schema ?? 'rapport';
  try {
    checkSchemaName(schema);
    await prepareSchema(db, schema, options.create ?? true);
  } catch (error) {
    await db.close().catch(() => undefined);
    throw openError(error, db.description);
  }
  return createStore(db, schema, options);
};

/** How many stream heads a store remembers from its own appends. */
const REMEMBERED_HEADS = 10_000;

/** A stream's head as the heads query gives it; a null stream marks an event id already stored. */
interface HeadRow {
  readonly stream_id: string | null;
  readonly stream_version: number | string;
  readonly hash: string;
}

/** The results of a plan made from position 1, with every event moved `offset` positions on. */
const renumbered = (plan: AppendPlan, offset: number): ReadonlyArray<AppendResult> => {
  const moved = new Map<RecordedEvent, RecordedEvent>(
    plan.inserts.map((event) => [event, { ...event, globalPosition: event.globalPosition + offset }]),
  );
  return plan.results.map((result) => ({
    ...result,
    events: result.events.map((event) => moved.get(event) ?? event),
  }));
};

const createStore = (db: SqlDatabase, schema: string, options: PostgresStoreOptions): PostgresEventStore => {
  const defaultBatchSize = Math.max(1, Math.floor(options.batchSize ?? 500));
  const pollIntervalMs = options.pollIntervalMs ?? 500;
  const channel = `rapport_events_${schema}`;
  const wakeup = createWakeup();
  const subscriptions = openSubscriptions();
  let closed = false;

  const open = (): void => {
    if (closed) throw new StoreClosedError();
  };

  const headPosition = async (runner: SqlRunner = db): Promise<number> => {
    const [row] = await runner.query<{ last_position: unknown }>(
      `SELECT last_position FROM ${schema}.event_position`,
    );
    return Number(row?.last_position ?? 0);
  };

  /** Takes the position counter's row lock: every other append waits until this transaction ends. */
  const lockHead = async (tx: SqlRunner): Promise<number> => {
    const [row] = await tx.query<{ last_position: unknown }>(
      `SELECT last_position FROM ${schema}.event_position FOR UPDATE`,
    );
    return Number(row?.last_position ?? 0);
  };

  const headsSql = `SELECT s.stream_id, e.stream_version, e.hash
    FROM unnest($1::text[]) AS s(stream_id)
    CROSS JOIN LATERAL (SELECT stream_version, hash FROM ${schema}.events
      WHERE stream_id = s.stream_id ORDER BY stream_version DESC LIMIT 1) e`;

  const headsOf = (rows: ReadonlyArray<HeadRow>): Map<string, StreamHead> =>
    new Map(
      rows.flatMap((row) =>
        row.stream_id === null
          ? []
          : [[row.stream_id, { version: Number(row.stream_version), hash: row.hash }]],
      ),
    );

  const storedState = async (
    tx: SqlRunner,
    head: number,
    streamIds: ReadonlyArray<string>,
    eventIds: ReadonlyArray<string>,
  ): Promise<StoredState> => {
    const heads = headsOf(await tx.query<HeadRow>(headsSql, [[...new Set(streamIds)]]));
    const storedRows =
      eventIds.length === 0
        ? []
        : await tx.query<EventRow>(
            `SELECT ${SELECT_COLUMNS} FROM ${schema}.events WHERE event_id = ANY($1::text[])`,
            [eventIds],
          );
    const byId = new Map(storedRows.map((row) => [row.event_id, eventFromRow(row)]));
    return { heads, byId, firstPosition: head + 1 };
  };

  const writeSql = writeEventsSql(schema);
  const grouped = createGroupWriter(db, schema, channel);

  /**
   * The heads of the streams this store appended to last (at most `REMEMBERED_HEADS`, the oldest
   * forgotten first), so that a next append to one of them is planned without reading it. A head
   * another writer has moved since is found stale by the statement, as a head read just before is.
   */
  const remembered = new Map<string, StreamHead>();
  const remember = (results: ReadonlyArray<AppendResult>): void => {
    for (const { streamId, events } of results) {
      const last = events[events.length - 1];
      if (last === undefined || (remembered.get(streamId)?.version ?? 0) >= last.streamVersion) continue;
      remembered.delete(streamId);
      remembered.set(streamId, { version: last.streamVersion, hash: last.hash });
      if (remembered.size > REMEMBERED_HEADS) remembered.delete(remembered.keys().next().value!);
    }
  };

  /**
   * Stores events after the counter and moves it (one statement, see `writeEventsSql`); returns the
   * position of the first. `dataTexts[i]`, when given, is the canonical text of `events[i].data`.
   */
  const writeEvents = async (
    runner: SqlRunner,
    events: ReadonlyArray<RecordedEvent>,
    dataTexts?: ReadonlyArray<string>,
  ): Promise<number> => {
    const [row] = await runner.query<{ last_position: unknown }>(
      writeSql,
      writeEventsParams(events, channel, dataTexts),
    );
    return Number(row?.last_position ?? 0) - events.length + 1;
  };

  /** Inserts planned events and moves the counter; the notification is sent when the transaction commits. */
  const insertAll = async (
    tx: SqlRunner,
    events: ReadonlyArray<RecordedEvent>,
    dataTexts?: ReadonlyArray<string>,
  ): Promise<void> => {
    const first = events[0];
    if (first === undefined) return;
    const position = await writeEvents(tx, events, dataTexts);
    if (position !== first.globalPosition) {
      throw new RapportError(
        'STORE_INTERNAL',
        `events planned from position ${first.globalPosition} were stored from ${position}`,
      );
    }
  };

  /**
   * An append planned before taking the counter's lock, then stored by one statement that takes
   * it, inserts and moves the counter, committed on its own, together with the other appends of
   * this process that were ready meanwhile (group commit): the lock is held for one statement and
   * its commit instead of a whole transaction, and one commit serves the whole group. Planned from
   * the streams' heads read just before without any lock, so it stands only if those heads are
   * still the heads when it is stored: the statement skips an append of which an event's version
   * or id is stored by then (see `writeGroupSql`). Undefined, with nothing stored, whenever the
   * locked path must decide instead: an id is already stored (a retry or a reuse), the plan fails
   * (a conflict seen on heads that may be stale), nothing is to be inserted, or the plan (with the
   * versions its writes of no events guard) no longer holds when stored. An append that only creates streams (every expected version `no_stream` or
   * 0) reads nothing first: its streams can only be empty, and the statement's check finds a
   * stream that is not, or an id already stored, as it finds a head that moved; nor does an append
   * to streams whose heads this store remembers from its own appends.
   */
  const writeUnlocked = async (
    checked: ReadonlyArray<CheckedWrite>,
  ): Promise<ReadonlyArray<AppendResult> | undefined> => {
    const eventIds = checked.flatMap(({ events }) => events.map((event) => event.id));
    const creates = checked.every(
      ({ write: one }) => one.expectedVersion === 'no_stream' || one.expectedVersion === 0,
    );
    const known = checked.every(({ write: one }) => remembered.has(one.streamId));
    const rows =
      creates || known
        ? []
        : await db.query<HeadRow>(
            `${headsSql} UNION ALL SELECT NULL, NULL, event_id FROM ${schema}.events WHERE event_id = ANY($2::text[])`,
            [[...new Set(checked.map(({ write: one }) => one.streamId))], eventIds],
            `rapport_heads_${schema}`,
          );
    if (rows.some((row) => row.stream_id === null)) return undefined;
    let plan: AppendPlan;
    try {
      const heads = known && !creates ? remembered : headsOf(rows);
      plan = planAppend(checked, { heads, byId: new Map(), firstPosition: 1 });
    } catch {
      return undefined;
    }
    if (plan.inserts.length === 0) return undefined;
    // A write of no events guards its stream at the version its plan checked, until the commit.
    const guards = checked.flatMap(({ events }, index) => {
      const result = plan.results[index]!;
      return events.length === 0 ? [{ streamId: result.streamId, version: result.nextExpectedVersion }] : [];
    });
    const first = await grouped.store(plan, guards);
    return first === undefined ? undefined : renumbered(plan, first - 1);
  };

  const write = async (
    writes: ReadonlyArray<StreamWrite>,
    single: boolean,
  ): Promise<ReadonlyArray<AppendResult>> => {
    open();
    const checked: ReadonlyArray<CheckedWrite> = checkAppend(writes, single);
    const unlocked = await writeUnlocked(checked);
    if (unlocked !== undefined) {
      remember(unlocked);
      wakeup.wakeAll();
      return unlocked;
    }
    const plan = await db.transaction(async (tx) => {
      const head = await lockHead(tx);
      const state = await storedState(
        tx,
        head,
        checked.map(({ write: one }) => one.streamId),
        checked.flatMap(({ events }) => events.map((event) => event.id)),
      );
      const planned = planAppend(checked, state);
      await insertAll(tx, planned.inserts, planned.insertTexts);
      return planned;
    });
    remember(plan.results);
    if (plan.inserts.length > 0) wakeup.wakeAll();
    return plan.results;
  };

  const readRange = async (
    after: number,
    to: number,
    limit: number,
  ): Promise<ReadonlyArray<RecordedEvent>> => {
    open();
    const rows = await db.query<EventRow>(
      `SELECT ${SELECT_COLUMNS} FROM ${schema}.events
       WHERE global_position > $1 AND global_position <= $2 ORDER BY global_position LIMIT $3`,
      [after, to, limit],
    );
    return rows.map(eventFromRow);
  };

  let listener: Promise<SqlSession | undefined> | undefined;
  /** The LISTEN session, started with the first waiting subscriber; undefined when it cannot start. */
  const listen = (): Promise<SqlSession | undefined> => {
    listener ??= (async () => {
      try {
        const session = await db.session();
        session.onLost(() => {
          listener = undefined;
          wakeup.wakeAll();
        });
        await session.listen(channel, () => wakeup.wakeAll());
        return session;
      } catch {
        listener = undefined;
        return undefined;
      }
    })();
    return listener;
  };

  let claims: Promise<SqlSession> | undefined;
  const held = new Map<string, AbortController>();
  const claimSession = (): Promise<SqlSession> => {
    claims ??= db.session().then((session) => {
      session.onLost(() => {
        claims = undefined;
        for (const lost of held.values()) lost.abort();
        held.clear();
      });
      return session;
    });
    claims.catch(() => {
      claims = undefined;
    });
    return claims;
  };

  return {
    schema,
    appendMany: (writes) => write(writes, false),
    append: appendOneStream(write),
    readStream: async (streamId, readOptions = {}) => {
      open();
      const rows = await db.query<EventRow>(
        `SELECT ${SELECT_COLUMNS} FROM ${schema}.events
         WHERE stream_id = $1 AND stream_version BETWEEN $2::bigint AND $3::bigint ORDER BY stream_version`,
        [streamId, readOptions.fromVersion ?? 1, readOptions.toVersion ?? Number.MAX_SAFE_INTEGER],
      );
      return rows.map(eventFromRow);
    },
    streamVersion: async (streamId) => {
      open();
      const [row] = await db.query<{ version: unknown }>(
        `SELECT coalesce(max(stream_version), 0) AS version FROM ${schema}.events WHERE stream_id = $1`,
        [streamId],
      );
      return Number(row?.version ?? 0);
    },
    headPosition: async () => {
      open();
      return headPosition();
    },
    storedExtent: async (range = {}) => {
      open();
      // One statement: the counter and the rows as of one snapshot.
      const [row] = await db.query<{ events: unknown; head: unknown }>(
        `SELECT count(*) AS events, least($2::bigint, (SELECT last_position FROM ${schema}.event_position)) AS head
         FROM ${schema}.events WHERE global_position > $1
         AND global_position <= least($2::bigint, (SELECT last_position FROM ${schema}.event_position))`,
        [range.after ?? 0, range.to ?? Number.MAX_SAFE_INTEGER],
      );
      return { events: Number(row?.events ?? 0), headPosition: Number(row?.head ?? 0) };
    },
    readAll: (readOptions = {}) =>
      readAllInRanges(
        // The head is read now, not on the first `next`: the end is the end as of the call.
        (async () => {
          open();
          return headPosition();
        })(),
        readRange,
        readOptions,
        defaultBatchSize,
      ),
    subscribe: (subscribeOptions = {}) => {
      open();
      return subscriptions.subscribe(
        {
          readBatch: (after, limit) => readRange(after, Number.MAX_SAFE_INTEGER, limit),
          waitForEvents: async (after, signal) => {
            await listen();
            await wakeup.wait(async () => !closed && (await headPosition()) > after, pollIntervalMs, signal);
          },
        },
        subscribeOptions,
      );
    },
    importEvents: async (input) => {
      open();
      const events = decodeRecordedEvents(input);
      const plan = await db.transaction(async (tx) => {
        const head = await lockHead(tx);
        const state = await storedState(
          tx,
          head,
          events.map((event) => event.streamId),
          events.map((event) => event.id),
        );
        const planned = planImport(events, state);
        await insertAll(tx, planned.inserts);
        return planned;
      });
      if (plan.inserts.length > 0) wakeup.wakeAll();
      return { imported: plan.inserts.length, skipped: plan.skipped };
    },
    loadSnapshot: async (projection) => {
      open();
      const [row] = await db.query<{
        projection: string;
        version: number;
        checkpoint: unknown;
        state: string;
      }>(
        `SELECT projection, version, checkpoint, state::text AS state FROM ${schema}.projection_snapshots
         WHERE projection = $1`,
        [projection],
      );
      if (row === undefined) return undefined;
      const snapshot: ProjectionSnapshot = {
        projection: row.projection,
        version: Number(row.version),
        checkpoint: Number(row.checkpoint),
        state: JSON.parse(row.state) as unknown,
      };
      return snapshot;
    },
    saveSnapshot: async (input) => {
      open();
      const { snapshot, stateJson } = decodeSnapshot(input);
      await db.query(
        `INSERT INTO ${schema}.projection_snapshots (projection, version, checkpoint, state, saved_at)
         VALUES ($1, $2, $3, $4::json, now())
         ON CONFLICT (projection) DO UPDATE SET version = excluded.version, checkpoint = excluded.checkpoint,
           state = excluded.state, saved_at = excluded.saved_at`,
        [snapshot.projection, snapshot.version, snapshot.checkpoint, stateJson],
      );
    },
    claimProjection: async (projection) => {
      open();
      if (held.has(projection)) return undefined;
      const session = await claimSession();
      const [row] = await session.query<{ claimed: boolean }>(
        `SELECT pg_try_advisory_lock(hashtext($1), hashtext($2)) AS claimed`,
        [`rapport-projection:${schema}`, projection],
      );
      if (row?.claimed !== true || held.has(projection)) return undefined;
      const lost = new AbortController();
      held.set(projection, lost);
      return {
        projection,
        lost: lost.signal,
        release: async () => {
          if (held.get(projection) !== lost) return;
          held.delete(projection);
          await session.query(`SELECT pg_advisory_unlock(hashtext($1), hashtext($2))`, [
            `rapport-projection:${schema}`,
            projection,
          ]);
        },
      };
    },
    close: async () => {
      if (closed) return;
      await subscriptions.closeAll();
      closed = true;
      wakeup.wakeAll();
      const sessions = [listener, claims].map((pending) =>
        pending?.then((session) => session?.release()).catch(() => undefined),
      );
      await Promise.all(sessions);
      for (const lost of held.values()) lost.abort();
      held.clear();
      await db.close();
    },
  };
};
