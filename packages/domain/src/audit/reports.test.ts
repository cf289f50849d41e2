import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '@rapport/core';
import { audienceReport, membershipVerdicts } from './audienceReport.js';
import {
  loadReadModels,
  READ_MODELS_SNAPSHOT,
  READ_MODELS_VERSION,
  readModelsAt,
  saveReadModels,
} from './readModels.js';
import { syncReport } from './syncReport.js';
import { auditFixture, tickAt, type AuditFixture } from './internal/fixture.js';

const acme = { orgId: 'acme' };

/** bob shares Ada and is assigned (A); cat follows her as a lead (B); ann just holds her (C). */
const threeScenarios = async (f: AuditFixture) => {
  await f.accepted({ type: 'AddMember', actor: 'ann', ...acme, userId: 'cat', role: 'member' });
  await f.addPerson('bob', 'ada', 'Ada');
  await f.setSegment('bob', 'ada', 'customer');
  await f.accepted({ type: 'AssignUser', actor: 'bob', ...acme, contactId: 'ada', userId: 'bob' });
  await f.addPerson('ann', 'ada', 'Ada');
  await f.addPerson('cat', 'ada', 'Ada');
  await f.setSegment('cat', 'ada', 'customer');
  await f.accepted({ type: 'SetStage', actor: 'cat', ...acme, contactId: 'ada', stage: 'lead' });
  const teamChange = await f.accepted({
    type: 'ApplyTag',
    actor: 'bob',
    ...acme,
    contactId: 'ada',
    tag: 'VIP',
    target: 'team',
  });
  await f.accepted({ type: 'ApplyTag', actor: 'cat', ...acme, contactId: 'ada', tag: 'Golf' });
  return { teamChange };
};

describe('sync report', () => {
  it("R-SYNC-1, R-SYNC-2, R-SYNC-3: names each member's scenario, prompts with both values, and no pending flow once the policy ran", async () => {
    const f = await auditFixture();
    await threeScenarios(f);
    const { models } = await readModelsAt(f.store);
    const of = (userId: string) => {
      const report = syncReport(models, 'acme', userId);
      if (report._tag === 'Left') throw new Error(report.left.message);
      return report.right.contacts;
    };

    const [bob] = of('bob');
    expect(bob).toMatchObject({ contactId: 'ada', name: 'Ada', scenario: 'A', prompts: [], flows: [] });
    expect(bob?.basis.assigned).toBe(true);
    const [cat] = of('cat');
    expect(cat?.scenario).toBe('B');
    expect(cat?.prompts.map(({ kind, field, mine, theirs }) => ({ kind, field, mine, theirs }))).toEqual([
      { kind: 'send', field: 'stage', mine: 'lead', theirs: null },
      { kind: 'send', field: 'tag:golf', mine: 'Golf', theirs: null },
    ]);
    const [ann] = of('ann');
    expect(ann?.scenario).toBe('C');
    // Ann's copy had no segment when it met the team's: it took the team's (R-SYNC-7).
    expect(ann?.prompts.map(({ kind, field, mine, theirs }) => ({ kind, field, mine, theirs }))).toEqual([
      { kind: 'accept', field: 'tag:vip', mine: null, theirs: 'VIP' },
    ]);
  });

  it('R-SYNC-5: as of the team change, before the policy acted, the automatic flows are pending with both values', async () => {
    const f = await auditFixture();
    const { teamChange } = await threeScenarios(f);
    const [tagged] = teamChange;
    expect(teamChange.filter((event) => event.causationId !== null).length).toBeGreaterThan(0);
    const { models } = await readModelsAt(f.store, { position: tagged?.globalPosition ?? 0 });
    const flows = (userId: string) => {
      const report = syncReport(models, 'acme', userId);
      if (report._tag === 'Left') throw new Error(report.left.message);
      return report.right.contacts.flatMap((contact) => contact.flows);
    };

    expect(flows('bob')).toEqual([
      { flow: 'import', contactId: 'ada', field: 'tag:vip', rule: 'R-SYNC-1', mine: null, theirs: 'VIP' },
    ]);
    expect(flows('cat')).toEqual([
      { flow: 'import', contactId: 'ada', field: 'tag:vip', rule: 'R-SYNC-2', mine: null, theirs: 'VIP' },
    ]);
    expect(flows('ann')).toEqual([]);
  });

  it('R-AUTH-3: a user who is not a member reads no report', async () => {
    const f = await auditFixture();
    const { models } = await readModelsAt(f.store);
    const report = syncReport(models, 'acme', 'zed');
    expect(report._tag === 'Left' && report.left).toMatchObject({ code: 'NOT_A_MEMBER', rule: 'R-AUTH-3' });
    const audiences = audienceReport(models, 'acme', 'zed');
    expect(audiences._tag === 'Left' && audiences.left.code).toBe('NOT_A_MEMBER');
  });
});

