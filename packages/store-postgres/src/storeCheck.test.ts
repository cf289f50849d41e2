import { afterAll, describe, expect, it } from 'vitest';
import { verifyStore } from '@rapport/core';
import { withStoreCheck } from '@rapport/core/adapter';
import { appendHistory } from '@rapport/core/testing';
import { createTarget, serverUrl } from './fixtures/target.js';
import { checkPostgresStore } from './internal/storeCheck.js';
import { verifyPostgresStore, type PostgresEventStore } from './index.js';

const target = createTarget('storecheck');
afterAll(() => target.dispose());

/** Events in each store: one an append, over three streams. */
const TOTAL = 30;

const storeOf = async (): Promise<PostgresEventStore> => {
  const store = await target.open();
  await appendHistory(
    store,
    Array.from({ length: TOTAL }, (_, i) => ({ stream: i % 3, n: 1 })),
  );
  return store;
};

/**
 * The store's report as verifyPostgresStore gives it, on PGlite too: the chains read through the
 * store (verifyStore, which its property test shows equal to the threads' report), then the check.
 */
const verifyWithCheck = async (store: PostgresEventStore) => {
  const head = await store.headPosition();
  const chains = await verifyStore(store);
  const report = withStoreCheck(chains, await checkPostgresStore(target.raw, store.schema, head, chains));
  if (serverUrl !== undefined)
    expect(
      await verifyPostgresStore({ connectionString: serverUrl, schema: store.schema }, { threads: 2 }),
    ).toEqual(report);
  return report;
};

describe(`a PostgreSQL store's check of itself (${target.kind})`, () => {
  it('R-AUDIT-6: a whole store: its rows and counter agree with what was read', async () => {
    const store = await storeOf();
    const report = await verifyWithCheck(store);
    expect(report).toMatchObject({ ok: true, events: TOTAL, headPosition: TOTAL });
    expect(report.store).toEqual({
      method: 'counts',
      stored: { events: TOTAL, headPosition: TOTAL },
      gaps: [],
      problems: [],
    });
    expect(await store.storedExtent()).toEqual({ events: TOTAL, headPosition: TOTAL });
    await store.close();
  });

  it('R-AUDIT-6: rows deleted with SQL are empty positions, listed as ranges', async () => {
    const store = await storeOf();
    await target.raw(`DELETE FROM ${store.schema}.events WHERE global_position IN (1, 7, 8, 9, 20)`);
    const report = await verifyWithCheck(store);
    expect(report).toMatchObject({ ok: false, events: TOTAL - 5, missingPositions: 5 });
    expect(report.store?.gaps).toEqual([
      { from: 1, to: 1 },
      { from: 7, to: 9 },
      { from: 20, to: 20 },
    ]);
    expect(report.store?.problems).toEqual([]);
    expect(await store.storedExtent({ after: 5, to: 10 })).toEqual({ events: 2, headPosition: 10 });
    await store.close();
  });

  it("R-AUDIT-6: the store's last rows deleted, which the chains alone cannot show, disagree with its position counter", async () => {
    const store = await storeOf();
    await target.raw(`DELETE FROM ${store.schema}.events WHERE global_position > $1`, [TOTAL - 2]);
    // Read through the store, the history ends at its last row and every chain holds.
    expect(await verifyStore(store)).toMatchObject({ ok: true, events: TOTAL - 2, missingPositions: 0 });
    const report = await verifyWithCheck(store);
    expect(report.ok).toBe(false);
    expect(report.store?.stored).toEqual({ events: TOTAL - 2, headPosition: TOTAL });
    expect(report.store?.problems).toEqual([
      {
        kind: 'head_mismatch',
        positions: [{ from: TOTAL - 1, to: TOTAL }],
        message: `the store's head is position ${TOTAL} by its position counter and rows; the last event read is at position ${TOTAL - 2}`,
      },
    ]);
    // What a reader checks against: the store says it holds up to the counter.
    expect(await store.storedExtent()).toEqual({ events: TOTAL - 2, headPosition: TOTAL });
    await store.close();
  });

  it('R-AUDIT-6: a position counter moved back behind the rows is a head that disagrees with them', async () => {
    const store = await storeOf();
    await target.raw(`UPDATE ${store.schema}.event_position SET last_position = $1`, [TOTAL - 3]);
    const report = await verifyWithCheck(store);
    expect(report.ok).toBe(false);
    expect(report.store?.problems).toEqual([
      expect.objectContaining({
        kind: 'head_mismatch',
        positions: [{ from: TOTAL - 2, to: TOTAL }],
      }),
    ]);
    expect(report.store?.problems[0]?.message).toContain(`past its position counter at ${TOTAL - 3}`);
    await store.close();
  });
});
