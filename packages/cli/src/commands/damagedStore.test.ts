import {
  closeSync,
  copyFileSync,
  existsSync,
  openSync,
  readSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VerificationReport } from '@rapport/core';
import { runInProcess, tempDir } from '../internal/harness.js';

const PAGE = 4096;

/** An organization with enough contacts for the events table to fill a dozen pages. */
const commands = [
  { type: 'CreateOrganization', actor: 'ann', orgId: 'acme', name: 'Acme' },
  { type: 'AddMember', actor: 'ann', orgId: 'acme', userId: 'bob', role: 'member' },
  ...Array.from({ length: 60 }, (_, i) => ({
    type: 'AddContact',
    actor: 'bob',
    orgId: 'acme',
    contactId: `c${i}`,
    kind: 'person',
    name: `Contact number ${i} with a name long enough to fill the pages of the table`,
  })),
];

let source = '';
let total = 0;
let root = 0;
/** The table's leaf pages in the order of the tree, with the positions each holds. */
let leaves: ReadonlyArray<{ page: number; from: number; to: number }> = [];
let pageCount = 0;

beforeAll(async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'commands.jsonl'), commands.map((command) => JSON.stringify(command)).join('\n'));
  expect((await runInProcess(['exec', 'commands.jsonl'], dir)).code).toBe(0);
  source = join(dir, 'rapport.db');
  const db = new Database(source);
  // Every page in the file itself, none left in a write-ahead log.
  db.pragma('wal_checkpoint(TRUNCATE)');
  total = Number(db.prepare(`SELECT count(*) FROM events`).pluck().get());
  root = Number(db.prepare(`SELECT rootpage FROM sqlite_schema WHERE name = 'events'`).pluck().get());
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
  expect(leaves.length).toBeGreaterThan(4);
});

/** A directory holding a copy of the store, damaged by `damage`. */
const damaged = (damage: (path: string) => void): string => {
  const dir = tempDir();
  const path = join(dir, 'rapport.db');
  copyFileSync(source, path);
  damage(path);
  return dir;
};

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

/** The table's root page overwritten by its first leaf: the table then reads as that leaf alone. */
const rootReplaced = (): string => damaged((path) => overwrite(path, root, pageOf(path, leaves[0]!.page)));

/** Two leaf pages of the table overwritten with zeros. */
const leavesZeroed = (): string =>
  damaged((path) => {
    overwrite(path, leaves[1]!.page, Buffer.alloc(PAGE));
    overwrite(path, leaves[3]!.page, Buffer.alloc(PAGE));
  });

