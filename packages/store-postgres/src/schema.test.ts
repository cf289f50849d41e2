import { afterAll, describe, expect, it } from 'vitest';
import { StoreOpenError } from '@rapport/core';
import { newEvent } from '@rapport/core/testing';
import { createTarget, NEEDS_SERVER, serverUrl } from './fixtures/target.js';
import { openPostgresEventStore } from './index.js';
import { SCHEMA_VERSION } from './internal/schema.js';

const target = createTarget('schema');
afterAll(() => target.dispose());

const openFails = async (open: () => Promise<unknown>) => {
  const error: unknown = await open().then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(StoreOpenError);
  return error as StoreOpenError;
};

describe(`opening a PostgreSQL store (${target.kind})`, () => {
  it('creates its schema with a recorded migration, then reopens it without migrating twice', async () => {
    const schema = target.newSchema();
    const store = await target.open({ schema });
    await store.append('s', [newEvent()]);
    await store.close();
    const reopened = await target.open({ schema });
    expect(await reopened.headPosition()).toBe(1);
    await reopened.close();
    const migrations = await target.raw<{ version: number }>(
      `SELECT version FROM ${schema}.rapport_migrations`,
    );
    expect(migrations.map((row) => Number(row.version))).toEqual([1]);
    expect(SCHEMA_VERSION).toBe(1);
  });

  it("refuses a schema holding another program's tables, and creates nothing there", async () => {
    const schema = target.newSchema();
    await target.raw(`CREATE SCHEMA ${schema}`);
    await target.raw(`CREATE TABLE ${schema}.events (id serial PRIMARY KEY, title text)`);
    const error = await openFails(() => target.open({ schema }));
    expect(error.code).toBe('STORE_FOREIGN');
    expect(error.message).toContain('already holds table(s) events of another program');
    const tables = await target.raw(`SELECT 1 FROM information_schema.tables WHERE table_schema = $1`, [
      schema,
    ]);
    expect(tables).toHaveLength(1);
  });

  it('refuses a rapport_migrations table that Rapport did not write', async () => {
    const schema = target.newSchema();
    await target.raw(`CREATE SCHEMA ${schema}`);
    await target.raw(`CREATE TABLE ${schema}.rapport_migrations (id text)`);
    const error = await openFails(() => target.open({ schema }));
    expect(error.code).toBe('STORE_FOREIGN');
  });

  it('refuses a store written by a newer Rapport', async () => {
    const schema = target.newSchema();
    await (await target.open({ schema })).close();
    await target.raw(
      `INSERT INTO ${schema}.rapport_migrations (version, name) VALUES ($1, 'from the future')`,
      [SCHEMA_VERSION + 1],
    );
    const error = await openFails(() => target.open({ schema }));
    expect(error.code).toBe('STORE_SCHEMA_TOO_NEW');
    expect(error.message).toContain(`(schema ${SCHEMA_VERSION + 1}; this one reads up to ${SCHEMA_VERSION})`);
  });

  it('refuses a store that lost a table or whose position counter disagrees with its events', async () => {
    const schema = target.newSchema();
    const store = await target.open({ schema });
    await store.append('s', [newEvent()]);
    await store.close();
    await target.raw(`UPDATE ${schema}.event_position SET last_position = 7`);
    expect((await openFails(() => target.open({ schema }))).code).toBe('STORE_CORRUPTED');
    await target.raw(`DROP TABLE ${schema}.projection_snapshots`);
    const error = await openFails(() => target.open({ schema }));
    expect(error.code).toBe('STORE_CORRUPTED');
    expect(error.message).toContain('"projection_snapshots" is missing');
  });

  it('with create: false, refuses a schema that does not exist and leaves it missing', async () => {
    const schema = target.newSchema();
    const error = await openFails(() => target.open({ schema, create: false }));
    expect(error.code).toBe('STORE_NOT_FOUND');
    expect(error.message).toContain(`schema "${schema}"`);
    const schemas = await target.raw(`SELECT 1 FROM information_schema.schemata WHERE schema_name = $1`, [
      schema,
    ]);
    expect(schemas).toEqual([]);
  });

  it('with create: false, refuses an empty schema and creates no table in it', async () => {
    const schema = target.newSchema();
    await target.raw(`CREATE SCHEMA ${schema}`);
    expect((await openFails(() => target.open({ schema, create: false }))).code).toBe('STORE_NOT_FOUND');
    const tables = await target.raw(`SELECT 1 FROM information_schema.tables WHERE table_schema = $1`, [
      schema,
    ]);
    expect(tables).toEqual([]);
  });

  it("with create: false, opens an existing store and still refuses another program's tables", async () => {
    const schema = target.newSchema();
    const store = await target.open({ schema });
    await store.append('contact-1', [newEvent()]);
    await store.close();
    const reader = await target.open({ schema, create: false });
    expect(await reader.headPosition()).toBe(1);
    await reader.close();
    const foreign = target.newSchema();
    await target.raw(`CREATE SCHEMA ${foreign}`);
    await target.raw(`CREATE TABLE ${foreign}.events (id serial PRIMARY KEY)`);
    expect((await openFails(() => target.open({ schema: foreign, create: false }))).code).toBe(
      'STORE_FOREIGN',
    );
  });

  it('refuses a schema name that would need quoting', async () => {
    const error = await openFails(() => target.open({ schema: 'Robert"); DROP TABLE students;--' }));
    expect(error.code).toBe('STORE_BAD_SCHEMA_NAME');
  });

  it('says which server it cannot reach, without a stack trace or a password', async () => {
    const error = await openFails(() =>
      openPostgresEventStore({ connectionString: 'postgres://ann:secret@127.0.0.1:1/rapport' }),
    );
    expect(error.code).toBe('STORE_UNREACHABLE');
    expect(error.message).toMatch(/^cannot reach PostgreSQL at postgres:\/\/ann@127\.0\.0\.1:1\/rapport: /);
    expect(error.message).not.toContain('secret');
  });

  it.skipIf(serverUrl === undefined)(
    `two instances opening a new schema at once migrate it once (${serverUrl === undefined ? NEEDS_SERVER : 'server'})`,
    async () => {
      const schema = target.newSchema();
      const stores = await Promise.all([
        target.open({ schema }),
        target.open({ schema }),
        target.open({ schema }),
      ]);
      await Promise.all(stores.map((store) => store.close()));
      const migrations = await target.raw(`SELECT version FROM ${schema}.rapport_migrations`);
      expect(migrations).toHaveLength(1);
    },
  );

  it.skipIf(serverUrl === undefined)(
    `refuses a database that does not exist (${serverUrl === undefined ? NEEDS_SERVER : 'server'})`,
    async () => {
      const url = new URL(serverUrl ?? 'postgres://localhost');
      url.pathname = '/no_such_database_for_rapport';
      const error = await openFails(() => openPostgresEventStore({ connectionString: url.toString() }));
      expect(error.code).toBe('STORE_CANNOT_OPEN');
      expect(error.message).toContain('no_such_database_for_rapport');
    },
  );
});
