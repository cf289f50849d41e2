import { describe, expect, it } from 'vitest';
import type { SyncReport } from '@rapport/domain';
import { demoStore, positionWhere, runInProcess, type ExportedEvent } from '../internal/harness.js';

/** Mia tags the team's Ada "Pre-approved": the team change whose flows the tests look at. */
const preApproved = (event: ExportedEvent): boolean =>
  event.type === 'TagApplied' && event.data['tag'] === 'Pre-approved';

describe('rapport prompts', () => {
  it('R-SYNC-1, R-SYNC-3: bob sees no prompt for Ada (assigned) and prompts both ways for Grace', async () => {
    const dir = await demoStore();
    const run = await runInProcess(['prompts', 'bob', '--json'], dir);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as SyncReport;
    const [ada, grace] = report.contacts;
    expect(ada).toMatchObject({ contactId: 'ada', scenario: 'A', prompts: [], flows: [] });
    expect(grace?.scenario).toBe('C');
    expect(grace?.prompts.map(({ kind, field, mine, theirs }) => [kind, field, mine, theirs])).toEqual([
      ['accept', 'stage', null, 'potential'],
      // The team's step has no room in a copy without a stage (R-SYNC-9): bob may send his own.
      ['send', 'step', null, 'market_analysis'],
      ['send', 'tag:golf partner', 'Golf partner', null],
    ]);
  });

  it('R-SYNC-9: a blocked divergence is shown with why and what unblocks it', async () => {
    const dir = await demoStore();
    const run = await runInProcess(['prompts', 'bob'], dir);
    expect(run.stdout).toMatch(/Grace Hopper\s+C\s+prompt: send\s+step\s+—\s+market_analysis\s+R-SYNC-9/);
    expect(run.stdout).toMatch(
      /Grace Hopper\s+C\s+blocked: into your copy\s+step\s+—\s+market_analysis\s+R-SYNC-9/,
    );
    expect(run.stdout).toContain(
      'Grace Hopper, step: the next step "market_analysis" is not in the checklist of your copy (seller, no stage); to unblock it,',
    );
    const json = JSON.parse((await runInProcess(['prompts', 'bob', '--json'], dir)).stdout) as SyncReport;
    expect(json.contacts.find((contact) => contact.contactId === 'grace')?.blocked).toMatchObject([
      { field: 'step', mine: null, theirs: 'market_analysis', into: 'mine' },
    ]);
  });

  it('R-TEAM-4: cat, assigned to Linus whom her copy keeps as a friend, is asked to make it business or keep it private', async () => {
    const dir = await demoStore();
    const run = await runInProcess(['prompts', 'cat'], dir);
    expect(run.stdout).toMatch(/Linus\s+A\s+left out: personal segment/);
    expect(run.stdout).toMatch(/Linus\s+A\s+prompt: make_business\s+segment\s+friend\s+buyer\s+R-TEAM-4/);
  });

  it('R-SYNC-2: cat, keeping in touch with Ada, is prompted to send her own tag', async () => {
    const dir = await demoStore();
    const run = await runInProcess(['prompts', 'cat'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Ada Lovelace\s+B\s+keep-in-touch\s+1\s+0/);
    expect(run.stdout).toMatch(
      /Ada Lovelace\s+B\s+prompt: send\s+tag:open house\s+Open house\s+—\s+R-SYNC-2/,
    );
  });

  it('R-SYNC-5: as of a team change, before the policy acted, the automatic flows show pending with both values', async () => {
    const dir = await demoStore();
    const teamChange = await positionWhere(dir, (event) => preApproved(event) && event.actor === 'mia');
    const run = await runInProcess(['as-of', String(teamChange), 'prompts', 'cat', '--json'], dir);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as SyncReport;
    expect(report.position).toBe(teamChange);
    // The demo's own hint names that point.
    expect((await runInProcess(['demo', '--help'], dir)).stdout).toContain(`as-of ${teamChange} prompts`);
    expect(report.contacts.flatMap((contact) => contact.flows)).toEqual([
      {
        flow: 'import',
        contactId: 'ada',
        field: 'tag:pre-approved',
        rule: 'R-SYNC-2',
        mine: null,
        theirs: 'Pre-approved',
      },
    ]);
    const flowed = await positionWhere(dir, (event) => preApproved(event) && event.actor === 'cat');
    const since = await runInProcess(
      ['as-of', String(flowed), 'prompts', 'cat', '--since', String(teamChange)],
      dir,
    );
    expect(since.stdout).toMatch(
      /Ada Lovelace\s+tag:pre-approved\s+automatic: import \(mine —, team Pre-approved\)\s+—/,
    );
  });

  it('R-AUDIT-3: as of a point before a user joined, their audiences and prompts are refused', async () => {
    const dir = await demoStore();
    const before = await runInProcess(['as-of', '4', 'audiences', 'cat'], dir);
    expect(before.code).toBe(1);
    expect(before.stderr).toContain('NOT_A_MEMBER');
    // From before "Holiday cards" is defined to after bob tags Mum with its tag.
    const defined = await positionWhere(dir, (event) => event.type === 'AudienceDefined');
    const tagged = await positionWhere(dir, (event) => event.data['contactId'] === 'mum');
    const since = await runInProcess(
      ['as-of', String(tagged), 'audiences', 'bob', '--since', String(defined - 1), '--json'],
      dir,
    );
    const { differences } = JSON.parse(since.stdout) as {
      differences: { what: string; field: string; from: string; to: string }[];
    };
    expect(differences).toContainEqual({
      what: 'holiday_cards',
      field: 'members',
      from: '—',
      to: 'Ada Lovelace, Mum',
    });
  });
});
