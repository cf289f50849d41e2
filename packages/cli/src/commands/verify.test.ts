import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeAll, describe, expect, it } from 'vitest';
import type { VerificationReport } from '@rapport/core';
import { runInProcess, tempDir } from '../internal/harness.js';

const commands = [
  { type: 'CreateOrganization', actor: 'ann', orgId: 'acme', name: 'Acme' },
  { type: 'AddMember', actor: 'ann', orgId: 'acme', userId: 'bob', role: 'member' },
  { type: 'AddContact', actor: 'bob', orgId: 'acme', contactId: 'ada', kind: 'person', name: 'Ada' },
  { type: 'SetSegment', actor: 'bob', orgId: 'acme', contactId: 'ada', segmentId: 'customer' },
  { type: 'SetStage', actor: 'bob', orgId: 'acme', contactId: 'ada', stage: 'lead' },
  { type: 'SetStage', actor: 'bob', orgId: 'acme', contactId: 'ada', stage: 'potential' },
];

let source = '';

/** A copy of the seeded database, changed by `tamper` with plain SQL behind the store's back. */
const tampered = (tamper: (db: Database.Database) => void): string => {
  const dir = tempDir();
  const file = join(dir, 'rapport.db');
  copyFileSync(source, file);
  const db = new Database(file);
  tamper(db);
  db.close();
  return dir;
};

const verify = async (
  dir: string,
  threads?: number,
): Promise<{ code: number; report: VerificationReport }> => {
  const run = await runInProcess(
    ['verify', '--json', ...(threads === undefined ? [] : ['--threads', String(threads)])],
    dir,
  );
  return { code: run.code, report: JSON.parse(run.stdout) as VerificationReport };
};

beforeAll(async () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'commands.jsonl'), commands.map((command) => JSON.stringify(command)).join('\n'));
  expect((await runInProcess(['exec', 'commands.jsonl'], dir)).code).toBe(0);
  source = join(dir, 'rapport.db');
});

