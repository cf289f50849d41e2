import { execFileSync } from 'node:child_process';
import { createWriteStream, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess, runProcess, tempDir } from '../internal/harness.js';
import { runCli } from '../program.js';

const lines = [
  { type: 'CreateOrganization', actor: 'ann', orgId: 'acme', name: 'Acme' },
  { type: 'AddMember', actor: 'ann', orgId: 'acme', userId: 'bob', role: 'member' },
  { type: 'AddContact', actor: 'bob', orgId: 'acme', contactId: 'mum', kind: 'person', name: 'Mum' },
  { type: 'SetSegment', actor: 'bob', orgId: 'acme', contactId: 'mum', segmentId: 'family' },
  { type: 'SetStage', actor: 'bob', orgId: 'acme', contactId: 'mum', stage: 'lead' },
].map((command) => JSON.stringify(command));

const writeCommands = (dir: string, content: ReadonlyArray<string>): string => {
  const file = join(dir, 'commands.jsonl');
  writeFileSync(file, `${content.join('\n')}\n`);
  return file;
};

describe('rapport exec', () => {
  it('R-AUDIT-1: a rejected line is reported with its number and reason and appends nothing', async () => {
    const dir = tempDir();
    writeCommands(dir, [...lines, '{"type":"SetStage","actor":"bob"}', 'not json']);

    const run = await runInProcess(['exec', 'commands.jsonl'], dir);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      'line 5: Rejected SetStage for contact mum: stage "lead" is not available for a personal segment (family) [R-STAGE-5]',
    );
    expect(run.stderr).toMatch(/line 6: Rejected SetStage: .*orgId.* \[R-AUDIT-1\]/);
    expect(run.stderr).toMatch(/line 7: Rejected input: not JSON/);
    expect(run.stdout).toContain(
      '7 command(s): 4 accepted (5 events appended), 0 done or read before, 3 rejected',
    );
    const exported = await runInProcess(['export'], dir);
    expect(exported.stdout.trim().split('\n')).toHaveLength(5);
  });

  it('exits with 0 and reports every line as a JSON line, then the totals, when all are accepted', async () => {
    const dir = tempDir();
    writeCommands(dir, lines.slice(0, 4));

    const run = await runInProcess(['exec', 'commands.jsonl', '--json'], dir);

    expect(run.code).toBe(0);
    const outcomes = run.stdout
      .trim()
      .split('\n')
      .map(
        (line) => JSON.parse(line) as { line: number; outcome: string; events: string[]; summary?: unknown },
      );
    expect(outcomes.slice(0, 4).map((line) => [line.line, line.outcome])).toEqual([
      [1, 'accepted'],
      [2, 'accepted'],
      [3, 'accepted'],
      [4, 'accepted'],
    ]);
    expect(outcomes[0]?.events).toEqual(['OrganizationCreated', 'MemberAdded']);
    expect(outcomes[4]?.summary).toEqual({
      lines: 4,
      accepted: 4,
      doneBefore: 0,
      readBefore: 0,
      rejected: 0,
      events: 5,
    });
  });

  it('sets the exit code of the process', async () => {
    const dir = tempDir();
    writeCommands(dir, lines);
    const run = await runProcess(['exec', 'commands.jsonl', '--db', 'team.db'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('line 5: Rejected SetStage');
  });
});

/** The lines' outcomes of a run with --json, the totals left out. */
const outcomesOf = (stdout: string): { line: number; outcome: string; rejection?: { code: string } }[] =>
  stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as { line: number; outcome: string; rejection?: { code: string } })
    .filter((line) => line.line !== undefined);

const eventCount = async (dir: string): Promise<number> =>
  (await runInProcess(['export'], dir)).stdout.split('\n').filter((line) => line !== '').length;

