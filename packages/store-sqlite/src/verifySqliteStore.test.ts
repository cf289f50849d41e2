import { closeSync, copyFileSync, openSync, readSync, truncateSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreOpenError, verifyStore, type StoreProblem } from '@rapport/core';
import { createTempDir, newEvents } from '@rapport/core/testing';
import { openSqliteEventStore, verifySqliteStore } from './index.js';

const temp = createTempDir('sqlite-damage');
afterAll(() => temp.remove());
let files = 0;

/** Events in the file every test damages a copy of: enough for a dozen pages of the table. */
const TOTAL = 240;
const PAGE = 4096;

/** A leaf page of the events table and the positions it holds. */
interface Leaf {
  readonly page: number;
  readonly from: number;
  readonly to: number;
}

let source = '';
/** The table's root page and its leaves in the order of the tree. */
let root = 0;
let leaves: ReadonlyArray<Leaf> = [];
let pageCount = 0;

beforeAll(async () => {
  source = temp.file('source.db');
  const store = await openSqliteEventStore({ path: source });
  for (let i = 0; i < TOTAL / 8; i++)
    for (let stream = 0; stream < 8; stream++)
      await store.append(`contact-${stream}`, newEvents(1, { data: { note: 'x'.repeat(200) } }));
  await store.close();
  const db = new Database(source);
  // Every page in the file itself, none left in a write-ahead log.
  db.pragma('wal_checkpoint(TRUNCATE)');
  root = Number(db.prepare(`SELECT rootpage FROM sqlite_schema WHERE name = 'events'`).pluck().get());
  // Positions are appended in order, so the leaves, in the order of the tree, hold consecutive
  // ranges of them: the model of which positions a page holds.
  let next = 1;
  leaves = (
    db
      .prepare(`SELECT pageno, ncell FROM dbstat WHERE name = 'events' AND pagetype = 'leaf' ORDER BY path`)
      .all() as Array<{ pageno: number; ncell: number }>
  ).map(({ pageno, ncell }) => {
    const leaf = { page: pageno, from: next, to: next + ncell - 1 };
    next += ncell;
    return leaf;
  });
  pageCount = Number(db.pragma('page_count', { simple: true }));
  db.close();
  expect(next - 1).toBe(TOTAL);
  expect(leaves.length).toBeGreaterThan(8);
});

/** A copy of the source file. */
const copy = (): string => {
  const path = temp.file(`damaged-${files++}.db`);
  copyFileSync(source, path);
  return path;
};

/** Writes `bytes` over page `page` (numbered from 1) of the file. */
const overwrite = (path: string, page: number, bytes: Buffer): void => {
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, bytes, 0, PAGE, (page - 1) * PAGE);
  } finally {
    closeSync(fd);
  }
};

const pageOf = (path: string, page: number): Buffer => {
  const bytes = Buffer.alloc(PAGE);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, bytes, 0, PAGE, (page - 1) * PAGE);
  } finally {
    closeSync(fd);
  }
  return bytes;
};

const ofKind = (problems: ReadonlyArray<StoreProblem> | undefined, kind: StoreProblem['kind']) =>
  (problems ?? []).filter((problem) => problem.kind === kind);

