import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { demoStore, runInProcess, tempDir } from '../internal/harness.js';

/** Rewrites the saved read models behind the store's back. */
const editSnapshot = (dir: string, edit: (state: Record<string, unknown>) => void): void => {
  const db = new Database(join(dir, 'rapport.db'));
  const row = db
    .prepare(`SELECT state FROM projection_snapshots WHERE projection = 'rapport.read-models'`)
    .get() as { state: string } | undefined;
  if (row === undefined) throw new Error('no snapshot saved');
  const state = JSON.parse(row.state) as Record<string, unknown>;
  edit(state);
  db.prepare(`UPDATE projection_snapshots SET state = ? WHERE projection = 'rapport.read-models'`).run(
    JSON.stringify(state),
  );
  db.close();
};

/** Renames the Holiday cards audience in a saved snapshot, so that a reader started from it shows. */
const renameCards = (state: Record<string, unknown>): void => {
  const catalog = (
    state['state'] as { membership: { catalog: Record<string, Record<string, { name: string }>> } }
  ).membership.catalog;
  const cards = catalog['harbor']?.['holiday_cards'];
  if (cards !== undefined) cards.name = 'Cards from the snapshot';
};

describe('rapport replay', () => {
  it('R-AUDIT-3: rebuilds every read model, reports what they hold and saves a snapshot at the head', async () => {
    const dir = await demoStore();
    const run = await runInProcess(['replay', '--json'], dir);
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as {
      events: number;
      checkpoint: number;
      snapshot: { checkpoint: number } | null;
      organizations: { orgId: string; members: number; teamContacts: number }[];
    };
    expect(report.events).toBe(report.checkpoint);
    expect(report.snapshot).toEqual({ checkpoint: report.checkpoint });
    expect(report.organizations).toMatchObject([{ orgId: 'harbor', members: 4, teamContacts: 5 }]);
    const text = await runInProcess(['replay'], dir);
    expect(text.stdout).toContain(
      `saved a snapshot at position ${report.checkpoint}: the next commands start from there`,
    );
  });

  it('R-AUDIT-3: the next commands start from the snapshot and replay only the events after it', async () => {
    const dir = await demoStore();
    const before = JSON.parse((await runInProcess(['prompts', 'cat', '--json'], dir)).stdout) as unknown;
    expect((await runInProcess(['replay'], dir)).code).toBe(0);
    editSnapshot(dir, renameCards);
    writeFileSync(
      join(dir, 'more.jsonl'),
      JSON.stringify({ type: 'ApplyTag', actor: 'cat', orgId: 'harbor', contactId: 'ada', tag: 'Golf' }),
    );
    expect((await runInProcess(['exec', 'more.jsonl'], dir)).code).toBe(0);

    const audiences = await runInProcess(['audiences', 'cat'], dir);
    expect(audiences.stdout).toContain('Cards from the snapshot');
    const after = JSON.parse((await runInProcess(['prompts', 'cat', '--json'], dir)).stdout) as {
      contacts: { prompts: { field: string }[] }[];
    };
    expect(after).not.toEqual(before);
    expect(after.contacts.flatMap((contact) => contact.prompts.map((prompt) => prompt.field))).toContain(
      'tag:golf',
    );
    const early = await runInProcess(['as-of', '60', 'audiences', 'cat'], dir);
    expect(early.stdout).not.toContain('Cards from the snapshot');
  });

  it('R-AUDIT-3: a snapshot that does not belong to the history is ignored and everything is replayed', async () => {
    const dir = await demoStore();
    expect((await runInProcess(['replay'], dir)).code).toBe(0);
    editSnapshot(dir, (state) => {
      renameCards(state);
      state['hash'] = '0'.repeat(64);
    });
    const audiences = await runInProcess(['audiences', 'cat'], dir);
    expect(audiences.code).toBe(0);
    expect(audiences.stdout).not.toContain('Cards from the snapshot');
    expect(audiences.stdout).toMatch(/holiday_cards\s+Holiday cards/);
  });

  it('R-AUDIT-3: rapport exec decides from the snapshot: what it holds is what the commands read', async () => {
    const dir = tempDir();
    const lines = (commands: ReadonlyArray<Record<string, unknown>>): string =>
      commands.map((command) => JSON.stringify({ orgId: 'acme', ...command })).join('\n');
    writeFileSync(
      join(dir, 'seed.jsonl'),
      lines([
        { type: 'CreateOrganization', actor: 'ann', name: 'Acme' },
        { type: 'AddMember', actor: 'ann', userId: 'bob', role: 'member' },
        { type: 'AddContact', actor: 'bob', contactId: 'ada', kind: 'person', name: 'Ada' },
        { type: 'SetSegment', actor: 'bob', contactId: 'ada', segmentId: 'customer' },
        { type: 'CreateEngagement', actor: 'ann', engagementId: 'd1', kind: 'deal', name: 'Deal' },
      ]),
    );
    expect((await runInProcess(['exec', 'seed.jsonl'], dir)).code).toBe(0);
    expect((await runInProcess(['replay'], dir)).code).toBe(0);
    // The saved read models say the deal has Ada, which the history does not: the deal holds the
    // team copy, so bob's move to a personal segment releases it instead of withdrawing it.
    editSnapshot(dir, (state) => {
      const { projections } = state['state'] as {
        projections: {
          engagements: Record<string, Record<string, { contacts: string[] }>>;
          links: Record<string, Record<string, unknown>>;
        };
      };
      const deal = projections.engagements['acme']?.['d1'];
      if (deal === undefined) throw new Error('no deal d1 in the snapshot');
      deal.contacts = ['ada'];
      projections.links['acme'] = {
        ada: { contactId: 'ada', assignees: [], engagements: ['d1'], withdrawn: [] },
      };
    });
    writeFileSync(
      join(dir, 'move.jsonl'),
      lines([{ type: 'SetSegment', actor: 'bob', contactId: 'ada', segmentId: 'family' }]),
    );
    const moved = await runInProcess(['exec', 'move.jsonl', '--json'], dir);
    expect(moved.code, moved.stderr).toBe(0);
    const [outcome] = moved.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { events?: string[] });
    expect(outcome?.events).toContain('TeamCopyReleased');
    expect(outcome?.events).not.toContain('ContactUnshared');
  });
});