describe('rapport exec, hostile lines', () => {
  it('R-AUDIT-1: a line nested 100,000 deep is rejected with INPUT_TOO_DEEP and the lines after it still run', async () => {
    const dir = tempDir();
    const deep = `{"type":"AddContact","actor":"bob","orgId":"acme","contactId":"x","kind":"person","name":${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    writeCommands(dir, [
      lines[0]!,
      lines[1]!,
      deep,
      `${'{"a":'.repeat(100_000)}1${'}'.repeat(100_000)}`,
      lines[2]!,
    ]);

    const run = await runInProcess(['exec', 'commands.jsonl', '--json'], dir);

    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(outcomesOf(run.stdout).map((line) => [line.line, line.outcome, line.rejection?.code])).toEqual([
      [1, 'accepted', undefined],
      [2, 'accepted', undefined],
      [3, 'rejected', 'INPUT_TOO_DEEP'],
      [4, 'rejected', 'INPUT_TOO_DEEP'],
      [5, 'accepted', undefined],
    ]);
  });

  it('R-AUDIT-1: a line of invalid UTF-8 is rejected with LINE_NOT_UTF8, never stored as U+FFFD; a byte-order mark opening the file is skipped', async () => {
    const dir = tempDir();
    const file = join(dir, 'commands.jsonl');
    const bad = Buffer.from(
      '{"type":"AddContact","actor":"bob","orgId":"acme","contactId":"x","kind":"person","name":"Ren\xe9"}\n',
      'latin1',
    );
    writeFileSync(
      file,
      Buffer.concat([
        Buffer.from('\ufeff'),
        Buffer.from(`${lines[0]!}\r\n${lines[1]!}\n`),
        bad,
        Buffer.from(`\ufeff${lines[2]!}\n${lines[2]!}\n`),
      ]),
    );

    const run = await runInProcess(['exec', 'commands.jsonl', '--json'], dir);

    expect(outcomesOf(run.stdout).map((line) => [line.line, line.outcome, line.rejection?.code])).toEqual([
      [1, 'accepted', undefined],
      [2, 'accepted', undefined],
      [3, 'rejected', 'LINE_NOT_UTF8'],
      [4, 'rejected', 'LINE_NOT_JSON'],
      [5, 'accepted', undefined],
    ]);
    expect((await runInProcess(['export'], dir)).stdout).not.toContain('\ufffd');
  });

  it('R-AUDIT-1: run again, after a crash or after it ended, a file appends nothing twice', async () => {
    const dir = tempDir();
    // A run stopped after three lines has run the file's first three lines.
    writeCommands(dir, lines.slice(0, 3));
    expect((await runInProcess(['exec', 'commands.jsonl'], dir)).code).toBe(0);
    const afterCrash = await eventCount(dir);
    writeCommands(dir, [...lines.slice(0, 4), lines[4]!]);

    const rerun = await runInProcess(['exec', 'commands.jsonl', '--json'], dir);
    expect(outcomesOf(rerun.stdout).map((line) => line.outcome)).toEqual([
      'done before',
      'done before',
      'done before',
      'accepted',
      'rejected',
    ]);
    const whole = await eventCount(dir);
    expect(whole).toBe(afterCrash + 1);

    const again = await runInProcess(['exec', 'commands.jsonl'], dir);
    expect(again.stdout).toContain(
      '5 command(s): 0 accepted (0 events appended), 4 done or read before, 1 rejected',
    );
    expect(await eventCount(dir)).toBe(whole);
  });

  it('R-AUDIT-1: run again, a line an earlier run rejected before it went further is not run again, though the store would now accept it', async () => {
    const dir = tempDir();
    const early = JSON.stringify({
      type: 'SetStage',
      actor: 'bob',
      orgId: 'acme',
      contactId: 'pal',
      stage: 'lead',
    });
    const add = JSON.stringify({
      type: 'AddContact',
      actor: 'bob',
      orgId: 'acme',
      contactId: 'pal',
      kind: 'person',
      name: 'Pal',
    });
    writeCommands(dir, [lines[0]!, lines[1]!, early, add]);
    expect((await runInProcess(['exec', 'commands.jsonl'], dir)).code).toBe(1);
    writeCommands(dir, [lines[0]!, lines[1]!, early, add, early]);

    const rerun = await runInProcess(['exec', 'commands.jsonl', '--json'], dir);

    expect(outcomesOf(rerun.stdout).map((line) => line.outcome)).toEqual([
      'done before',
      'done before',
      'read before',
      'done before',
      'accepted',
    ]);
  });

  it('R-AUDIT-1: a line may name its command with "commandId"; an id already done is skipped in any file, a malformed one is COMMAND_ID_INVALID', async () => {
    const dir = tempDir();
    const withId = (line: string, commandId: unknown): string =>
      JSON.stringify({ commandId, ...(JSON.parse(line) as object) });
    writeCommands(dir, [withId(lines[0]!, 'setup-1'), withId(lines[1]!, 'setup-2')]);
    expect((await runInProcess(['exec', 'commands.jsonl'], dir)).code).toBe(0);
    const events = await eventCount(dir);
    writeFileSync(
      join(dir, 'other.jsonl'),
      `${[withId(lines[1]!, 'setup-2'), withId(lines[2]!, 'a/b'), withId(lines[2]!, 42)].join('\n')}\n`,
    );

    const run = await runInProcess(['exec', 'other.jsonl', '--json'], dir);

    expect(outcomesOf(run.stdout).map((line) => [line.outcome, line.rejection?.code])).toEqual([
      ['done before', undefined],
      ['rejected', 'COMMAND_ID_INVALID'],
      ['rejected', 'COMMAND_ID_INVALID'],
    ]);
    expect(await eventCount(dir)).toBe(events);
  });

  it("prints each line's result as the command runs, before the next line is read", async () => {
    const dir = tempDir();
    const fifo = join(dir, 'commands.fifo');
    execFileSync('mkfifo', [fifo]);
    let stdout = '';
    let seen: () => void = () => undefined;
    const firstResult = new Promise<void>((done) => (seen = done));
    const running = runCli(['exec', fifo], {
      stdout: {
        write: (chunk: string) => {
          stdout += chunk;
          if (stdout.includes('line 1:')) seen();
          return true;
        },
      },
      stderr: { write: () => true },
      env: {},
      cwd: dir,
    });
    const writer = createWriteStream(fifo);
    writer.write(`${lines[0]!}\n`);
    await firstResult;
    expect(stdout).not.toContain('command(s)');
    writer.end(`${lines[1]!}\n`);
    expect(await running).toBe(0);
    expect(stdout).toContain('line 2: AddMember');
  });
});

describe('rapport exec, progress', () => {
  const run = async (isTTY: boolean): Promise<{ code: number; stderr: string }> => {
    const dir = tempDir();
    const contacts = Array.from({ length: 2_200 }, (_, i) =>
      JSON.stringify({
        type: 'AddContact',
        actor: 'ann',
        orgId: 'acme',
        contactId: `c${i}`,
        kind: 'person',
        name: `${i} ${'n'.repeat(480)}`,
      }),
    );
    writeCommands(dir, [lines[0]!, ...contacts]);
    let stderr = '';
    const code = await runCli(['exec', 'commands.jsonl', '--db', ':memory:'], {
      stdout: { write: () => true },
      stderr: { write: (chunk: string) => (stderr += chunk), isTTY },
      env: {},
      cwd: dir,
    });
    return { code, stderr };
  };

  it('draws a bar on standard error when it is a terminal and the file holds 1 MiB or more, and nothing otherwise', async () => {
    const terminal = await run(true);
    expect(terminal.code).toBe(0);
    expect(terminal.stderr).toContain('exec [');
    expect(terminal.stderr).toMatch(/100% \| (\d+)\/\1 bytes/);
    expect((await run(false)).stderr).toBe('');
  });
});
