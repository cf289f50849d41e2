import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  appendHistory,
  arbitraryHistory,
  arbitraryTampering,
  tamperWith,
  verifyThenClose,
  type HistoryAppend,
  type Tampering,
  type TamperingKind,
} from '@rapport/core/testing';
import { createTarget, serverUrl } from './fixtures/target.js';
import { verifyPostgresStore, type PostgresEventStore } from './index.js';

const target = createTarget('verify');
afterAll(() => target.dispose());

/** Each of `TAMPERING_KINDS` in PostgreSQL, on a schema: `$1` is a position, `$2` another one. */
const TAMPERING: Readonly<Record<TamperingKind, (schema: string) => string>> = {
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
  respace: (s) =>
    `UPDATE ${s}.events SET data = (' ' || data::text)::json WHERE global_position = $1 AND $2::bigint > 0`,
};

/**
 * A store holding the history, in a new schema, left open: the one-thread verification reads it
 * through the store, which would refuse to open some tampered schemas (a position counter past
 * the last event left).
 */
const storeOf = async (history: ReadonlyArray<HistoryAppend>): Promise<PostgresEventStore> => {
  const store = await target.open();
  await appendHistory(store, history);
  return store;
};

/** The changes made to the schema with plain SQL, behind the store's back. */
const tamper = (schema: string, changes: ReadonlyArray<Tampering>): Promise<void> =>
  tamperWith(
    {
      head: async () => {
        const [row] = await target.raw<{ head: string }>(
          `SELECT coalesce(max(global_position), 0) AS head FROM ${schema}.events`,
        );
        return Number(row?.head ?? 0);
      },
      change: (kind, at, other) => target.raw(TAMPERING[kind](schema), [at, other]),
      // Class 23: integrity constraint violations.
      refused: (error) => String((error as { code?: unknown }).code).startsWith('23'),
    },
    changes,
  );

describe.skipIf(serverUrl === undefined)('verifyPostgresStore (needs RAPPORT_PG_URL)', () => {
  const connectionString = serverUrl ?? '';

  it('R-AUDIT-5: on any history, tampered or not, its report on 1 to 3 threads equals verifyStore', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbitraryHistory,
        arbitraryTampering,
        fc.integer({ min: 1, max: 3 }),
        async (input, changes, threads) => {
          const store = await storeOf(input);
          await tamper(store.schema, changes);
          const report = await verifyPostgresStore(
            { connectionString, schema: store.schema },
            { threads, batchSize: 7 },
          );
          const expected = await verifyThenClose(store);
          // The store's check of itself (R-AUDIT-6): one event an append, so the counter is the
          // history's length, and only the removal of the last row leaves it past the rows.
          const [last] = await target.raw<{ head: string }>(
            `SELECT coalesce(max(global_position), 0) AS head FROM ${store.schema}.events`,
          );
          const lastRemoved = Number(last?.head ?? 0) < input.length;
          expect(report.store?.problems.map((problem) => problem.kind)).toEqual(
            lastRemoved ? ['head_mismatch'] : [],
          );
          expect(report).toEqual({ ...expected, ok: expected.ok && !lastRemoved, store: report.store });
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
    expect(report).toEqual({ ...(await verifyThenClose(store)), store: expect.anything() });
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
