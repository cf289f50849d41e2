/**
 * The SQLite file format of a Rapport event store: its tables, its versioned migrations, and the
 * checks made on opening so that a file that is not SQLite, belongs to another program, was
 * written by a newer Rapport or lost part of its structure is refused with a sentence.
 */
import type Database from 'better-sqlite3';
import { StoreOpenError } from '@rapport/core';
import { EVENT_ROW_COLUMNS } from '@rapport/core/adapter';

/**
 * `PRAGMA application_id` of a Rapport store: "RAPP" in ASCII.
 *
 * @example
 * import { APPLICATION_ID } from './schema.js';
 * Buffer.from(APPLICATION_ID.toString(16), 'hex').toString('ascii'); // 'RAPP'
 */
export const APPLICATION_ID = 0x52415050;

/** Each migration brings the file from the version before it to its index + 1. */
const MIGRATIONS: ReadonlyArray<string> = [
  `
  CREATE TABLE events (
    global_position INTEGER PRIMARY KEY,
    stream_id TEXT NOT NULL,
    stream_version INTEGER NOT NULL,
    event_id TEXT NOT NULL UNIQUE,
    type TEXT NOT NULL,
    schema_version INTEGER NOT NULL,
    data TEXT NOT NULL,
    actor TEXT NOT NULL,
    recorded_at TEXT NOT NULL,
    correlation_id TEXT NOT NULL,
    causation_id TEXT,
    previous_hash TEXT,
    hash TEXT NOT NULL,
    UNIQUE (stream_id, stream_version)
  ) STRICT;
  CREATE TABLE projection_snapshots (
    projection TEXT PRIMARY KEY,
    version INTEGER NOT NULL,
    checkpoint INTEGER NOT NULL,
    state TEXT NOT NULL,
    saved_at TEXT NOT NULL
  ) STRICT;
  `,
];

/** The schema version this code writes and reads. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** The columns each table must have for the store to work. */
const EXPECTED_COLUMNS: Readonly<Record<string, ReadonlyArray<string>>> = {
  events: EVENT_ROW_COLUMNS,
  projection_snapshots: ['projection', 'version', 'checkpoint', 'state', 'saved_at'],
};

const pragmaNumber = (db: Database.Database, name: string): number =>
  Number(db.pragma(name, { simple: true }));

const tableNames = (db: Database.Database): ReadonlyArray<string> =>
  (
    db
      .prepare(
        `SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
      )
      .all() as Array<{ name: string }>
  ).map((row) => row.name);

const checkStructure = (db: Database.Database, path: string): void => {
  for (const [table, columns] of Object.entries(EXPECTED_COLUMNS)) {
    const present = new Set(
      (db.prepare(`SELECT name FROM pragma_table_info(?)`).all(table) as Array<{ name: string }>).map(
        (row) => row.name,
      ),
    );
    const missing = columns.filter((column) => !present.has(column));
    if (present.size === 0 || missing.length > 0) {
      throw new StoreOpenError(
        'STORE_CORRUPTED',
        present.size === 0
          ? `${path} is a Rapport event store whose table "${table}" is missing: the file is damaged`
          : `${path} is a Rapport event store whose table "${table}" lacks column(s) ${missing.join(', ')}: the file is damaged`,
        { path, table, missing },
      );
    }
  }
};

/**
 * Brings a freshly opened file to the current schema, or throws `StoreOpenError`:
 * `STORE_FOREIGN` (another program's database), `STORE_SCHEMA_TOO_NEW`, `STORE_CORRUPTED`.
 * Runs in one immediate transaction, so that two processes opening a new file do not both create it.
 */
export const prepareSchema = (db: Database.Database, path: string): void => {
  db.transaction(() => {
    const applicationId = pragmaNumber(db, 'application_id');
    const version = pragmaNumber(db, 'user_version');
    const tables = tableNames(db);
    if (applicationId !== APPLICATION_ID) {
      if (tables.length > 0 || applicationId !== 0 || version !== 0) {
        throw new StoreOpenError(
          'STORE_FOREIGN',
          `${path} is a SQLite database of another program, not a Rapport event store` +
            (tables.length > 0 ? ` (it holds the tables ${tables.slice(0, 5).join(', ')})` : ''),
          { path, applicationId, tables },
        );
      }
      db.pragma(`application_id = ${APPLICATION_ID}`);
    }
    if (version > SCHEMA_VERSION) {
      throw new StoreOpenError(
        'STORE_SCHEMA_TOO_NEW',
        `${path} was written by a newer Rapport (schema ${version}; this one reads up to ${SCHEMA_VERSION}): upgrade Rapport to open it`,
        { path, version, supported: SCHEMA_VERSION },
      );
    }
    MIGRATIONS.slice(version).forEach((migration) => db.exec(migration));
    if (version < SCHEMA_VERSION) db.pragma(`user_version = ${SCHEMA_VERSION}`);
    checkStructure(db, path);
  }).immediate();
};
