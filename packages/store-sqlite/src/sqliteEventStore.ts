/**
 * The SQLite event store: one file in WAL mode, one immediate transaction per append, the global
 * position allocated inside that transaction (so readers never see a gap), a unique constraint on
 * (stream, version) and on event id, and projection snapshots in the same file (R-AUDIT-1,
 * R-AUDIT-2, R-AUDIT-5).
 */
import Database from 'better-sqlite3';
import {
  ConcurrencyError,
  RapportError,
  StoreClosedError,
  StoreOpenError,
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
  openSubscriptions,
  planAppend,
  planImport,
  readAllInRanges,
  type AppendPlan,
  type CheckedWrite,
  type ImportResult,
  type StoredState,
  type StreamHead,
} from '@rapport/core/adapter';
import { eventFromValues, type EventValues } from './internal/eventValues.js';
import { truncationNote } from './internal/fileHeader.js';
import { EVENT_COLUMNS, insertEventsSql, pushParams } from './internal/rows.js';
import { prepareSchema } from './internal/schema.js';

/** How hard SQLite works to keep an acknowledged append through a power loss. */
export type SqliteSynchronous = 'FULL' | 'NORMAL' | 'EXTRA';

const SYNCHRONOUS_LEVELS: ReadonlyArray<string> = ['FULL', 'NORMAL', 'EXTRA'];

export interface SqliteEventStoreOptions {
  /** The database file; default `./rapport.db`. `:memory:` keeps everything in memory. */
  readonly path?: string;
  /**
   * `FULL` (default): an acknowledged append survives a crash of the process and of the machine.
   * `NORMAL`: faster; survives a crash of the process, may lose the last appends on power loss.
   * `EXTRA`: `FULL` plus a sync of the directory on each commit.
   */
  readonly synchronous?: SqliteSynchronous;
  /** How long a write waits for another process's write lock before failing; default 5000 ms. */
  readonly busyTimeoutMs?: number;
  /** How often a caught-up subscription looks for events written by other processes; default 100 ms. */
  readonly pollIntervalMs?: number;
  /** The batch size of `readAll` and `subscribe` when the caller gives none; default 500. */
  readonly batchSize?: number;
}

/** The SQLite event store: the `EventStore` and `SnapshotStore` ports, and a verbatim import. */
export interface SqliteEventStore extends EventStore, SnapshotStore {
  /** The database file. */
  readonly path: string;
  /**
   * Stores already-recorded events (another store's `readAll`) verbatim, in the order given, after
   * checking that each one continues its stream's hash chain; their global positions are given
   * anew after this store's head. Events already stored with the same hash are skipped, so an
   * interrupted import can be run again. All or nothing per call.
   */
  importEvents(events: ReadonlyArray<RecordedEvent>): Promise<ImportResult>;
  /**
   * What the file says the store holds after `after` and up to `to` (R-AUDIT-6): its count of
   * events and greatest position by an index of the events table, not by the table `readAll`
   * walks, so that a reader can tell it read less than the store holds (a table that lost pages
   * reads as a shorter history). Walks the index: as long as reading every position.
   */
  storedExtent(range?: Pick<ReadAllOptions, 'after' | 'to'>): Promise<StoredExtent>;
}

interface SqliteErrorLike {
  readonly code?: unknown;
  readonly message?: unknown;
}

const sqliteCode = (error: unknown): string =>
  typeof error === 'object' && error !== null && typeof (error as SqliteErrorLike).code === 'string'
    ? ((error as SqliteErrorLike).code as string)
    : '';

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Turns what better-sqlite3 throws on opening into a `StoreOpenError` a person can act on. */
const openError = (error: unknown, path: string): Error => {
  if (error instanceof RapportError) return error;
  const code = sqliteCode(error);
  if (code === 'SQLITE_NOTADB') {
    return new StoreOpenError(
      'STORE_NOT_SQLITE',
      `${path} is not a SQLite database, so not a Rapport event store`,
      {
        path,
      },
    );
  }
  if (code.startsWith('SQLITE_CORRUPT')) {
    const cut = truncationNote(path);
    return new StoreOpenError(
      'STORE_CORRUPTED',
      `${path} is a damaged SQLite database: ${messageOf(error)}${cut === '' ? '' : ` (${cut})`}`,
      {
        path,
      },
    );
  }
  if (code.startsWith('SQLITE_BUSY')) {
    return new StoreOpenError(
      'STORE_BUSY',
      `${path} is locked by another process; try again when it is done`,
      {
        path,
      },
    );
  }
  return new StoreOpenError('STORE_CANNOT_OPEN', `cannot open ${path}: ${messageOf(error)}`, { path });
};