describe('verifySqliteStore on a damaged file', () => {
  it('R-AUDIT-6: a whole file passes its own check: every index counts what was read, quick_check says ok', async () => {
    const report = await verifySqliteStore(copy(), { threads: 2 });
    expect(report).toMatchObject({ ok: true, events: TOTAL, headPosition: TOTAL, missingPositions: 0 });
    expect(report.store).toEqual({
      method: 'quick_check',
      stored: { events: TOTAL, headPosition: TOTAL },
      gaps: [],
      problems: [],
    });
  });

  it("R-AUDIT-6: the table's root page overwritten by its first leaf is not reported ok over that leaf's events, and says which positions are not read", async () => {
    const path = copy();
    const first = leaves[0]!;
    overwrite(path, root, pageOf(path, first.page));
    for (const threads of [1, 2]) {
      const report = await verifySqliteStore(path, { threads });
      // The chains of the events left hold: verification of the chains alone says ok.
      expect(report).toMatchObject({
        events: first.to,
        headPosition: first.to,
        missingPositions: 0,
        breaks: [],
      });
      expect(report.ok).toBe(false);
      expect(report.store?.stored).toEqual({ events: TOTAL, headPosition: TOTAL });
      expect(ofKind(report.store?.problems, 'count_mismatch')).toEqual([
        expect.objectContaining({ positions: [{ from: first.to + 1, to: TOTAL }] }),
      ]);
      expect(ofKind(report.store?.problems, 'count_mismatch')[0]?.message).toContain(
        `the store holds ${TOTAL} events`,
      );
      expect(ofKind(report.store?.problems, 'head_mismatch')).toHaveLength(1);
      expect(ofKind(report.store?.problems, 'integrity')[0]?.message).toMatch(
        /PRAGMA quick_check.*never used/,
      );
    }
    const full = await verifySqliteStore(path, { threads: 1, fullIntegrityCheck: true });
    expect(full.store?.method).toBe('integrity_check');
    expect(ofKind(full.store?.problems, 'integrity')[0]?.message).toMatch(/PRAGMA integrity_check/);
  });

  it("R-AUDIT-6: two leaf pages overwritten, with zeros or random bytes, are unreadable events at the positions those pages held, with SQLite's error", async () => {
    const damaged = [leaves[3]!, leaves[6]!];
    for (const fill of [() => Buffer.alloc(PAGE), () => randomBytes(PAGE)]) {
      const path = copy();
      for (const leaf of damaged) overwrite(path, leaf.page, fill());
      const lost = damaged.reduce((sum, leaf) => sum + leaf.to - leaf.from + 1, 0);
      for (const threads of [1, 3]) {
        const report = await verifySqliteStore(path, { threads });
        expect(report.ok).toBe(false);
        expect(report.events).toBe(TOTAL - lost);
        const unreadable = ofKind(report.store?.problems, 'unreadable').filter(
          (problem) => problem.positions.length > 0,
        );
        expect(unreadable.flatMap((problem) => problem.positions)).toEqual(
          damaged.map((leaf) => ({ from: leaf.from, to: leaf.to })),
        );
        expect(unreadable[0]?.message).toContain('(SQLITE_CORRUPT)');
        expect(ofKind(report.store?.problems, 'count_mismatch')).toHaveLength(1);
      }
    }
  });

  it('R-AUDIT-6: a truncated file is refused as damaged, saying where it was cut, and so is opening it as a store', async () => {
    const path = copy();
    const cut = pageCount - 3;
    truncateSync(path, cut * PAGE);
    const where = `${cut} of the ${pageCount} pages its header counts: it was cut short after page ${cut}`;
    await expect(verifySqliteStore(path, { threads: 2 })).rejects.toMatchObject({
      code: 'STORE_CORRUPTED',
      message: expect.stringContaining(where),
    });
    await expect(openSqliteEventStore({ path })).rejects.toMatchObject({
      code: 'STORE_CORRUPTED',
      message: expect.stringContaining(where),
    });
  });

  it('R-AUDIT-6: rows deleted with SQL, behind the store, are empty positions listed as ranges', async () => {
    const path = copy();
    const db = new Database(path);
    db.prepare(
      `DELETE FROM events WHERE global_position BETWEEN 10 AND 12 OR global_position IN (1, 40)`,
    ).run();
    db.close();
    for (const threads of [1, 2]) {
      const report = await verifySqliteStore(path, { threads });
      expect(report).toMatchObject({ ok: false, events: TOTAL - 5, missingPositions: 5 });
      expect(report.store?.gaps).toEqual([
        { from: 1, to: 1 },
        { from: 10, to: 12 },
        { from: 40, to: 40 },
      ]);
      // Deleted through SQL, the rows are gone from the indexes too: the file itself is whole.
      expect(report.store?.problems).toEqual([]);
    }
  });

  /**
   * Verifies the damaged file at `path`: never ok with the full check, and a problem said when
   * events are missing. The quick check (`quick_check`, each index's count and head) says ok only
   * when every event was read and the damage is to an index's entries alone, which only the full
   * `integrity_check` matches with their rows.
   */
  const expectNeverOk = async (path: string, page: number): Promise<void> => {
    const outcome = await verifySqliteStore(path, { threads: 1 }).then(
      (report) => ({ report }),
      (error: unknown) => ({ error }),
    );
    if ('error' in outcome) {
      // The first page holds the file's header: a file without one is not opened at all.
      expect(page).toBe(1);
      expect(outcome.error).toBeInstanceOf(StoreOpenError);
      return;
    }
    if (outcome.report.events < TOTAL) expect(outcome.report.store?.problems.length).toBeGreaterThan(0);
    if (!outcome.report.ok) return;
    expect(outcome.report.events).toBe(TOTAL);
    const full = await verifySqliteStore(path, { threads: 1, fullIntegrityCheck: true });
    expect(full.ok).toBe(false);
    expect(ofKind(full.store?.problems, 'integrity')[0]?.message).toMatch(
      /missing from index|wrong # of entries/,
    );
  };

  it('R-AUDIT-6: a leaf of one index overwritten with a leaf of another that holds as many entries is seen by the full check, which matches entries with rows', async () => {
    // Found by a random run: quick_check and the indexes' counts and heads are whole, every event
    // is read; only integrity_check finds the rows missing from the index.
    const path = copy();
    const db = new Database(path);
    const leavesOf = (name: string) =>
      db
        .prepare(`SELECT pageno, ncell FROM dbstat WHERE name = ? AND pagetype = 'leaf' ORDER BY path`)
        .all(name) as Array<{ pageno: number; ncell: number }>;
    const byEventId = leavesOf('sqlite_autoindex_events_1');
    const byStream = leavesOf('sqlite_autoindex_events_2');
    db.close();
    const target = byEventId.find((leaf) => byStream.some((other) => other.ncell === leaf.ncell));
    if (target === undefined) throw new Error('no two index leaves hold as many entries');
    const source = byStream.find((other) => other.ncell === target.ncell)!;
    overwrite(path, target.pageno, pageOf(path, source.pageno));
    const full = await verifySqliteStore(path, { threads: 1, fullIntegrityCheck: true });
    expect(full).toMatchObject({ ok: false, events: TOTAL });
    expect(ofKind(full.store?.problems, 'integrity')[0]?.message).toMatch(
      /missing from index sqlite_autoindex_events_1/,
    );
  });

  it('R-AUDIT-6: an empty index page overwritten with an empty table page, which quick_check lets by, is not reported ok: every tree of the file is read through', async () => {
    // Found by a random run: the snapshots' index, empty, overwritten with their empty table.
    const path = copy();
    const db = new Database(path);
    const rootOf = (name: string): number =>
      Number(db.prepare(`SELECT rootpage FROM sqlite_schema WHERE name = ?`).pluck().get(name));
    const index = rootOf('sqlite_autoindex_projection_snapshots_1');
    const table = rootOf('projection_snapshots');
    db.close();
    overwrite(path, index, pageOf(path, table));
    const damaged = new Database(path);
    expect(damaged.pragma('quick_check', { simple: true })).toBe('ok');
    damaged.close();
    const report = await verifySqliteStore(path, { threads: 1 });
    expect(report).toMatchObject({ ok: false, events: TOTAL });
    expect(ofKind(report.store?.problems, 'integrity')[0]?.message).toMatch(
      /^the index sqlite_autoindex_projection_snapshots_1 cannot be read: .*\(SQLITE_CORRUPT\)$/,
    );
  });

  it('R-AUDIT-6: a leaf overwritten with the root, a tree that points back at itself, ends in a report: the walk reads on position by position', async () => {
    // Found by a random run, which never ended: the table's tree gave rows again and out of
    // order, and reading on from the last one came back to the same rows.
    for (const threads of [1, 2]) {
      const path = copy();
      overwrite(path, leaves[7]!.page, pageOf(path, root));
      const report = await verifySqliteStore(path, { threads });
      expect(report.ok).toBe(false);
      expect(report.store?.problems.map((problem) => problem.message).join('\n')).toMatch(
        /gives position \d+ after position \d+/,
      );
    }
  });

  it('R-AUDIT-6: a page of the file overwritten (zeros, random bytes or a copy of another page) is never reported ok by the full check, nor by the quick one when an event is not read', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: pageCount }),
        fc.oneof(
          fc.constant<'zeros'>('zeros'),
          fc.noShrink(fc.uint8Array({ minLength: PAGE, maxLength: PAGE })),
          fc.integer({ min: 1, max: pageCount }),
        ),
        async (page, fill) => {
          const path = copy();
          const bytes =
            fill === 'zeros'
              ? Buffer.alloc(PAGE)
              : fill instanceof Uint8Array
                ? Buffer.from(fill)
                : pageOf(path, fill);
          fc.pre(!pageOf(path, page).equals(bytes));
          overwrite(path, page, bytes);
          await expectNeverOk(path, page);
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);

  it('R-AUDIT-6: verification through the store alone reads the events left and says ok: the check of the file is what sees the damage', async () => {
    const path = copy();
    overwrite(path, root, pageOf(path, leaves[0]!.page));
    const store = await openSqliteEventStore({ path });
    try {
      expect(await verifyStore(store)).toMatchObject({ ok: true, events: leaves[0]!.to });
    } finally {
      await store.close();
    }
  });
});
