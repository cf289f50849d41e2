import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { runInProcess, tempDir } from '../internal/harness.js';

const PG_URL = process.env['RAPPORT_TEST_PG'] ?? 'postgres://postgres@127.0.0.1:5432/test';
const schemas: string[] = [];

const seeded = async (): Promise<string> => {
  const dir = tempDir();
  const commands = [
    { type: 'CreateOrganization', actor: 'ann', orgId: 'acme', name: 'Acme' },
    { type: 'AddContact', actor: 'ann', orgId: 'acme', contactId: 'ada', kind: 'person', name: 'Ada' },
    { type: 'SetSegment', actor: 'ann', orgId: 'acme', contactId: 'ada', segmentId: 'buyer' },
    { type: 'SetStage', actor: 'ann', orgId: 'acme', contactId: 'ada', stage: 'lead' },
  ];
  writeFileSync(join(dir, 'commands.jsonl'), commands.map((command) => JSON.stringify(command)).join('\n'));
  expect((await runInProcess(['exec', 'commands.jsonl'], dir)).code).toBe(0);
  return dir;
};

afterAll(async () => {
  if (schemas.length === 0) return;
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await client.end();
});

describe('reading a PostgreSQL schema that holds no store', () => {
  it('every command that only reads refuses it with a sentence and creates no schema', async () => {
    const dir = tempDir();
    const schema = `cli_missing_${process.pid}_${Date.now()}`;
    schemas.push(schema);
    const pgOptions = ['--pg', PG_URL, '--pg-schema', schema];
    const reads = [
      ['timeline', 'Ada'],
      ['as-of', '2026-11-23', 'my-people', 'ann'],
      ['audiences', 'ann'],
      ['prompts', 'ann'],
      ['verify'],
      ['replay'],
      ['export', 'out.jsonl'],
    ];
    for (const read of reads) {
      const run = await runInProcess([...read, ...pgOptions], dir);
      expect(run.code, read.join(' ')).toBe(3);
      expect(run.stderr).toContain(`there is no Rapport store in the schema "${schema}"`);
      expect(run.stderr).toContain('rapport demo --pg');
    }
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      const found = await client.query(`SELECT 1 FROM information_schema.schemata WHERE schema_name = $1`, [
        schema,
      ]);
      expect(found.rows).toEqual([]);
    } finally {
      await client.end();
    }
  });
});

describe('rapport export and import', () => {
  it('R-AUDIT-5: a history moves from SQLite to PostgreSQL and back with its hashes, and still verifies', async () => {
    const dir = await seeded();
    const schema = `cli_test_${process.pid}_${Date.now()}`;
    schemas.push(schema);
    const pgOptions = ['--pg', PG_URL, '--pg-schema', schema];

    expect((await runInProcess(['export', 'history.jsonl'], dir)).code).toBe(0);
    const imported = await runInProcess(['import', 'history.jsonl', '--json', ...pgOptions], dir);
    expect(imported.code).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ imported: 6, skipped: 0 });
    expect((await runInProcess(['verify', ...pgOptions], dir)).code).toBe(0);

    expect((await runInProcess(['export', 'back.jsonl', ...pgOptions], dir)).code).toBe(0);
    expect(readFileSync(join(dir, 'back.jsonl'), 'utf8')).toBe(
      readFileSync(join(dir, 'history.jsonl'), 'utf8'),
    );
    expect((await runInProcess(['import', 'back.jsonl', '--db', 'copy.db'], dir)).stdout).toContain(
      'imported 6 events',
    );
    const again = await runInProcess(['import', 'back.jsonl', '--db', 'copy.db'], dir);
    expect(again.stdout).toContain('imported 0 events into copy.db, skipped 6 already there');
    expect(
      (await runInProcess(['timeline', 'Ada', '--db', 'copy.db', '--field', 'stage', '--json'], dir)).stdout,
    ).toContain('"to": "lead"');
  });

  it('R-AUDIT-5: an altered line does not continue its chain, and nothing is imported', async () => {
    const dir = await seeded();
    await runInProcess(['export', 'history.jsonl'], dir);
    const text = readFileSync(join(dir, 'history.jsonl'), 'utf8').replace(
      '"stage":"lead"',
      '"stage":"active"',
    );
    writeFileSync(join(dir, 'altered.jsonl'), text);
    const run = await runInProcess(['import', 'altered.jsonl', '--db', 'copy.db'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/error: .*hash/i);
  });

  it('reports a line that does not decode, with its number and path, and imports nothing', async () => {
    const dir = await seeded();
    await runInProcess(['export', 'history.jsonl'], dir);
    const lines = readFileSync(join(dir, 'history.jsonl'), 'utf8').trim().split('\n');
    lines[2] = lines[2]?.replace(/"recordedAt":"[^"]*"/, '"recordedAt":"yesterday"') ?? '';
    writeFileSync(join(dir, 'bad.jsonl'), `${lines.join('\n')}\n`);
    const run = await runInProcess(['import', 'bad.jsonl', '--db', 'copy.db'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('line 3: at recordedAt: expected IsoInstant');
    expect(run.stderr).toContain('nothing imported');
    expect((await runInProcess(['verify', '--db', 'copy.db'], dir)).code).toBe(3);
  });

  it('exports a slice of positions', async () => {
    const dir = await seeded();
    const run = await runInProcess(['export', '--from', '2', '--to', '4'], dir);
    const positions = run.stdout
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { globalPosition: number }).globalPosition);
    expect(positions).toEqual([3, 4]);
  });
});

describe('rapport export to a file', () => {
  it('writes the file whole or not at all: a history that cannot be read to its end leaves no file behind', async () => {
    const dir = tempDir();
    // More events than one read of the store holds, so that the first ones are written before the last fails.
    const commands = [
      { type: 'CreateOrganization', actor: 'ann', orgId: 'acme', name: 'Acme' },
      ...Array.from({ length: 600 }, (_, i) => ({
        type: 'AddContact',
        actor: 'ann',
        orgId: 'acme',
        contactId: `c${i}`,
        kind: 'person',
        name: `Contact ${i}`,
      })),
    ];
    writeFileSync(join(dir, 'commands.jsonl'), commands.map((command) => JSON.stringify(command)).join('\n'));
    expect((await runInProcess(['exec', 'commands.jsonl'], dir)).code).toBe(0);
    const db = new Database(join(dir, 'rapport.db'));
    db.prepare(
      `UPDATE events SET data = 'not json' WHERE global_position = (SELECT max(global_position) FROM events)`,
    ).run();
    db.close();
    const run = await runInProcess(['export', 'history.jsonl'], dir);
    expect(run.code).not.toBe(0);
    expect(existsSync(join(dir, 'history.jsonl'))).toBe(false);
    expect(readdirSync(dir).filter((name) => name.startsWith('history.jsonl'))).toEqual([]);
  });

  it('a history that can be read is written in full under the name given', async () => {
    const dir = await seeded();
    const run = await runInProcess(['export', 'history.jsonl'], dir);
    expect(run.code).toBe(0);
    const toStdout = await runInProcess(['export'], dir);
    expect(readFileSync(join(dir, 'history.jsonl'), 'utf8')).toBe(toStdout.stdout);
    expect(readdirSync(dir).filter((name) => name.startsWith('history.jsonl'))).toEqual(['history.jsonl']);
  });
});