/** Turns what better-sqlite3 throws during a call into an error with a stable code. */
const callError = (error: unknown, path: string): Error => {
  if (error instanceof RapportError) return error;
  const code = sqliteCode(error);
  if (code.startsWith('SQLITE_BUSY')) {
    return new RapportError('STORE_BUSY', `${path} stayed locked by another process's write: try again`, {
      path,
    });
  }
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new RapportError('STORE_CORRUPTED', `${path} is damaged: ${messageOf(error)}`, { path });
  }
  return error instanceof Error ? error : new Error(String(error));
};

interface SnapshotRow {
  readonly projection: string;
  readonly version: number;
  readonly checkpoint: number;
  readonly state: string;
}

/**
 * Opens (creating or migrating as needed) a SQLite event store. A file that is not SQLite, that
 * belongs to another program, or that a newer Rapport wrote is refused with a `StoreOpenError`
 * (`STORE_NOT_SQLITE`, `STORE_FOREIGN`, `STORE_SCHEMA_TOO_NEW`, `STORE_CORRUPTED`, `STORE_CANNOT_OPEN`).
 *
 * @example
 * import { openSqliteEventStore } from '@rapport/store-sqlite';
 * const store = await openSqliteEventStore({ path: ':memory:' });
 * const [result] = await store.appendMany([{ streamId: 'contact-1', expectedVersion: 'no_stream', events: [{
 *   id: '01JD00000000000000000000AA', type: 'ContactAdded', schemaVersion: 1, data: { name: 'Ann' },
 *   actor: 'u_ann', recordedAt: '2026-11-23T09:30:00.000Z', correlationId: 'c1', causationId: null,
 * }] }]);
 * result?.nextExpectedVersion; // 1
 * await store.close();
 */
