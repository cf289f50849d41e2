import { execFile } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = join(here, '..');

/** Runs one example the way its header says: tsx with the examples' tsconfig paths. */
const runExample = (file: string): Promise<{ code: number; stdout: string; stderr: string }> =>
  new Promise((done) => {
    execFile(
      process.execPath,
      [
        join(root, 'node_modules/tsx/dist/cli.mjs'),
        '--tsconfig',
        join(here, 'tsconfig.json'),
        join(here, file),
      ],
      { cwd: root, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) =>
        done({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr }),
    );
  });

/** What each example must print, in order. */
const expectations: Record<string, ReadonlyArray<string | RegExp>> = {
  '01-quickstart.ts': [
    'SetSegment: SegmentSet, ContactShared',
    'rejected: Rejected ShareContact for contact mum: a contact in a personal segment (family) is never shared with the team [R-SHARE-2]',
    'My People of ann: Ada Lovelace (customer, potential, keep in touch: true)',
    'Team view: Ada Lovelace (customer, potential) tags: Holiday card',
  ],
  '02-real-estate-team.ts': [
    /rejected: Rejected SetFieldValue for contact ada: value "Uptown" .* \[R-FIELD-3\]/,
    /rejected: Rejected SetNextStep for contact grace: .* \[R-STEP-2\]/,
    'Ada Lovelace: buyer / lead; Area Old Town, Budget USD 650,000.00',
    '  next: Introduction call, reminder due 2026-11-03',
    '  subject: Your home search, Ada Lovelace',
    '  placeholders nothing filled: signature',
    'Grace Hopper: seller / potential; Listing price 1,250,000.5',
    'after the call: First tour, due 2026-11-10',
  ],
  '03-team-sync.ts': [
    'ann: SetStage -> policy: StageSet (ann)',
    '  ann sees ada in scenario A',
    '  cat sees ada in scenario B',
    '    prompt: send tag:golf: mine "Golf", team null',
    '  dan sees ada in scenario C',
    '    prompt: accept stage: mine null, team "potential"',
    'dan: SendChangeToTeam -> policy: ContactRenamed (ann), ContactRenamed (cat)',
    "cat's My Focus: ada",
    /as of #\d+: pending import of tag:vip for cat \(scenario B\): mine null, team "VIP"/,
  ],
  '04-audit-replay.ts': [
    /#5 2026-11-02T09:04:00.000Z bob bob segment: — -> customer \(command\)/,
    /bob team segment: — -> customer \(policy\)/,
    /bob bob stage: lead -> potential \(command\)/,
    'as of position 7: ada is lead',
    'since then: acme/user:bob ada stage: "lead" -> "potential"',
    'original: ok',
    'copy: event 4 of stream "contact-acme/ada" does not match its hash: it was altered',
  ],
};

describe('examples', () => {
  it('has an expectation for every example', () => {
    const examples = readdirSync(here).filter((file) => /^\d{2}-.*\.ts$/.test(file));
    expect(examples.sort()).toEqual(Object.keys(expectations).sort());
  });

  for (const [file, lines] of Object.entries(expectations))
    it(`${file} runs and prints what it shows`, async () => {
      const run = await runExample(file);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      let rest = run.stdout;
      for (const line of lines) {
        const match = typeof line === 'string' ? rest.indexOf(line) : rest.search(line);
        expect(
          match,
          `expected ${String(line)} after the lines before it in:\n${run.stdout}`,
        ).toBeGreaterThanOrEqual(0);
        rest = rest.slice(match + 1);
      }
    });
});
