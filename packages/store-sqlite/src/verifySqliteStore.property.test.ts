import { writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  appendHistory,
  arbitraryHistory,
  arbitraryTampering,
  createTempDir,
  tamperWith,
  verifyThenClose,
  type HistoryAppend,
  type Tampering,
  type TamperingKind,
} from '@rapport/core/testing';
import { openSqliteEventStore, verifySqliteStore, type SqliteEventStore } from './index.js';

const temp = createTempDir('sqlite-verify');
afterAll(() => temp.remove());
let files = 0;

/** Each of `TAMPERING_KINDS` in SQLite: `@at` is a position, `@other` another one. */
const TAMPERING: Readonly<Record<TamperingKind, string>> = {
  alter: `UPDATE events SET data = '{"altered":true}' WHERE global_position = @at`,
  remove: `DELETE FROM events WHERE global_position = @at`,
  version: `UPDATE events SET stream_version = stream_version + 1 WHERE global_position = @at`,
  relink: `UPDATE events SET previous_hash = (SELECT hash FROM events WHERE global_position = @other) WHERE global_position = @at`,
  rehash: `UPDATE events SET hash = (SELECT hash FROM events WHERE global_position = @other) WHERE global_position = @at`,
  move: `UPDATE events SET stream_id = (SELECT stream_id FROM events WHERE global_position = @other) WHERE global_position = @at`,
  swapData: `UPDATE events SET data = (SELECT data FROM events WHERE global_position = @other) WHERE global_position = @at`,
  respace: `UPDATE events SET data = ' ' || data WHERE global_position = @at`,
};

/**
 * A store file holding the history, and the store left open: the one-thread verification reads it
 * through the store, which might refuse to open some tampered files.
 */
const storeOf = async (
  history: ReadonlyArray<HistoryAppend>,
): Promise<{ path: string; store: SqliteEventStore }> => {
  const path = temp.file(`verify-${files++}.db`);
  const store = await openSqliteEventStore({ path, synchronous: 'NORMAL' });
  await appendHistory(store, history);
  return { path, store };
};

/** The changes made to the file with plain SQL, behind the store's back. */
const tamper = async (path: string, changes: ReadonlyArray<Tampering>): Promise<void> => {
  const db = new Database(path);
  try {
    await tamperWith(
      {
        head: () => Number(db.prepare(`SELECT coalesce(max(global_position), 0) FROM events`).pluck().get()),
        change: (kind, at, other) => db.prepare(TAMPERING[kind]).run({ at, other }),
        refused: (error) => String((error as { code?: unknown }).code).startsWith('SQLITE_CONSTRAINT'),
      },
      changes,
    );
  } finally {
    db.close();
  }
};

describe('verifySqliteStore', () => {
  it('R-AUDIT-5: on any history, tampered or not, its report on 1 to 3 threads equals verifyStore', async () => {
    await fc.assert(
      fc.asyncProperty(
        arbitraryHistory,
        arbitraryTampering,
        fc.integer({ min: 1, max: 3 }),
        async (input, changes, threads) => {
          const { path, store } = await storeOf(input);
          await tamper(path, changes);
          const report = await verifySqliteStore(path, { threads, batchSize: 7 });
          const expected = await verifyThenClose(store);
          // Changed with SQL, the file itself is whole: its own check finds nothing (R-AUDIT-6).
          expect(report).toEqual({ ...expected, store: expect.objectContaining({ problems: [] }) });
          expect(report.store?.stored).toEqual({
            events: expected.events,
            headPosition: expected.headPosition,
          });
        },
      ),
      {
        numRuns: 12,
        // Data copied from a removed row: NULL, which the table refuses.
        examples: [
          [
            [0, 0, 0, 0].map((stream) => ({ stream, n: 0 })),
            [
              { kind: 'remove', at: 213386210, other: 0 },
              { kind: 'swapData', at: 0, other: 881381642 },
            ],
            1,
          ],
        ],
      },
    );
  }, 300_000);

  it('R-AUDIT-5: a break in the second range of streams is reported as verifyStore reports it', async () => {
    const { path, store } = await storeOf(Array.from({ length: 20 }, (_, i) => ({ stream: i % 2, n: 1 })));
    // The streams split into two ranges; the break is in the second, contact-1's.
    await tamper(path, [{ kind: 'alter', at: 19, other: 0 }]);
    const report = await verifySqliteStore(path, { threads: 2 });
    expect(report.breaks).toEqual([
      expect.objectContaining({ streamId: 'contact-1', streamVersion: 10, kind: 'hash_mismatch' }),
    ]);
    expect(report).toEqual({ ...(await verifyThenClose(store)), store: expect.anything() });
  }, 60_000);

  it('R-AUDIT-6: a row whose data is not JSON, which verifyStore cannot read past, is an unreadable event at its position', async () => {
    const { path, store } = await storeOf(Array.from({ length: 20 }, (_, i) => ({ stream: i % 2, n: 1 })));
    const db = new Database(path);
    db.prepare(`UPDATE events SET data = '{' WHERE global_position = 12`).run();
    db.close();
    await expect(verifyThenClose(store)).rejects.toMatchObject({ code: 'STORE_CORRUPTED' });
    for (const threads of [1, 2]) {
      const report = await verifySqliteStore(path, { threads });
      expect(report).toMatchObject({ ok: false, events: 19, headPosition: 20, missingPositions: 1 });
      // The stream's next event no longer follows the one before it.
      expect(report.breaks).toEqual([
        expect.objectContaining({ streamId: 'contact-1', kind: 'version_gap' }),
      ]);
      expect(report.store?.problems).toContainEqual({
        kind: 'unreadable',
        positions: [{ from: 12, to: 12 }],
        message: '1 event(s) cannot be read, at position(s) 12: its data is not JSON',
      });
    }
  }, 60_000);

  it('refuses a file that is missing or not a Rapport store, and creates nothing', async () => {
    await expect(verifySqliteStore(temp.file('missing.db'))).rejects.toMatchObject({
      code: 'STORE_CANNOT_OPEN',
    });
    const other = temp.file('other.db');
    new Database(other).exec('CREATE TABLE t (x)').close();
    await expect(verifySqliteStore(other)).rejects.toMatchObject({ code: 'STORE_FOREIGN' });
    writeFileSync(temp.file('text.db'), 'not a database at all, just some text');
    await expect(verifySqliteStore(temp.file('text.db'))).rejects.toMatchObject({ code: 'STORE_NOT_SQLITE' });
  });
});
