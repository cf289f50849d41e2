/**
 * The PostgreSQL schema of a Rapport event store: its tables, its versioned migrations (recorded in
 * `rapport_migrations`), and the checks made on opening, so that a schema that belongs to another
 * program, was written by a newer Rapport or lost part of its structure is refused with a sentence.
 */
import { RapportError, StoreOpenError } from '@rapport/core';
import { EVENT_ROW_COLUMNS } from '@rapport/core/adapter';
import type { SqlDatabase, SqlRunner } from './sql.js';

interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: (schema: string) => string;
}

const MIGRATIONS: ReadonlyArray<Migration> = [
  {
    version: 1,
    name: 'events, the position counter and projection snapshots',
    sql: (s) => `
      CREATE TABLE ${s}.events (
        global_position bigint PRIMARY KEY,
        stream_id text NOT NULL,
        stream_version integer NOT NULL,
        event_id text NOT NULL,
        type text NOT NULL,
        schema_version integer NOT NULL,
        data json NOT NULL,
        actor text NOT NULL,
        recorded_at text NOT NULL,
        correlation_id text NOT NULL,
        causation_id text,
        previous_hash text,
        hash text NOT NULL,
        CONSTRAINT events_stream_version_unique UNIQUE (stream_id, stream_version),
        CONSTRAINT events_event_id_unique UNIQUE (event_id)
      );
      CREATE TABLE ${s}.event_position (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        last_position bigint NOT NULL
      );
      INSERT INTO ${s}.event_position (singleton, last_position) VALUES (true, 0);
      CREATE TABLE ${s}.projection_snapshots (
        projection text PRIMARY KEY,
        version integer NOT NULL,
        checkpoint bigint NOT NULL,
        state json NOT NULL,
        saved_at timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
];

/** The schema version this code writes and reads. */
export const SCHEMA_VERSION = MIGRATIONS.length;

const OWN_TABLES = ['rapport_migrations', 'events', 'event_position', 'projection_snapshots'];

const EXPECTED_COLUMNS: Readonly<Record<string, ReadonlyArray<string>>> = {
  events: EVENT_ROW_COLUMNS,
  event_position: ['singleton', 'last_position'],
  projection_snapshots: ['projection', 'version', 'checkpoint', 'state', 'saved_at'],
};

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,39}$/;

/**
 * Refuses a schema name that would need quoting: it is also part of the notification channel.
 *
 * @example
 * import type { StoreOpenError } from '@rapport/core';
 * import { checkSchemaName } from './schema.js';
 * checkSchemaName('rapport_test'); // undefined: accepted
 * try { checkSchemaName('Rapport-1'); } catch (e) { (e as StoreOpenError).code; } // 'STORE_BAD_SCHEMA_NAME'
 */
export const checkSchemaName = (schema: string): void => {
  if (!SCHEMA_NAME.test(schema)) {
    throw new StoreOpenError(
      'STORE_BAD_SCHEMA_NAME',
      `"${schema}" cannot name the store's schema: use lowercase letters, digits and _ (at most 40, not starting with a digit)`,
      { schema },
    );
  }
};

const columnsOf = async (
  tx: SqlRunner,
  schema: string,
): Promise<ReadonlyMap<string, ReadonlySet<string>>> => {
  const rows = await tx.query<{ table_name: string; column_name: string }>(
    `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = $1`,
    [schema],
  );
  const tables = new Map<string, Set<string>>();
  for (const row of rows) {
    const columns = tables.get(row.table_name) ?? new Set<string>();
    columns.add(row.column_name);
    tables.set(row.table_name, columns);
  }
  return tables;
};

const damaged = (where: string, what: string, details: unknown): StoreOpenError =>
  new StoreOpenError('STORE_CORRUPTED', `${where} is a Rapport event store ${what}: it is damaged`, details);