export const openSqliteEventStore = async (
  options: SqliteEventStoreOptions = {},
): Promise<SqliteEventStore> => {
  const path = options.path ?? './rapport.db';
  const synchronous = options.synchronous ?? 'FULL';
  if (!SYNCHRONOUS_LEVELS.includes(synchronous)) {
    throw new StoreOpenError(
      'STORE_BAD_OPTION',
      `synchronous must be one of ${SYNCHRONOUS_LEVELS.join(', ')}, not ${JSON.stringify(synchronous)}`,
      { synchronous },
    );
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { timeout: options.busyTimeoutMs ?? 5000 });
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${synchronous}`);
    prepareSchema(db, path);
  } catch (error) {
    db?.close();
    throw openError(error, path);
  }
  return createStore(db, path, options);
};

/** The stored events an append of new events finds: none. */
const NO_EVENTS: ReadonlyMap<string, RecordedEvent> = new Map();

/** The most rows one insert statement takes (13 parameters a row). */
const MAX_ROWS_PER_INSERT = 64;

const createStore = (
  db: Database.Database,
  path: string,
  options: SqliteEventStoreOptions,
): SqliteEventStore => {
  const defaultBatchSize = Math.max(1, Math.floor(options.batchSize ?? 500));
  const pollIntervalMs = options.pollIntervalMs ?? 100;
  const wakeup = createWakeup();
  const subscriptions = openSubscriptions();
  let closed = false;

  const statements = {
    head: db.prepare(`SELECT stream_version AS version, hash FROM events WHERE stream_id = ?
      ORDER BY stream_version DESC LIMIT 1`),
    byIds: db
      .prepare(
        `SELECT ${EVENT_COLUMNS} FROM events
      WHERE event_id IN (SELECT value FROM json_each(?))`,
      )
      .raw(true),
    headPosition: db.prepare(`SELECT coalesce(max(global_position), 0) AS position FROM events`),
    readStream: db
      .prepare(
        `SELECT ${EVENT_COLUMNS} FROM events
      WHERE stream_id = ? AND stream_version BETWEEN ? AND ? ORDER BY stream_version`,
      )
      .raw(true),
    readRange: db
      .prepare(
        `SELECT ${EVENT_COLUMNS} FROM events
      WHERE global_position > ? AND global_position <= ? ORDER BY global_position LIMIT ?`,
      )
      .raw(true),
    loadSnapshot: db.prepare(`SELECT projection, version, checkpoint, state FROM projection_snapshots
      WHERE projection = ?`),
    saveSnapshot:
      db.prepare(`INSERT INTO projection_snapshots (projection, version, checkpoint, state, saved_at)
      VALUES (?, ?, ?, ?, ?) ON CONFLICT (projection) DO UPDATE SET version = excluded.version,
      checkpoint = excluded.checkpoint, state = excluded.state, saved_at = excluded.saved_at`),
  };

  // Any index of the events table has an entry for each row: the first by name counts them.
  const countingIndex = (db
    .prepare(`SELECT name FROM pragma_index_list('events') ORDER BY name`)
    .pluck()
    .get() ?? '') as string;
  const storedExtentStatement = db.prepare(
    `SELECT count(*) AS events, coalesce(max(global_position), 0) AS headPosition FROM events
     ${countingIndex === '' ? '' : `INDEXED BY "${countingIndex.replaceAll('"', '""')}"`}
     WHERE global_position > ? AND global_position <= ?`,
  );

  const headPositionNow = (): number => (statements.headPosition.get() as { position: number }).position;

  /** The heads of the given streams that hold events; called inside a write transaction. */
  const readHeads = (streamIds: Iterable<string>): Map<string, StreamHead> => {
    const heads = new Map<string, StreamHead>();
    for (const streamId of streamIds) {
      if (heads.has(streamId)) continue;
      const head = statements.head.get(streamId) as StreamHead | undefined;
      if (head !== undefined) heads.set(streamId, head);
    }
    return heads;
  };

  /** The stored events with the given ids; called inside a write transaction. */
  const readByIds = (eventIds: ReadonlyArray<string>): Map<string, RecordedEvent> => {
    // Every id in one statement: the ids go in as one JSON array.
    const rows =
      eventIds.length === 0 ? [] : (statements.byIds.all(JSON.stringify(eventIds)) as EventValues[]);
    return new Map(rows.map((values) => [values[3], eventFromValues(values)]));
  };

  /** What the store holds for the given streams and ids; called inside a write transaction. */
  const storedState = (streamIds: Iterable<string>, eventIds: ReadonlyArray<string>): StoredState => ({
    heads: readHeads(streamIds),
    byId: readByIds(eventIds),
    firstPosition: headPositionNow() + 1,
  });

  /** Multi-row inserts of 2^k rows, prepared when first needed (at most `MAX_ROWS_PER_INSERT` rows). */
  const inserts = new Map<number, Database.Statement>();
  const insertOf = (rows: number): Database.Statement => {
    let statement = inserts.get(rows);
    if (statement === undefined) {
      statement = db.prepare(insertEventsSql(rows));
      inserts.set(rows, statement);
    }
    return statement;
  };

  /**
   * Inserts events, in statements of as many rows as the count allows (64, 32 … 1); `dataTexts[i]`,
   * when given, is the canonical text of `events[i].data`.
   */
  const insertAll = (events: ReadonlyArray<RecordedEvent>, dataTexts?: ReadonlyArray<string>): void => {
    let start = 0;
    let rows = MAX_ROWS_PER_INSERT;
    while (start < events.length) {
      while (rows > events.length - start) rows >>= 1;
      const params: Array<string | number | null> = [];
      for (let i = start; i < start + rows; i++) pushParams(params, events[i]!, dataTexts?.[i]);
      insertOf(rows).run(params);
      start += rows;
    }
  };

  /**
   * An append planned as if none of its event ids were stored, which is what an append of new
   * events finds, without looking the ids up; undefined when that plan fails (a conflict, which
   * may be a retry).
   */
  const planAsNew = (
    checked: ReadonlyArray<CheckedWrite>,
    heads: ReadonlyMap<string, StreamHead>,
    firstPosition: number,
  ): AppendPlan | undefined => {
    try {
      return planAppend(checked, { heads, byId: NO_EVENTS, firstPosition });
    } catch (error) {
      if (error instanceof ConcurrencyError) return undefined;
      throw error;
    }
  };

  /**
   * Plans and inserts an append inside its transaction. Unless `lookUpIds`, it is first planned as
   * new (`planAsNew`) and the ids are looked up only when that plan fails. If an id is stored after
   * all, the unique constraint on event ids fails the insert and the transaction is rolled back
   * (`appendChecked` then runs it again with `lookUpIds`); when the insert succeeds, no id was
   * stored, so the looked-up ids would have been none and the plan is the same.
   */
  const appendTransaction = db.transaction((checked: ReadonlyArray<CheckedWrite>, lookUpIds: boolean) => {
    const heads = readHeads(checked.map(({ write }) => write.streamId));
    const firstPosition = headPositionNow() + 1;
    const plan =
      (lookUpIds ? undefined : planAsNew(checked, heads, firstPosition)) ??
      planAppend(checked, {
        heads,
        byId: readByIds(checked.flatMap(({ events }) => events.map((event) => event.id))),
        firstPosition,
      });
    insertAll(plan.inserts, plan.insertTexts);
    return plan;
  });

  /** Appends checked writes, and again with the ids looked up if one of them is already stored. */
  const appendChecked = (checked: ReadonlyArray<CheckedWrite>): AppendPlan => {
    try {
      return appendTransaction.immediate(checked, false);
    } catch (error) {
      if (sqliteCode(error) !== 'SQLITE_CONSTRAINT_UNIQUE') throw error;
    }
    return appendTransaction.immediate(checked, true);
  };

  const importTransaction = db.transaction((events: ReadonlyArray<RecordedEvent>) => {
    const state = storedState(
      events.map((event) => event.streamId),
      events.map((event) => event.id),
    );
    const plan = planImport(events, state);
    insertAll(plan.inserts);
    return plan;
  });

  /** Runs a synchronous database call as a promise, refusing it once the store is closed. */
  const run = <A>(call: () => A): Promise<A> => {
    if (closed) return Promise.reject(new StoreClosedError());
    try {
      return Promise.resolve(call());
    } catch (error) {
      return Promise.reject(callError(error, path));
    }
  };

  const readRange = (after: number, to: number, limit: number): ReadonlyArray<RecordedEvent> =>
    (statements.readRange.all(after, to, limit) as EventValues[]).map(eventFromValues);

  const write = async (
    writes: ReadonlyArray<StreamWrite>,
    single: boolean,
  ): Promise<ReadonlyArray<AppendResult>> => {
    const plan = await run(() => appendChecked(checkAppend(writes, single)));
    if (plan.inserts.length > 0) wakeup.wakeAll();
    return plan.results;
  };

  return {
    path,
    appendMany: (writes) => write(writes, false),
    append: appendOneStream(write),
    readStream: (streamId, readOptions = {}) =>
      run(() =>
        (
          statements.readStream.all(
            streamId,
            readOptions.fromVersion ?? 1,
            readOptions.toVersion ?? Number.MAX_SAFE_INTEGER,
          ) as EventValues[]
        ).map(eventFromValues),
      ),
    streamVersion: (streamId) =>
      run(() => (statements.head.get(streamId) as StreamHead | undefined)?.version ?? 0),
    headPosition: () => run(headPositionNow),
    storedExtent: (range = {}) =>
      run((): StoredExtent => {
        const row = storedExtentStatement.get(
          range.after ?? 0,
          range.to ?? Number.MAX_SAFE_INTEGER,
        ) as StoredExtent;
        return { events: Number(row.events), headPosition: Number(row.headPosition) };
      }),
    readAll: (readOptions = {}) =>
      readAllInRanges(
        // The head is read now, not on the first `next`: the end is the end as of the call.
        run(headPositionNow),
        (after, to, limit) => run(() => readRange(after, to, limit)),
        readOptions,
        defaultBatchSize,
      ),
    subscribe: (subscribeOptions = {}) =>
      subscriptions.subscribe(
        {
          readBatch: (after, limit) => run(() => readRange(after, Number.MAX_SAFE_INTEGER, limit)),
          waitForEvents: (after, signal) =>
            wakeup.wait(() => run(() => headPositionNow() > after), pollIntervalMs, signal),
        },
        subscribeOptions,
      ),
    importEvents: async (input) => {
      const events = await run(() => decodeRecordedEvents(input));
      const plan = await run(() => importTransaction.immediate(events));
      if (plan.inserts.length > 0) wakeup.wakeAll();
      return { imported: plan.inserts.length, skipped: plan.skipped };
    },
    loadSnapshot: (projection) =>
      run((): ProjectionSnapshot | undefined => {
        const row = statements.loadSnapshot.get(projection) as SnapshotRow | undefined;
        if (row === undefined) return undefined;
        return {
          projection: row.projection,
          version: row.version,
          checkpoint: row.checkpoint,
          state: JSON.parse(row.state),
        };
      }),
    saveSnapshot: async (input) => {
      const { snapshot, stateJson } = await run(() => decodeSnapshot(input));
      await run(() =>
        statements.saveSnapshot.run(
          snapshot.projection,
          snapshot.version,
          snapshot.checkpoint,
          stateJson,
          new Date().toISOString(),
        ),
      );
    },
    close: async () => {
      if (closed) return;
      await subscriptions.closeAll();
      closed = true;
      wakeup.wakeAll();
      db.close();
    },
  };
};
