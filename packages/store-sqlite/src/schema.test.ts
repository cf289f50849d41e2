import Database from 'better-sqlite3';
import { writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreOpenError } from '@rapport/core';
import { createTempDir, newEvent } from '@rapport/core/testing';
import { openSqliteEventStore, type SqliteEventStoreOptions } from './index.js';
import { SCHEMA_VERSION } from './internal/schema.js';

const temp = createTempDir('sqlite-schema');
afterAll(() => temp.remove());

const openFails = async (path: string, options: Omit<SqliteEventStoreOptions, 'path'> = {}) => {
  const error: unknown = await openSqliteEventStore({ ...options, path }).then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(StoreOpenError);
  return error as StoreOpenError;
};

describe('opening a SQLite file', () => {
  it('creates a new store, then reopens it without migrating twice', async () => {
    const path = temp.file('fresh.db');
    const store = await openSqliteEventStore({ path });
    await store.append('s', [newEvent()]);
    await store.close();
    const reopened = await openSqliteEventStore({ path });
    expect(await reopened.headPosition()).toBe(1);
    await reopened.close();
    const raw = new Database(path, { readonly: true });
    expect(raw.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(raw.pragma('journal_mode', { simple: true })).toBe('wal');
    raw.close();
  });

  it('refuses a file that is not SQLite with a sentence', async () => {
    const path = temp.file('notes.txt');
    writeFileSync(path, 'Call Ann about the renewal on Monday.\n'.repeat(200));
    const error = await openFails(path);
    expect(error.code).toBe('STORE_NOT_SQLITE');
    expect(error.message).toBe(`${path} is not a SQLite database, so not a Rapport event store`);
  });

  it("refuses another program's SQLite database", async () => {
    const path = temp.file('foreign.db');
    const raw = new Database(path);
    raw.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)');
    raw.close();
    const error = await openFails(path);
    expect(error.code).toBe('STORE_FOREIGN');
    expect(error.message).toContain('another program');
    expect(error.message).toContain('invoices');
    const untouched = new Database(path, { readonly: true });
    expect(untouched.pragma('user_version', { simple: true })).toBe(0);
    untouched.close();
  });

  it('refuses a store written by a newer Rapport', async () => {
    const path = temp.file('newer.db');
    (await openSqliteEventStore({ path })).close();
    const raw = new Database(path);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    const error = await openFails(path);
    expect(error.code).toBe('STORE_SCHEMA_TOO_NEW');
    expect(error.message).toContain(`schema ${SCHEMA_VERSION + 1}; this one reads up to ${SCHEMA_VERSION}`);
  });

  it('refuses a store that lost a table', async () => {
    const path = temp.file('damaged.db');
    await (await openSqliteEventStore({ path })).close();
    const raw = new Database(path);
    raw.exec('DROP TABLE projection_snapshots');
    raw.close();
    const error = await openFails(path);
    expect(error.code).toBe('STORE_CORRUPTED');
    expect(error.message).toContain('"projection_snapshots" is missing');
  });

  it('refuses a store whose header was overwritten', async () => {
    const path = temp.file('overwritten.db');
    const store = await openSqliteEventStore({ path });
    await store.append('s', [newEvent()]);
    await store.close();
    const raw = new Database(path);
    raw.pragma('journal_mode = DELETE');
    raw.close();
    writeFileSync(path, Buffer.alloc(100, 0xff), { flag: 'r+' });
    const error = await openFails(path);
    expect(['STORE_NOT_SQLITE', 'STORE_CORRUPTED']).toContain(error.code);
  });

  it('refuses an unknown synchronous level with a sentence', async () => {
    const error = await openFails(temp.file('level.db'), { synchronous: 'OFF' as 'FULL' });
    expect(error.code).toBe('STORE_BAD_OPTION');
    expect(error.message).toBe('synchronous must be one of FULL, NORMAL, EXTRA, not "OFF"');
  });

  it('refuses a path in a directory that does not exist', async () => {
    const error = await openFails(temp.file('missing/dir/rapport.db'));
    expect(error.code).toBe('STORE_CANNOT_OPEN');
    expect(error.message).toContain('cannot open');
  });
});
