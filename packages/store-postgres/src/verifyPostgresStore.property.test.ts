import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyStore, type VerificationReport } from '@rapport/core';
import { createTarget, serverUrl } from './fixtures/target.js';
import { verifyPostgresStore, type PostgresEventStore } from './index.js';

const target = createTarget('verify');
afterAll(() => target.dispose());

/** Appends, each to one of a few streams, with data of a few shapes. */
const appends = fc.array(
  fc.record({ stream: fc.integer({ min: 0, max: 6 }), n: fc.integer({ min: 0, max: 3 }) }),
  { maxLength: 60 },
);

/** Plain SQL run on the schema behind the store's back: `$1` is a position, `$2` another one. */
const TAMPERING: Readonly<Record<string, (schema: string) => string>> = {
  alter: (s) =>
    `UPDATE ${s}.events SET data = '{"altered":true}' WHERE global_position = $1 AND $2::bigint > 0`,
  remove: (s) => `DELETE FROM ${s}.events WHERE global_position = $1 AND $2::bigint > 0`,
  version: (s) =>
    `UPDATE ${s}.events SET stream_version = stream_version + 1 WHERE global_position = $1 AND $2::bigint > 0`,
  relink: (s) =>
    `UPDATE ${s}.events SET previous_hash = (SELECT hash FROM ${s}.events WHERE global_position = $2) WHERE global_position = $1`,
  rehash: (s) =>
    `UPDATE ${s}.events SET hash = (SELECT hash FROM ${s}.events WHERE global_position = $2) WHERE global_position = $1`,
  move: (s) =>
    `UPDATE ${s}.events SET stream_id = (SELECT stream_id FROM ${s}.events WHERE global_position = $2) WHERE global_position = $1`,
  swapData: (s) =>
    `UPDATE ${s}.events SET data = (SELECT data FROM ${s}.events WHERE global_position = $2) WHERE global_position = $1`,
  // Still the same JSON value, no longer its canonical text: its hash still holds.
  respace: (s) =>
    `UPDATE ${s}.events SET data = (' ' || data::text)::json WHERE global_position = $1 AND $2::bigint > 0`,
};

const tampering = fc.array(
  fc.record({ kind: fc.constantFrom(...Object.keys(TAMPERING)), at: fc.nat(), other: fc.nat() }),
  { maxLength: 4 },
);

/**
 * A store holding the appends, in a new schema, left open: the one-thread verification reads it
 * through the store, which would refuse to open some tampered schemas (a position counter past
 * the last event left).
 */
const storeOf = async (input: ReadonlyArray<{ stream: number; n: number }>): Promise<PostgresEventStore> => {
  const store = await target.open();
  for (const [i, { stream, n }] of input.entries()) {
    await store.append(`contact-${stream}`, [
      {
        id: `e${i}`,
        type: 'Noted',
        schemaVersion: 1,
        data: n === 0 ? {} : { n, list: Array.from({ length: n }, (_, k) => ({ k, text: `é"${k}` })) },
        actor: 'u',
        recordedAt: '2026-11-23T09:30:00.000Z',
        correlationId: 'c',
        causationId: i % 2 === 0 ? null : `e${i - 1}`,
      },
    ]);
  }
  return store;
};

const tamper = async (
  schema: string,
  changes: ReadonlyArray<{ kind: string; at: number; other: number }>,
): Promise<void> => {
  for (const { kind, at, other } of changes) {
    const [row] = await target.raw<{ head: string }>(
      `SELECT coalesce(max(global_position), 0) AS head FROM ${schema}.events`,
    );
    const head = Number(row?.head ?? 0);
    if (head === 0) return;
    try {
      await target.raw(TAMPERING[kind]!(schema), [(at % head) + 1, (other % head) + 1]);
    } catch (error) {
      // A change the table's constraints refuse (class 23: a version taken, a value copied from a
      // removed row) is no tampering.
      if (!String((error as { code?: unknown }).code).startsWith('23')) throw error;
    }
  }
};

/** `verifyStore` on the store, then the store closed. */
const oneThread = async (store: PostgresEventStore): Promise<VerificationReport> => {
  try {
    return await verifyStore(store);
  } finally {
    await store.close();
  }
};

describe.skipIf(serverUrl === undefined)('verifyPostgresStore (needs RAPPORT_PG_URL)', () => {
  const connectionString = serverUrl ?? '';

  it('R-AUDIT-5: on any history, tampered or not, its report on 1 to 3 threads equals verifyStore', async () => {
    await fc.assert(
      fc.asyncProperty(
        appends,
        tampering,
        fc.integer({ min: 1, max: 3 }),
        async (input, changes, threads) => {
          const store = await storeOf(input);
          await tamper(store.schema, changes);
          expect(
            await verifyPostgresStore({ connectionString, schema: store.schema }, { threads, batchSize: 7 }),
          ).toEqual(await oneThread(store));
        },
      ),
      { numRuns: 10 },
    );
  }, 300_000);

  it('R-AUDIT-5: a break in the second range of streams is reported as verifyStore reports it', async () => {
    const store = await storeOf(Array.from({ length: 20 }, (_, i) => ({ stream: i % 2, n: 1 })));
    // The streams split into two ranges; the break is in the second, contact-1's.
    await tamper(store.schema, [{ kind: 'alter', at: 19, other: 0 }]);
    const report = await verifyPostgresStore({ connectionString, schema: store.schema }, { threads: 2 });
    expect(report.breaks).toEqual([
      expect.objectContaining({ streamId: 'contact-1', streamVersion: 10, kind: 'hash_mismatch' }),
    ]);
    expect(report).toEqual(await oneThread(store));
  }, 60_000);

  it('refuses a schema that holds no store, and creates neither the schema nor a table', async () => {
    const missing = target.newSchema();
    await expect(
      verifyPostgresStore({ connectionString, schema: missing }, { threads: 2 }),
    ).rejects.toMatchObject({
      code: 'STORE_NOT_FOUND',
    });
    const empty = target.newSchema();
    await target.raw(`CREATE SCHEMA ${empty}`);
    await expect(
      verifyPostgresStore({ connectionString, schema: empty }, { threads: 2 }),
    ).rejects.toMatchObject({
      code: 'STORE_NOT_FOUND',
    });
    const created = await target.raw(
      `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables WHERE table_schema = ANY($1::text[])
       UNION ALL SELECT schema_name, NULL FROM information_schema.schemata WHERE schema_name = $2`,
      [[missing, empty], missing],
    );
    expect(created).toEqual([]);
  });
});