describe('rapport verify on a damaged SQLite file', () => {
  it('R-AUDIT-6: the root page overwritten: not ok over the events left, the stored count and the positions not read, exit 3', async () => {
    const dir = rootReplaced();
    const run = await runInProcess(['verify'], dir);
    expect(run.code).toBe(3);
    expect(run.stdout).toContain(`${leaves[0]!.to} events in`);
    expect(run.stdout).toContain(`damaged: the store holds ${total} events up to position ${total}`);
    expect(run.stdout).toContain(`(positions ${leaves[0]!.to + 1}-${total})`);
    expect(run.stdout).toMatch(/integrity: PRAGMA quick_check finds the file damaged/);
    expect(run.stdout).not.toContain('ok: every hash chain holds');
    const json = await runInProcess(['verify', '--json', '--integrity'], dir);
    expect(json.code).toBe(3);
    const report = JSON.parse(json.stdout) as VerificationReport;
    expect(report).toMatchObject({ ok: false, events: leaves[0]!.to, breaks: [] });
    expect(report.store).toMatchObject({ method: 'integrity_check', stored: { events: total } });
  });

  it("R-AUDIT-6: two pages overwritten: the positions they held are unreadable, with SQLite's error, exit 3", async () => {
    const run = await runInProcess(['verify'], leavesZeroed());
    expect(run.code).toBe(3);
    expect(run.stdout).toContain(
      `unreadable: ${leaves[1]!.to - leaves[1]!.from + 1 + leaves[3]!.to - leaves[3]!.from + 1} event(s) cannot be read, at position(s) ${leaves[1]!.from}-${leaves[1]!.to}, ${leaves[3]!.from}-${leaves[3]!.to}: database disk image is malformed (SQLITE_CORRUPT)`,
    );
  });

  it('R-AUDIT-6: a truncated file is refused as damaged, saying where it was cut, exit 3 and no stack trace', async () => {
    const cut = pageCount - 2;
    const run = await runInProcess(
      ['verify'],
      damaged((path) => truncateSync(path, cut * PAGE)),
    );
    expect(run.code).toBe(3);
    expect(run.stderr).toContain(`${cut} of the ${pageCount} pages its header counts: it was cut short`);
    expect(run.stderr).toContain('(STORE_CORRUPTED)');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('R-AUDIT-6: rows deleted with SQL are missing positions, listed, exit 3', async () => {
    const dir = damaged((path) => {
      const db = new Database(path);
      db.prepare(`DELETE FROM events WHERE global_position IN (5, 6, 7, 20)`).run();
      db.close();
    });
    const run = await runInProcess(['verify'], dir);
    expect(run.code).toBe(3);
    expect(run.stdout).toContain(
      `missing: 4 position(s) up to ${total} hold no event: events were removed (positions 5-7, 20)`,
    );
  });
});

describe('readers of a damaged SQLite file fail loudly instead of stopping early', () => {
  it('R-AUDIT-6: export says how many events the store holds and how many were read, exits with 3, and leaves no file', async () => {
    const dir = rootReplaced();
    const toFile = await runInProcess(['export', 'history.jsonl'], dir);
    expect(toFile.code).toBe(3);
    expect(toFile.stderr).toContain(
      `the store holds ${total} event(s), up to position ${total}; ${leaves[0]!.to} were read, up to position ${leaves[0]!.to}`,
    );
    expect(toFile.stderr).toContain('(STORE_INCOMPLETE)');
    expect(existsSync(join(dir, 'history.jsonl'))).toBe(false);
    const toStdout = await runInProcess(['export'], dir);
    expect(toStdout.code).toBe(3);
    expect(toStdout.stderr).toContain(`the store holds ${total} event(s)`);
    const range = await runInProcess(['export', '--from', '2', '--to', String(total - 1)], dir);
    expect(range.code).toBe(3);
    expect(range.stderr).toContain(
      `the store holds ${total - 3} event(s) after position 2 up to ${total - 1}, up to position ${total - 1}`,
    );
  });

  it('R-AUDIT-6: export of a file with unreadable pages says where reading stopped and what the store holds', async () => {
    const run = await runInProcess(['export'], leavesZeroed());
    expect(run.code).toBe(3);
    // Reading stops before the first damaged page, at the last batch read whole.
    const stopped = /stopped after position (\d+), with (\d+) event\(s\) read: .*\(STORE_CORRUPTED\)/.exec(
      run.stderr,
    );
    expect(Number(stopped?.[1])).toBeLessThan(leaves[1]!.from);
    expect(run.stdout.split('\n').filter((line) => line !== '')).toHaveLength(Number(stopped?.[2]));
    expect(run.stderr).toContain(`the store holds ${total} event(s), up to position ${total}`);
  });

  it('R-AUDIT-6: replay and timeline exit with 3 and say what is missing; replay saves no snapshot', async () => {
    const dir = rootReplaced();
    const replay = await runInProcess(['replay'], dir);
    expect(replay.code).toBe(3);
    expect(replay.stderr).toContain(
      `the store holds ${total} event(s), up to position ${total}; ${leaves[0]!.to} were read`,
    );
    const db = new Database(join(dir, 'rapport.db'), { readonly: true });
    expect(
      db
        .prepare(`SELECT count(*) FROM projection_snapshots WHERE projection = 'rapport.read-models'`)
        .pluck()
        .get(),
    ).toBe(0);
    db.close();
    const timeline = await runInProcess(['timeline', 'c0'], dir);
    expect(timeline.code).toBe(3);
    expect(timeline.stderr).toContain(`the store holds ${total} event(s)`);
  });

  it('R-AUDIT-6: on a whole file the readers read everything and exit with 0', async () => {
    const dir = damaged(() => undefined);
    expect((await runInProcess(['export', 'history.jsonl'], dir)).code).toBe(0);
    expect((await runInProcess(['replay'], dir)).code).toBe(0);
    expect((await runInProcess(['timeline', 'c0'], dir)).code).toBe(0);
    expect(
      (await runInProcess(['export', '--from', '2', '--to', '5'], dir)).stdout.trim().split('\n'),
    ).toHaveLength(3);
  });
});

describe('a PostgreSQL store whose last rows were deleted behind its back', () => {
  const url = process.env['RAPPORT_TEST_PG'] ?? 'postgres://postgres@127.0.0.1:5432/test';
  const schema = `cli_damaged_${process.pid}_${Date.now()}`;
  const client = new pg.Client({ connectionString: url });
  afterAll(async () => {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await client.end();
  });

  it('R-AUDIT-6: verify, export, replay and timeline refuse it as damaged, with exit 3', async () => {
    await client.connect();
    const dir = tempDir();
    const options = ['--pg', url, '--pg-schema', schema];
    writeFileSync(
      join(dir, 'commands.jsonl'),
      commands
        .slice(0, 6)
        .map((command) => JSON.stringify(command))
        .join('\n'),
    );
    expect((await runInProcess(['exec', 'commands.jsonl', ...options], dir)).code).toBe(0);
    expect((await runInProcess(['verify', ...options], dir)).code).toBe(0);
    const { rows } = await client.query<{ head: string }>(
      `SELECT last_position AS head FROM "${schema}".event_position`,
    );
    const head = Number(rows[0]?.head);
    await client.query(`DELETE FROM "${schema}".events WHERE global_position > $1`, [head - 2]);
    // Opening the store already compares its counter with its rows: every command refuses it.
    for (const args of [['verify'], ['export'], ['replay'], ['timeline', 'c0']]) {
      const run = await runInProcess([...args, ...options], dir);
      expect(run.code).toBe(3);
      expect(run.stderr).toContain('whose position counter does not match its events');
      expect(run.stderr).toContain('(STORE_CORRUPTED)');
    }
  });
});
