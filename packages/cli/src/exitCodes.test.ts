import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { demoStore, runInProcess, runProcess, tempDir } from './internal/harness.js';

let demo: string;
beforeAll(async () => {
  demo = await demoStore();
});

/** The exit code and whether standard error holds a stack trace, for a run in this process. */
const run = async (args: ReadonlyArray<string>, cwd = demo) => {
  const result = await runInProcess(args, cwd);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  return result;
};

describe('exit codes, by class (docs/cli.md)', () => {
  it('0: the command did what was asked', async () => {
    expect((await run(['timeline', 'Ada Lovelace'])).code).toBe(0);
    expect((await run(['--version'])).code).toBe(0);
    expect((await run(['exec', '--help'])).code).toBe(0);
  });

  it('1: rejected input: a command refused, a line that does not decode, a user or contact the store does not have', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.jsonl'), '{"type":"SetStage"}\n');
    const rejected = await run(['exec', 'bad.jsonl'], dir);
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toContain('line 1: Rejected SetStage');
    const outsider = await run(['audiences', 'zed']);
    expect([outsider.code, outsider.stderr]).toEqual([1, expect.stringContaining('(NOT_A_MEMBER)')]);
    expect((await run(['timeline', 'Nobody At All'])).code).toBe(1);
  });

  it('2: usage: an unknown command or option, a missing argument, a flag that names nothing, contradicting flags', async () => {
    expect((await run(['frobnicate'])).code).toBe(2);
    expect((await run(['timeline', 'ada', '--bogus'])).code).toBe(2);
    expect((await run(['exec'])).code).toBe(2);
    expect((await run(['exec', 'no-such-file.jsonl'])).stderr).toContain('(FILE_NOT_FOUND)');
    const field = await run(['timeline', 'Ada Lovelace', '--field', 'stag']);
    expect([field.code, field.stderr]).toEqual([2, expect.stringContaining('(FIELD_UNKNOWN)')]);
    const range = await run(['export', '--from', '9', '--to', '3']);
    expect([range.code, range.stderr]).toEqual([2, expect.stringContaining('(RANGE_EMPTY)')]);
    const user = await run(['as-of', '3', 'my-people']);
    expect(user.code).toBe(2);
    // The hint gives a command that runs: the point as typed, the user after the view.
    expect(user.stderr).toContain('as in "rapport as-of 3 my-people ann"');
    expect((await run(['as-of', '3', 'my-people', 'ann'])).code).toBe(0);
  });

  it('3: a store that cannot be opened or read', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'junk.db'), 'not a database, not at all'.repeat(200));
    const junk = await run(['timeline', 'ada', '--db', 'junk.db'], dir);
    expect(junk.code).toBe(3);
    expect((await run(['timeline', 'ada'], dir)).code).toBe(3); // no store: STORE_NOT_FOUND
  });

  it('under --json an error is one JSON object on standard error, with its code and exit code', async () => {
    const unknown = await run(['timeline', 'ada', '--bogus', '--json']);
    expect(unknown.code).toBe(2);
    expect(JSON.parse(unknown.stderr)).toEqual({
      error: { code: 'UNKNOWN_OPTION', message: "unknown option '--bogus'", exitCode: 2 },
    });
    const outsider = await run(['audiences', 'zed', '--json']);
    expect(JSON.parse(outsider.stderr)).toMatchObject({ error: { code: 'NOT_A_MEMBER', exitCode: 1 } });
  });

  it('a flag that filters everything away, or a point past the end, is said on standard error', async () => {
    const tag = await run(['timeline', 'Ada Lovelace', '--field', 'tag:nothing-like-it']);
    expect(tag.code).toBe(0);
    expect(tag.stderr).toMatch(
      /^warning: no change of ada matches --field tag:nothing-like-it; its timeline has/,
    );
    const past = await run(['as-of', '99999', 'team']);
    expect(past.code).toBe(0);
    expect(past.stderr).toMatch(
      /^warning: position 99999 is past the end of the history, which ends at position \d+/,
    );
  });
});

const here = fileURLToPath(new URL('.', import.meta.url));
const root = resolve(here, '../../..');

describe('the rapport process', () => {
  it('exits quietly when the reader of its output goes away (rapport export | head -1)', async () => {
    const child = spawn(
      process.execPath,
      [
        join(root, 'node_modules/tsx/dist/cli.mjs'),
        '--tsconfig',
        join(root, 'packages/cli/tsconfig.json'),
        join(root, 'packages/cli/src/bin.ts'),
        'export',
      ],
      { cwd: demo, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // The reader closes at once, before the first line is written.
    child.stdout.destroy();
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('exits with the class of the failure', async () => {
    const dir = tempDir();
    expect((await runProcess(['timeline', 'ada'], dir)).code).toBe(3);
    expect((await runProcess(['timeline'], dir)).code).toBe(2);
  });
});
