import { describe, expect, it } from 'vitest';
import type { AudienceReport, MembershipVerdict } from '@rapport/domain';
import { demoStore, runInProcess } from '../internal/harness.js';

describe('rapport audiences', () => {
  it("R-AUD-2, R-AUD-3: lists a member's default and organization audiences with counts and members", async () => {
    const dir = await demoStore();
    const text = await runInProcess(['audiences', 'bob'], dir);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(
      /my-people\s+My People\s+default\s+4\s+Ada Lovelace, Grace Hopper, Mum, Vera Rubin/,
    );
    expect(text.stdout).toMatch(/holiday_cards\s+Holiday cards\s+organization\s+2\s+Ada Lovelace, Mum/);

    const json = await runInProcess(['audiences', 'cat', '--json'], dir);
    const report = JSON.parse(json.stdout) as AudienceReport;
    const cards = report.audiences.find((entry) => entry.audienceId === 'holiday_cards');
    expect(cards?.members).toEqual([{ contactId: 'ada', name: 'Ada Lovelace' }]);
    expect(report.audiences.slice(0, 7).every((entry) => entry.owner === 'default')).toBe(true);
  });

  it('R-AUD-1: --why tells, audience by audience, whether a contact is a member and why', async () => {
    const dir = await demoStore();
    const run = await runInProcess(['audiences', 'bob', '--why', 'Mum', '--json'], dir);
    expect(run.code).toBe(0);
    const { verdicts } = JSON.parse(run.stdout) as { verdicts: MembershipVerdict[] };
    expect(verdicts.filter((verdict) => verdict.member).map((verdict) => verdict.audienceId)).toEqual([
      'my-people',
      'holiday_cards',
    ]);
    expect(verdicts.find((verdict) => verdict.audienceId === 'my-focus')?.summary).toMatch(/Mum is not/);
  });

  it('R-AUTH-3: a user who is not a member reads no audience', async () => {
    const dir = await demoStore();
    const run = await runInProcess(['audiences', 'zed'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('is not a member of organization harbor [R-AUTH-3] (NOT_A_MEMBER)');
  });
});
