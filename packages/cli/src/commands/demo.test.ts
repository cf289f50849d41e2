import { describe, expect, it } from 'vitest';
import { runInProcess, tempDir } from '../internal/harness.js';

describe('rapport demo', () => {
  it('seeds the flagship scenario once and shows views, the next e-mail, an audit excerpt and verification', async () => {
    const dir = tempDir();
    const first = await runInProcess(['demo'], dir);

    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(
      /^Seeded Harbor Realty into \.\/rapport\.db: \d+ commands, \d+ events, 2 rejected on purpose\./,
    );
    expect(first.stdout).toContain('[R-STAGE-5]');
    expect(first.stdout).toContain('[R-SHARE-2]');
    expect(first.stdout).toMatch(
      /Ada Lovelace\s+person\s+buyer\s+potential\s+yes\s+Mortgage pre-approval \(due 2026-11-04\)/,
    );
    expect(first.stdout).toContain('Subject: Next step for your home in Old Town');
    expect(first.stdout).toMatch(/bob\s+team\s+segment\s+—\s+buyer\s+policy after SegmentSet/);
    expect(first.stdout).toMatch(/mia\s+contact\s+assignees\s+—\s+bob\s+command/);
    expect(first.stdout).toMatch(/ok: \d+ events in \d+ streams, every hash chain holds/);
    expect(first.stdout).toMatch(/Ada Lovelace\s+A\s+assigned\s+0\s+0/);
    expect(first.stdout).toMatch(/Grace Hopper\s+C\s+prompt: accept\s+stage\s+—\s+potential\s+R-SYNC-3/);
    expect(first.stdout).toMatch(
      /Grace Hopper\s+C\s+blocked: into your copy\s+step\s+—\s+market_analysis\s+R-SYNC-9/,
    );
    expect(first.stdout).toMatch(
      /Grace B\. Hopper\s+A\s+prompt: resolve\s+name\s+Grace B\. Hopper\s+Grace Hopper\s+R-SYNC-7/,
    );
    expect(first.stdout).toMatch(
      /Ada Lovelace\s+B\s+prompt: send\s+tag:open house\s+Open house\s+—\s+R-SYNC-2/,
    );
    expect(first.stdout).toMatch(
      /bob\s+Ada Lovelace\s+A\s+import\s+tag:pre-approved\s+—\s+Pre-approved\s+R-SYNC-1/,
    );
    expect(first.stdout).toMatch(
      /cat\s+Ada Lovelace\s+B\s+import\s+tag:pre-approved\s+—\s+Pre-approved\s+R-SYNC-2/,
    );
    expect(first.stdout).toMatch(/cat\s+cat\s+tag:pre-approved\s+—\s+Pre-approved\s+policy after TagApplied/);
    expect(first.stdout).toMatch(/holiday_cards\s+Holiday cards\s+organization\s+2\s+Ada Lovelace, Mum/);
    const team = first.stdout.slice(
      first.stdout.indexOf('Team view'),
      first.stdout.indexOf('project or deal'),
    );
    expect(team).not.toContain('Mum');

    const second = await runInProcess(['demo', '--json'], dir);
    const shown = JSON.parse(second.stdout) as {
      seeding: { seeded: boolean };
      team: { name: string }[];
      verification: { ok: boolean };
    };
    expect(shown.seeding.seeded).toBe(false);
    expect(shown.team.map((contact) => contact.name)).toEqual([
      'Ada Lovelace',
      'Alan Turing',
      'Grace Hopper',
      'Harbor Mortgage Bank',
      'Linus Torvalds',
    ]);
    // Vera Rubin, shared and then moved to bob's friends, left the team view (R-SHARE-7).
    expect(shown.verification.ok).toBe(true);

    const again = await runInProcess(['demo'], dir);
    const shownPart = (stdout: string) => stdout.slice(stdout.indexOf('My People of bob'));
    expect(shownPart(again.stdout)).toBe(shownPart(first.stdout));
    const elsewhere = await runInProcess(['demo'], tempDir());
    expect(elsewhere.stdout).toBe(first.stdout);
  });
});