const checkStructure = async (tx: SqlRunner, schema: string, where: string): Promise<void> => {
  const tables = await columnsOf(tx, schema);
  for (const [table, columns] of Object.entries(EXPECTED_COLUMNS)) {
    const present = tables.get(table);
    if (present === undefined) throw damaged(where, `whose table "${table}" is missing`, { schema, table });
    const missing = columns.filter((column) => !present.has(column));
    if (missing.length > 0) {
      throw damaged(where, `whose table "${table}" lacks column(s) ${missing.join(', ')}`, {
        schema,
        table,
        missing,
      });
    }
  }
  const [counter] = await tx.query<{ last_position: unknown; head: unknown }>(
    `SELECT p.last_position, (SELECT coalesce(max(global_position), 0) FROM ${schema}.events) AS head
     FROM ${schema}.event_position p`,
  );
  if (counter === undefined || Number(counter.last_position) !== Number(counter.head)) {
    throw damaged(where, `whose position counter does not match its events`, { schema });
  }
};

const appliedVersion = async (tx: SqlRunner, schema: string, where: string): Promise<number> => {
  try {
    const [row] = await tx.query<{ version: unknown }>(
      `SELECT coalesce(max(version), 0) AS version FROM ${schema}.rapport_migrations`,
    );
    return Number(row?.version ?? 0);
  } catch (error) {
    throw new StoreOpenError(
      'STORE_FOREIGN',
      `${where} holds a table rapport_migrations that Rapport did not write: it is not a Rapport event store`,
      { schema, cause: error instanceof Error ? error.message : String(error) },
    );
  }
};

/**
 * Creates (unless `create` is false) or migrates the store's schema, or throws `StoreOpenError`:
 * `STORE_NOT_FOUND`, `STORE_FOREIGN`, `STORE_SCHEMA_TOO_NEW`, `STORE_CORRUPTED`. Runs in one
 * transaction under an advisory lock, so that app instances starting together migrate once.
 */
export const prepareSchema = async (db: SqlDatabase, schema: string, create: boolean): Promise<void> => {
  const where = `schema "${schema}" of ${db.description}`;
  await db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`rapport-schema:${schema}`]);
    const tables = await columnsOf(tx, schema);
    if (!tables.has('rapport_migrations')) {
      const clashing = OWN_TABLES.filter((table) => tables.has(table));
      if (clashing.length > 0) {
        throw new StoreOpenError(
          'STORE_FOREIGN',
          `${where} already holds table(s) ${clashing.join(', ')} of another program: it is not a Rapport event store`,
          { schema, tables: clashing },
        );
      }
      if (!create) {
        throw new StoreOpenError(
          'STORE_NOT_FOUND',
          `there is no Rapport event store in ${where}: opening it with create: true (the default) makes one`,
          { schema },
        );
      }
      await tx.exec(`CREATE SCHEMA IF NOT EXISTS ${schema};
        CREATE TABLE ${schema}.rapport_migrations (
          version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now());`);
    }
    const version = await appliedVersion(tx, schema, where);
    if (version > SCHEMA_VERSION) {
      throw new StoreOpenError(
        'STORE_SCHEMA_TOO_NEW',
        `${where} was written by a newer Rapport (schema ${version}; this one reads up to ${SCHEMA_VERSION}): upgrade Rapport to open it`,
        { schema, version, supported: SCHEMA_VERSION },
      );
    }
    for (const migration of MIGRATIONS.filter((candidate) => candidate.version > version)) {
      await tx.exec(migration.sql(schema));
      await tx.query(`INSERT INTO ${schema}.rapport_migrations (version, name) VALUES ($1, $2)`, [
        migration.version,
        migration.name,
      ]);
    }
    await checkStructure(tx, schema, where);
  });
};

/** Turns what the driver throws on opening into a `StoreOpenError` a person can act on. */
export const openError = (error: unknown, description: string): Error => {
  if (error instanceof RapportError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) {
    return new StoreOpenError(
      'STORE_CANNOT_OPEN',
      `cannot open the event store at ${description}: ${message}`,
      {
        sqlState: code,
      },
    );
  }
  return new StoreOpenError(
    'STORE_UNREACHABLE',
    `cannot reach PostgreSQL at ${description}: ${message || String(code ?? 'connection failed')}`,
    { code },
  );
};