describe('rapport verify', () => {
  it('R-AUDIT-5: an untouched history verifies', async () => {
    const dir = tampered(() => undefined);
    const run = await runInProcess(['verify'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('ok: every hash chain holds');
    expect((await verify(dir)).report).toMatchObject({ ok: true, breaks: [] });
  });

  it('R-AUDIT-5: altering a stored event is detected, with the stream, version and position', async () => {
    const dir = tampered((db) =>
      db
        .prepare(
          `UPDATE events SET data = replace(data, '"potential"', '"active"') WHERE type = 'StageSet' AND data LIKE '%"potential"%'`,
        )
        .run(),
    );
    const { code, report } = await verify(dir);
    expect(code).toBe(3);
    expect(report.ok).toBe(false);
    expect(report.breaks).toEqual([
      expect.objectContaining({ streamId: 'contact-acme/ada', kind: 'hash_mismatch', streamVersion: 5 }),
    ]);
    const text = await runInProcess(['verify'], dir);
    expect(text.stdout).toContain('broken: 1 stream(s)');
    expect(text.stdout).toMatch(/contact-acme\/ada\s+5\s+\d+\s+hash_mismatch/);
  });

  it('R-AUDIT-5: removing a stored event is detected', async () => {
    const dir = tampered((db) =>
      db.prepare(`DELETE FROM events WHERE stream_id = 'contact-acme/ada' AND stream_version = 2`).run(),
    );
    const { code, report } = await verify(dir);
    expect(code).toBe(3);
    expect(report.breaks).toEqual([
      expect.objectContaining({ streamId: 'contact-acme/ada', kind: 'version_gap', expected: 2, actual: 3 }),
    ]);
  });

  it("R-AUDIT-5: removing a stream's last event is detected by the position it leaves empty", async () => {
    // The organization's stream ends before the contact's last events.
    const dir = tampered((db) =>
      db
        .prepare(
          `DELETE FROM events WHERE stream_id = 'org-acme'
            AND stream_version = (SELECT max(stream_version) FROM events WHERE stream_id = 'org-acme')`,
        )
        .run(),
    );
    const { code, report } = await verify(dir);
    expect(code).toBe(3);
    expect(report).toMatchObject({ ok: false, missingPositions: 1, breaks: [] });
    const text = await runInProcess(['verify'], dir);
    expect(text.stdout).toContain('missing: 1 position(s) up to');
    expect(text.stdout).not.toContain('broken:');
  });

  it("R-AUDIT-5: an anchor written after a clean verification shows the store's own last event removed, which verification alone cannot", async () => {
    const dir = tampered(() => undefined);
    const wrote = await runInProcess(['verify', '--write-anchor', 'head.json'], dir);
    expect(wrote.code).toBe(0);
    expect(wrote.stdout).toContain('anchor written to head.json: position');
    const anchor = JSON.parse(readFileSync(join(dir, 'head.json'), 'utf8')) as { globalPosition: number };
    expect((await runInProcess(['verify', '--anchor', 'head.json'], dir)).code).toBe(0);
    const db = new Database(join(dir, 'rapport.db'));
    db.prepare(`DELETE FROM events WHERE global_position = ?`).run(anchor.globalPosition);
    db.close();
    expect((await runInProcess(['verify'], dir)).code).toBe(0);
    const checked = await runInProcess(['verify', '--anchor', 'head.json'], dir);
    expect(checked.code).toBe(3);
    expect(checked.stdout).toContain(
      `anchor: the history ends at position ${anchor.globalPosition - 1}, before the anchored position ${anchor.globalPosition}`,
    );
    const json = await runInProcess(['verify', '--json', '--anchor', 'head.json'], dir);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, anchor: { ok: false, found: null } });
  });

  it('writes no anchor when verification finds something wrong', async () => {
    const dir = tampered((db) =>
      db.prepare(`DELETE FROM events WHERE stream_id = 'contact-acme/ada' AND stream_version = 2`).run(),
    );
    const run = await runInProcess(['verify', '--write-anchor', 'head.json'], dir);
    expect(run.code).toBe(3);
    expect(existsSync(join(dir, 'head.json'))).toBe(false);
  });

  it('refuses an anchor file that is not an anchor, with the path and a sentence, before reading the store', async () => {
    const dir = tampered(() => undefined);
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ globalPosition: 0, eventId: 'e', hash: 'h' }));
    const bad = await runInProcess(['verify', '--anchor', 'bad.json'], dir);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('the anchor file bad.json is not an anchor: at globalPosition');
    expect(bad.stderr).toContain('(ANCHOR_INVALID)');
    writeFileSync(join(dir, 'text.json'), 'position 12');
    expect((await runInProcess(['verify', '--anchor', 'text.json'], dir)).stderr).toContain(
      'the anchor file text.json is not JSON (ANCHOR_INVALID)',
    );
  });

  it('R-AUDIT-5: reordering stored events is detected', async () => {
    const dir = tampered((db) => {
      const swap = db.transaction(() => {
        db.prepare(
          `UPDATE events SET stream_version = -1 WHERE stream_id = 'contact-acme/ada' AND stream_version = 4`,
        ).run();
        db.prepare(
          `UPDATE events SET stream_version = 4 WHERE stream_id = 'contact-acme/ada' AND stream_version = 5`,
        ).run();
        db.prepare(
          `UPDATE events SET stream_version = 5 WHERE stream_id = 'contact-acme/ada' AND stream_version = -1`,
        ).run();
      });
      swap();
    });
    const { code, report } = await verify(dir);
    expect(code).toBe(3);
    expect(report.breaks[0]).toMatchObject({ streamId: 'contact-acme/ada' });
  });

  it('R-AUDIT-5: one thread and three threads that each read the file report the same breaks', async () => {
    const dir = tampered((db) => {
      db.prepare(`DELETE FROM events WHERE stream_id = 'contact-acme/ada' AND stream_version = 2`).run();
      db.prepare(
        `UPDATE events SET actor = 'mallory' WHERE stream_id = 'org-acme' AND stream_version = 2`,
      ).run();
    });
    const one = await verify(dir, 1);
    expect(one.code).toBe(3);
    expect(one.report.breaks.map((broken) => [broken.streamId, broken.kind])).toEqual([
      ['org-acme', 'hash_mismatch'],
      ['contact-acme/ada', 'version_gap'],
    ]);
    expect(await verify(dir, 3)).toEqual(one);
  });

  it('refuses a number of threads that is not a whole number from 1 to 64', async () => {
    for (const threads of ['0', '1.5', 'two', '65']) {
      const run = await runInProcess(
        ['verify', '--threads', threads],
        tampered(() => undefined),
      );
      expect(run.code).not.toBe(0);
      expect(run.stderr).toContain('expected a number of threads');
    }
  });

  it('refuses a store that does not exist rather than creating one', async () => {
    const dir = tempDir();
    const run = await runInProcess(['verify', '--db', 'missing.db'], dir);
    expect(run.code).toBe(3);
    expect(run.stderr).toContain('there is no Rapport store at missing.db');
  });
});