describe('audience report', () => {
  it('R-AUD-2, R-AUD-3: lists the defaults and the custom audiences a member sees, with members by name', async () => {
    const f = await auditFixture();
    await threeScenarios(f);
    await f.accepted({
      type: 'DefineAudience',
      actor: 'ann',
      ...acme,
      audienceId: 'cards',
      name: 'Holiday cards',
      filter: { op: 'tags', match: 'any', tags: ['Holiday card'] },
      scope: 'organization',
    });
    await f.accepted({
      type: 'DefineAudience',
      actor: 'ann',
      ...acme,
      audienceId: 'mine-only',
      name: 'Ann only',
      filter: { op: 'and', filters: [] },
    });
    await f.accepted({ type: 'ApplyTag', actor: 'cat', ...acme, contactId: 'ada', tag: 'holiday card ' });
    const { models } = await readModelsAt(f.store);
    const report = audienceReport(models, 'acme', 'cat');
    if (report._tag === 'Left') throw new Error(report.left.message);

    expect(report.right.audiences.map(({ audienceId, owner, count }) => [audienceId, owner, count])).toEqual([
      ['my-people', 'default', 1],
      ['my-focus', 'default', 1],
      ['leads', 'default', 1],
      ['potential', 'default', 0],
      ['active', 'default', 0],
      ['inactive', 'default', 0],
      ['lost', 'default', 0],
      ['cards', 'organization', 1],
    ]);
    expect(report.right.audiences.find((entry) => entry.audienceId === 'cards')?.members).toEqual([
      { contactId: 'ada', name: 'Ada' },
    ]);

    const verdicts = membershipVerdicts(models, 'acme', 'cat', 'ada');
    if (verdicts._tag === 'Left') throw new Error(verdicts.left.message);
    expect(verdicts.right.filter((verdict) => verdict.member).map((verdict) => verdict.audienceId)).toEqual([
      'my-people',
      'my-focus',
      'leads',
      'cards',
    ]);
    const missing = membershipVerdicts(models, 'acme', 'cat', 'nobody');
    expect(missing._tag === 'Left' && missing.left.code).toBe('CONTACT_NOT_FOUND');
  });
});

describe('read models snapshots', () => {
  it('R-AUDIT-3: a saved snapshot of this history is loaded and resumed from', async () => {
    const f = await auditFixture();
    await threeScenarios(f);
    const first = await readModelsAt(f.store);
    if (first.snapshot === null) throw new Error('no snapshot');
    await saveReadModels(f.store, first.snapshot);
    await f.accepted({ type: 'ApplyTag', actor: 'cat', ...acme, contactId: 'ada', tag: 'Open house' });

    const loaded = await loadReadModels(f.store, f.store);
    expect(loaded).toEqual(first.snapshot);
    const resumed = await readModelsAt(f.store, undefined, { from: loaded });
    expect(resumed.restoredFrom).toBe(first.position);
    expect(resumed.models.state()).toEqual((await readModelsAt(f.store)).models.state());
  });

  it('ignores a snapshot of another history, of another version, or that does not decode', async () => {
    const f = await auditFixture();
    await threeScenarios(f);
    const other = await auditFixture();
    await threeScenarios(other);
    await other.accepted({ type: 'RenameContact', actor: 'cat', ...acme, contactId: 'ada', name: 'Ada L' });
    const theirs = await readModelsAt(other.store, { position: (await readModelsAt(f.store)).position });
    if (theirs.snapshot === null) throw new Error('no snapshot');

    const snapshots = createInMemoryEventStore();
    await saveReadModels(snapshots, { ...theirs.snapshot, hash: 'f'.repeat(64) });
    expect(await loadReadModels(snapshots, f.store)).toBeUndefined();
    await snapshots.saveSnapshot({
      projection: READ_MODELS_SNAPSHOT,
      version: READ_MODELS_VERSION + 1,
      checkpoint: 0,
      state: theirs.snapshot,
    });
    expect(await loadReadModels(snapshots, f.store)).toBeUndefined();
    await snapshots.saveSnapshot({
      projection: READ_MODELS_SNAPSHOT,
      version: READ_MODELS_VERSION,
      checkpoint: 0,
      state: { checkpoint: 'zero' },
    });
    expect(await loadReadModels(snapshots, f.store)).toBeUndefined();
  });

  it('R-AUDIT-3: a snapshot later than the point asked for is not used', async () => {
    const f = await auditFixture();
    await threeScenarios(f);
    const head = await readModelsAt(f.store);
    if (head.snapshot === null) throw new Error('no snapshot');
    const byPosition = await readModelsAt(f.store, { position: 3 }, { from: head.snapshot });
    const byTime = await readModelsAt(f.store, { time: tickAt(3) }, { from: head.snapshot });
    expect(byPosition.restoredFrom).toBeNull();
    expect(byPosition.position).toBe(3);
    expect(byTime.restoredFrom).toBeNull();
    expect(byTime.models.state()).toEqual(
      (await readModelsAt(f.store, { position: byTime.position })).models.state(),
    );
  });
});
