import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runInProcess, runProcess, tempDir } from '../internal/harness.js';

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
    expect(run.stdout).toContain('7 command(s): 4 accepted (5 events appended), 3 rejected');
    const exported = await runInProcess(['export'], dir);
    expect(exported.stdout.trim().split('\n')).toHaveLength(5);
  });

  it('exits with 0 and reports every line as JSON when all are accepted', async () => {
    const dir = tempDir();
    writeCommands(dir, lines.slice(0, 4));

    const run = await runInProcess(['exec', 'commands.jsonl', '--json'], dir);

    expect(run.code).toBe(0);
    const outcome = JSON.parse(run.stdout) as {
      lines: { line: number; accepted: boolean; events: string[] }[];
    };
    expect(outcome.lines.map((line) => [line.line, line.accepted])).toEqual([
      [1, true],
      [2, true],
      [3, true],
      [4, true],
    ]);
    expect(outcome.lines[0]?.events).toEqual(['OrganizationCreated', 'MemberAdded']);
  });

  it('sets the exit code of the process', async () => {
    const dir = tempDir();
    writeCommands(dir, lines);
    const run = await runProcess(['exec', 'commands.jsonl', '--db', 'team.db'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('line 5: Rejected SetStage');
  });
});
