/**
 * Opening the store a command works on: the SQLite file named by `--db` (default `./rapport.db`)
 * or the PostgreSQL database named by `--pg`. A command that only reads refuses a SQLite file, or a
 * PostgreSQL schema, that holds no store rather than creating an empty one. Each store's package is
 * imported when a command opens that store, so that a command that opens none, or opens the other,
 * does not load it (better-sqlite3, pg and PGlite take tens of milliseconds each to load).
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  RapportError,
  StoreOpenError,
  type EventStore,
  type RecordedEvent,
  type ReadAllOptions,
  type SnapshotStore,
  type StoredExtent,
} from '@rapport/core';

/** Which store the global options name. */
export interface StoreOptions {
  readonly db: string;
  readonly pg?: string | undefined;
  /** The PostgreSQL schema that holds the store's tables; default `rapport`. */
  readonly pgSchema?: string | undefined;
}

/** What every Rapport store offers the CLI: the event store and snapshot ports, and a verbatim import. */
export interface CliStore extends EventStore, SnapshotStore {
  /** How the store is named in messages: the file or the database URL without its password. */
  readonly label: string;
  importEvents(
    events: ReadonlyArray<RecordedEvent>,
  ): Promise<{ readonly imported: number; readonly skipped: number }>;
  /** What the store says it holds in a range: its own count of events and its head (R-AUDIT-6). */
  storedExtent(range?: Pick<ReadAllOptions, 'after' | 'to'>): Promise<StoredExtent>;
}

/** Whether the command may create the store or needs one that exists. */
export type OpenMode = 'read' | 'write';

const withoutPassword = (url: string): string => {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    return url;
  }
};

/**
 * Opens the store named by the options.
 *
 * @example
 * import { tmpdir } from 'node:os';
 * import { openStore } from './store.js';
 * const store = await openStore({ db: ':memory:' }, process.cwd(), 'write');
 * await store.headPosition(); // 0
 * await store.close();
 * try { await openStore({ db: 'no-such.db' }, tmpdir(), 'read'); } catch (e) { (e as { code: string }).code; } // 'STORE_NOT_FOUND'
 */
export const openStore = async (options: StoreOptions, cwd: string, mode: OpenMode): Promise<CliStore> => {
  if (options.pg !== undefined) return openPostgres(options.pg, options.pgSchema, mode);
  const path = options.db === ':memory:' ? options.db : resolve(cwd, options.db);
  if (mode === 'read' && path !== ':memory:' && !existsSync(path)) {
    throw new RapportError(
      'STORE_NOT_FOUND',
      `there is no Rapport store at ${options.db}: run "rapport demo" or "rapport exec <file>" to create one, or name another with --db`,
      { path },
    );
  }
  const { openSqliteEventStore } = await import('@rapport/store-sqlite');
  const store = await openSqliteEventStore({ path });
  return Object.assign(store, { label: options.db });
};

const openPostgres = async (url: string, schema: string | undefined, mode: OpenMode): Promise<CliStore> => {
  const { openPostgresEventStore } = await import('@rapport/store-postgres');
  const store = await openPostgresEventStore({
    connectionString: url,
    poolSize: 2,
    create: mode === 'write',
    ...(schema === undefined ? {} : { schema }),
  }).catch((error: unknown) => {
    if (!(error instanceof RapportError) || error.code !== 'STORE_NOT_FOUND') throw error;
    const named = schema ?? 'rapport';
    // The store's own sentence speaks of the library's option; a person at the prompt needs commands.
    throw new StoreOpenError(
      'STORE_NOT_FOUND',
      `there is no Rapport store in the schema "${named}" of ${withoutPassword(url)}: run "rapport demo --pg <url>" or "rapport exec <file> --pg <url>" to create one, or name another with --pg-schema`,
      error.details,
    );
  });
  return Object.assign(store, { label: `${withoutPassword(url)} (schema ${store.schema})` });
};
