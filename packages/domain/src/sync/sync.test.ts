import { describe, expect, it } from 'vitest';
import { contactTimeline, readHistory, readModelsAt } from '../audit/index.js';
import { ReadModels } from '../audit/readModels.js';
import {
  adaInBothViews,
  createEngagement,
  defineChecklist,
  ok,
  onEngagement,
  scenario,
  typesOf,
  type Scenario,
} from '../testing/index.js';
import { initialOrganizationState } from '../organization/state.js';
import type { CopyDocument } from '../projections/documents.js';
import { emptyCopy } from '../contact/model.js';
import { SyncState, syncState, type SyncContext } from './syncState.js';

const at = { orgId: 'acme', contactId: 'ada' };

/** The checklists of a customer's stages, then Ada in both views (`adaInBothViews`). */
const shared = (): Promise<Scenario> =>
  scenario({
    given: [
      defineChecklist('customer', 'lead', [
        { stepId: 'call', title: 'Call' },
        { stepId: 'meet', title: 'Meet' },
      ]),
      defineChecklist('customer', 'potential', [{ stepId: 'call', title: 'Call' }]),
      ...adaInBothViews,
    ],
  });

/** As `shared`, with cat following Ada as a lead customer: scenario B. */
const inB = async (): Promise<Scenario> => {
  const s = await shared();
  await s.given(
    { type: 'SetSegment', actor: 'cat', ...at, segmentId: 'customer' },
    { type: 'SetStage', actor: 'cat', ...at, stage: 'lead' },
    { type: 'SendChangeToTeam', actor: 'cat', ...at, field: 'stage' },
  );
  return s;
};

/** The mark of a change at `position`. */
const mark = (position: number) => ({
  eventId: `e${position}`,
  globalPosition: position,
  recordedAt: '2026-11-23T09:00:00.000Z',
  actor: 'x',
});
/** Ada's copy held by `owner`, named `name`, renamed at `position`. */
const doc = (owner: CopyDocument['owner'], name: string, position: number): CopyDocument => ({
  ...emptyCopy(name),
  contactId: 'ada',
  kind: 'person',
  owner,
  stepSetAt: null,
  stepDefinition: null,
  changes: { name: mark(position) },
});
/** Cat, assigned to Ada (scenario A); her copy and the team's last agreed at position 2. */
const context: SyncContext = {
  userId: 'cat',
  org: initialOrganizationState,
  links: { contactId: 'ada', assignees: ['cat'], engagements: [], withdrawn: [] },
  engagements: new Map(),
  syncPoint: () => ({ eventId: 'e2', globalPosition: 2 }),
  origins: new Map(),
  dismissed: new Set(),
};

const state = async (s: Scenario, userId = 'cat') => {
  const found = ok(await s.rapport.as(userId).syncState('acme', 'ada'));
  if (found === null) throw new Error('no sync state');
  return found;
};
const promptsOfCat = async (s: Scenario) =>
  ok(await s.rapport.as('cat').prompts('acme')).map((p) => [p.kind, p.field, p.mine, p.theirs]);
const copies = async (s: Scenario) => ok(await s.rapport.as('cat').contact('acme', 'ada'));

describe('R-SYNC: sync between My People and the team view', () => {
  it('R-SYNC-1: in scenario A, when both sides changed a field, the later change wins and the other stays in history', async () => {
    const s = await shared();
    await s.accepted({ type: 'AssignUser', actor: 'ann', ...at, userId: 'cat' });
    // Both sides rename: cat first, then bob on the team copy. Cat's rename is sent at once
    // (scenario A), so make the team's change come later by renaming the team copy after.
    await s.accepted({ type: 'RenameContact', actor: 'cat', ...at, name: 'Ada K.' });
    expect((await copies(s)).team?.name).toBe('Ada K.');
    await s.accepted({ type: 'RenameContact', actor: 'mia', ...at, name: 'Ada King', target: 'team' });
    const { mine, team } = await copies(s);
    expect([mine?.name, team?.name]).toEqual(['Ada King', 'Ada King']);
    const timeline = contactTimeline((await readHistory(s.store)).events, {
      orgId: 'acme',
      contactId: 'ada',
    });
    const catsNames = timeline
      .filter(
        (change) => change.field === 'name' && change.copy?.owner === 'user' && change.copy.userId === 'cat',
      )
      .map((change) => change.to);
    expect(catsNames).toEqual(['Ada', 'Ada K.', 'Ada King']);
  });

  it('R-SYNC-1: a conflict in scenario A goes to the later change by global order, whichever side made it', () => {
    const mineLater = syncState(
      doc({ owner: 'user', userId: 'cat' }, 'Mine', 9),
      doc({ owner: 'team' }, 'Theirs', 5),
      context,
    );
    expect(mineLater.fields.map((f) => [f.field, f.direction])).toEqual([['name', 'conflict']]);
    expect(mineLater.flows.map((f) => f.flow)).toEqual(['send']);
    const theirsLater = syncState(
      doc({ owner: 'user', userId: 'cat' }, 'Mine', 5),
      doc({ owner: 'team' }, 'Theirs', 9),
      context,
    );
    expect(theirsLater.flows.map((f) => f.flow)).toEqual(['import']);
    expect([...mineLater.prompts, ...theirsLater.prompts]).toEqual([]);
  });

  it('a sync state holds its keys in the order of the SyncState codec, excluded or not', () => {
    const keys = ['userId', 'contactId', 'scenario', 'basis', 'excluded', 'fields', 'prompts', 'flows'];
    const mine = doc({ owner: 'user', userId: 'cat' }, 'Mine', 5);
    const team = doc({ owner: 'team' }, 'Theirs', 9);
    expect(Object.keys(SyncState.props)).toEqual(keys);
    expect(Object.keys(syncState(mine, team, context))).toEqual(keys);
    const archived = syncState({ ...mine, archived: true }, team, context);
    expect(archived.excluded).toBe('archived');
    expect(Object.keys(archived)).toEqual(keys);
  });

  it('R-SYNC-1: being on the team of a deal that has the contact is scenario A too', async () => {
    const s = await shared();
    await s.given(
      createEngagement('bob', 'd1'),
      onEngagement('bob', 'd1', 'AddMemberContact', { contactId: 'ada' }),
    );
    expect((await state(s)).scenario).toBe('C');
    const events = await s.accepted(onEngagement('bob', 'd1', 'AddTeamMember', { userId: 'cat' }));
    expect((await state(s)).scenario).toBe('A');
    expect((await state(s)).basis.engagements).toEqual(['d1']);
    // Cat's copy exchanged its first value with the team copy: cat holds it now (R-SHARE-7).
    expect(typesOf(events)).toEqual(['TeamMemberAdded', 'SegmentSet', 'TeamCopyExchanged']);
    expect((await copies(s)).mine?.segment).toBe('customer');
  });

  it('R-SYNC-2: in scenario B team changes import by themselves, as ordinary events caused by the team change', async () => {
    const s = await inB();
    const events = await s.accepted({ type: 'ApplyTag', actor: 'mia', ...at, tag: 'VIP', target: 'team' });
    expect(typesOf(events)).toEqual(['TagApplied', 'TagApplied']);
    expect(events[1]?.causationId).toBe(events[0]?.id);
    expect(events[1]?.correlationId).toBe(events[0]?.correlationId);
    expect((await copies(s)).mine?.tags).toEqual(['VIP']);
    expect(await promptsOfCat(s)).toEqual([]);
    await s.accepted({ type: 'ApplyTag', actor: 'cat', ...at, tag: 'Golf' });
    expect(await promptsOfCat(s)).toEqual([['send', 'tag:golf', 'Golf', null]]);
    expect((await copies(s)).team?.tags).toEqual(['VIP']);
  });

  it('R-SYNC-3: in scenario C the policy imports nothing, and an import command is refused', async () => {
    const s = await shared();
    expect((await state(s)).scenario).toBe('C');
    const refused = await s.rejected({ type: 'ImportTeamChanges', actor: 'cat', ...at, fields: ['segment'] });
    expect([refused.code, refused.rule]).toEqual(['SYNC_NOT_AUTOMATIC', 'R-SYNC-3']);
    expect((await copies(s)).mine?.segment).toBeNull();
    const wrong = await s.rejected({ type: 'SendChangeToTeam', actor: 'cat', ...at, field: 'segment' });
    expect(wrong.code).toBe('SYNC_PROMPT_NOT_FOUND');
  });

  it('R-SYNC-4: in B, when both sides changed a field, cat is prompted with both values and chooses', async () => {
    const s = await inB();
    await s.accepted({ type: 'RenameContact', actor: 'cat', ...at, name: 'Ada K.' });
    await s.accepted({ type: 'RenameContact', actor: 'mia', ...at, name: 'Ada King', target: 'team' });
    expect(await promptsOfCat(s)).toEqual([['resolve', 'name', 'Ada K.', 'Ada King']]);
    expect((await copies(s)).mine?.name).toBe('Ada K.');
    await s.accepted({ type: 'ResolveSyncConflict', actor: 'cat', ...at, field: 'name', keep: 'mine' });
    expect((await copies(s)).team?.name).toBe('Ada K.');
    expect(await promptsOfCat(s)).toEqual([]);
  });

  it('R-SYNC-4: in C a conflict is resolved by taking the team value', async () => {
    const s = await shared();
    await s.accepted({ type: 'AcceptTeamChange', actor: 'cat', ...at, field: 'segment' });
    await s.accepted({
      type: 'SetContactInfo',
      actor: 'cat',
      ...at,
      item: { itemId: 'e', kind: 'email', value: 'ada@home.example' },
    });
    await s.accepted({
      type: 'SetContactInfo',
      actor: 'mia',
      ...at,
      target: 'team',
      item: { itemId: 'e', kind: 'email', value: 'ada@work.example' },
    });
    expect(await promptsOfCat(s)).toEqual([
      [
        'resolve',
        'info:e',
        { kind: 'email', value: 'ada@home.example' },
        { kind: 'email', value: 'ada@work.example' },
      ],
    ]);
    await s.accepted({ type: 'ResolveSyncConflict', actor: 'cat', ...at, field: 'info:e', keep: 'theirs' });
    expect((await copies(s)).mine?.info.map((item) => item.value)).toEqual(['ada@work.example']);
    expect(await promptsOfCat(s)).toEqual([]);
  });

  it("R-SYNC-4: taking the team's stage would clear a step cat changed, so it is a conflict, not an import", async () => {
    const s = await inB();
    await s.accepted({ type: 'SetNextStep', actor: 'cat', ...at, stepId: 'meet' });
    await s.accepted({ type: 'SetStage', actor: 'mia', ...at, stage: 'potential', target: 'team' });
    expect((await copies(s)).mine?.step?.stepId).toBe('meet');
    expect((await copies(s)).mine?.stage).toBe('lead');
    // Cat's step has no room in the team's potential stage: it cannot be sent (R-SYNC-9).
    expect(await promptsOfCat(s)).toEqual([['resolve', 'stage', 'lead', 'potential']]);
    expect((await state(s)).fields.find((field) => field.field === 'step')?.blocked?.into).toBe('team');
    await s.accepted({ type: 'ResolveSyncConflict', actor: 'cat', ...at, field: 'stage', keep: 'theirs' });
    expect((await copies(s)).mine?.stage).toBe('potential');
  });

  it('R-SYNC-9: a team step that the stage cat gave her copy has no room for is blocked, with the reason and what unblocks it; she may send her own step or settle the stage', async () => {
    const s = await inB();
    await s.accepted({ type: 'SetStage', actor: 'cat', ...at, stage: 'potential' });
    await s.accepted({ type: 'SetNextStep', actor: 'mia', ...at, stepId: 'meet', target: 'team' });
    const { flows, fields } = await state(s);
    expect(flows).toEqual([]);
    expect(fields.find((field) => field.field === 'step')?.blocked).toEqual({
      into: 'mine',
      reason: 'the next step "meet" is not in the checklist of your copy (customer, potential)',
      unblock: 'give your copy a segment and stage whose checklist has "meet", or send your own value',
    });
    // No prompt offers to put "meet" into her copy: only to send her own (no step) to the team.
    expect(await promptsOfCat(s)).toEqual([
      ['send', 'stage', 'potential', 'lead'],
      ['send', 'step', null, 'meet'],
    ]);
    const take = await s.rejected({ type: 'AcceptTeamChange', actor: 'cat', ...at, field: 'step' });
    expect(take.code).toBe('SYNC_PROMPT_NOT_FOUND');
    const why = ok(await s.rapport.as('cat').whySync('acme', 'ada', 'step'));
    expect(why.rules).toContain('R-SYNC-9');
    expect(why.summary).toContain('to unblock it, give your copy a segment and stage');
    // Settling the stage the team's way unblocks it: the step then comes in by itself (B).
    await s.accepted({ type: 'SetStage', actor: 'cat', ...at, stage: 'lead' });
    expect(await promptsOfCat(s)).toEqual([]);
    expect((await copies(s)).mine?.step?.stepId).toBe('meet');
  });

  it('R-SYNC-5: prompts are a pure function of the projections; a dismissed prompt stays away until the field changes again', async () => {
    const s = await shared();
    const once = await state(s);
    expect(await state(s)).toEqual(once);
    const [prompt] = ok(await s.rapport.as('cat').prompts('acme'));
    if (prompt === undefined) throw new Error('expected a prompt');
    const events = await s.accepted({
      type: 'DismissSyncPrompt',
      actor: 'cat',
      ...at,
      promptId: prompt.promptId,
    });
    expect(typesOf(events)).toEqual(['SyncPromptDismissed']);
    expect(events[0]?.streamId).toBe('sync-acme/cat');
    expect(await promptsOfCat(s)).toEqual([]);
    await s.accepted({ type: 'SetSegment', actor: 'mia', ...at, segmentId: 'partner', target: 'team' });
    expect(await promptsOfCat(s)).toEqual([['accept', 'segment', null, 'partner']]);
    const again = await s.rejected({
      type: 'DismissSyncPrompt',
      actor: 'cat',
      ...at,
      promptId: prompt.promptId,
    });
    expect(again.code).toBe('SYNC_PROMPT_NOT_FOUND');
  });

  it('R-SYNC-5: automatic flows are ordinary commands in history, with the causing event and its correlation', async () => {
    const s = await shared();
    const assigned = await s.accepted({ type: 'AssignUser', actor: 'ann', ...at, userId: 'cat' });
    expect(typesOf(assigned)).toEqual(['UserAssigned', 'SegmentSet', 'TeamCopyExchanged']);
    const [assignment, imported] = assigned;
    // R-SYNC-10: the import cites the team copy's change of the segment, not the assignment.
    const teamSegment = (await readHistory(s.store)).events
      .filter(
        (event) =>
          event.type === 'ContactShared' || (event.type === 'SegmentSet' && event.data.copy.owner === 'team'),
      )
      .filter((event) => event.globalPosition < assignment!.globalPosition)
      .at(-1);
    expect(imported?.causationId).toBe(teamSegment?.id);
    expect(imported?.correlationId).toBe(assignment?.correlationId);
    const timeline = contactTimeline((await readHistory(s.store)).events, {
      orgId: 'acme',
      contactId: 'ada',
    });
    const [flowed, held] = timeline.slice(-2);
    expect([flowed?.field, flowed?.cause, flowed?.actor]).toEqual(['segment', 'policy', 'cat']);
    expect([held?.field, held?.to, held?.cause]).toEqual(['holders', 'cat', 'policy']);
  });

  it('R-SYNC-6: nothing is sent from a personal-segment copy, nor a personal-labeled value', async () => {
    const s = await shared();
    await s.accepted({
      type: 'SetContactInfo',
      actor: 'cat',
      ...at,
      item: { itemId: 'p', kind: 'phone', value: '+44 7700 900000', personal: true },
    });
    expect(await promptsOfCat(s)).toEqual([['accept', 'segment', null, 'customer']]);
    const refused = await s.rejected({ type: 'SendChangeToTeam', actor: 'cat', ...at, field: 'info:p' });
    expect(refused.code).toBe('SYNC_PROMPT_NOT_FOUND');
    await s.accepted({ type: 'AssignUser', actor: 'ann', ...at, userId: 'cat' });
    expect((await copies(s)).team?.info).toEqual([]);
    await s.accepted({ type: 'UnassignUser', actor: 'ann', ...at, userId: 'cat' });
    await s.accepted({ type: 'SetSegment', actor: 'cat', ...at, segmentId: 'family' });
    await s.accepted({ type: 'RenameContact', actor: 'cat', ...at, name: 'Auntie Ada' });
    expect((await state(s)).excluded).toBe('personal_segment');
    expect(await promptsOfCat(s)).toEqual([]);
    await s.accepted({ type: 'AssignUser', actor: 'ann', ...at, userId: 'cat' });
    expect((await copies(s)).team?.name).toBe('Ada');
    expect((await copies(s)).team?.segment).toBe('customer');
    const excluded = await s.rejected({ type: 'SendChangeToTeam', actor: 'cat', ...at, field: 'name' });
    expect([excluded.code, excluded.rule]).toEqual(['SYNC_PERSONAL_SEGMENT', 'R-SYNC-6']);
  });

  it('R-ARCH-2: an archived copy leaves every prompt and flow, and comes back when restored', async () => {
    const s = await shared();
    await s.accepted({ type: 'ArchiveContact', actor: 'cat', ...at });
    expect(await promptsOfCat(s)).toEqual([]);
    expect((await state(s)).excluded).toBe('archived');
    await s.accepted({ type: 'RestoreContact', actor: 'cat', ...at });
    expect(await promptsOfCat(s)).toEqual([['accept', 'segment', null, 'customer']]);
  });

  it('R-SYNC-5: why a prompt or a flow exists: the scenario, both changes, the sync point and the rule ids', async () => {
    const s = await inB();
    await s.accepted({ type: 'ApplyTag', actor: 'cat', ...at, tag: 'Golf' });
    const why = ok(await s.rapport.as('cat').whySync('acme', 'ada', 'tag:golf'));
    expect(why.outcome).toMatchObject({ is: 'prompt', kind: 'send' });
    expect(why.rules).toEqual(['R-SYNC-2', 'R-SYNC-5']);
    expect(why.mineChange?.actor).toBe('cat');
    expect(why.summary).toContain('scenario B');
    const stage = ok(await s.rapport.as('cat').whySync('acme', 'ada', 'stage'));
    expect(stage.outcome).toEqual({ is: 'nothing' });
    expect(stage.summary).toContain('in sync');
    await s.accepted({ type: 'AssignUser', actor: 'ann', ...at, userId: 'cat' });
    const none = ok(await s.rapport.as('cat').whySync('acme', 'ada', 'tag:golf'));
    expect(none.scenario).toBe('A');
    expect(none.summary).toContain('is assigned');
    const stranger = await s.rapport.as('mia').whySync('acme', 'ada', 'name');
    expect(stranger._tag === 'Left' && stranger.left.code).toBe('SYNC_NOT_APPLICABLE');
  });

  it('R-SYNC-11: a member added again is brought the imports their copies are owed, without waiting for the next change', async () => {
    const s = await inB();
    await s.accepted({ type: 'RemoveMember', actor: 'ann', orgId: 'acme', userId: 'cat' });
    const [renamed] = await s.accepted({
      type: 'RenameContact',
      actor: 'mia',
      ...at,
      name: 'Ada King',
      target: 'team',
    });
    // While cat is not a member, nothing flows to her copy.
    expect((await readHistory(s.store)).events.filter((event) => event.causationId === renamed!.id)).toEqual(
      [],
    );
    const events = await s.accepted({
      type: 'AddMember',
      actor: 'ann',
      orgId: 'acme',
      userId: 'cat',
      role: 'member',
    });
    const imported = events.find((event) => event.type === 'ContactRenamed');
    expect(imported).toMatchObject({
      actor: 'cat',
      data: { copy: { owner: 'user', userId: 'cat' }, name: 'Ada King' },
      causationId: renamed!.id,
    });
    expect((await copies(s)).mine?.name).toBe('Ada King');
  });

  describe('R-SYNC-7: a first meeting of two copies', () => {
    const bobSharesAda = [
      { type: 'AddContact', actor: 'bob', ...at, kind: 'person', name: 'Ada' },
      { type: 'SetSegment', actor: 'bob', ...at, segmentId: 'customer' },
    ] as const;
    const syncRules = async (s: Scenario) =>
      ok(await s.rapport.as('cat').prompts('acme')).map((p) => [p.kind, p.field, p.rule]);

    it('R-SYNC-7: a value that differs when cat adds a contact the team holds is a conflict even in scenario A, and nothing flows until she resolves it', async () => {
      const s = await scenario({ given: [...bobSharesAda] });
      await s.accepted({ type: 'AddContact', actor: 'cat', ...at, kind: 'person', name: 'Ada Lovelace' });
      await s.accepted({ type: 'AssignUser', actor: 'ann', ...at, userId: 'cat' });
      expect((await state(s)).scenario).toBe('A');
      expect(await syncRules(s)).toEqual([['resolve', 'name', 'R-SYNC-7']]);
      // The later change would win in scenario A (R-SYNC-1); at a first meeting it does not.
      await s.accepted({ type: 'RenameContact', actor: 'mia', ...at, name: 'Ada K.', target: 'team' });
      expect([(await copies(s)).mine?.name, (await copies(s)).team?.name]).toEqual([
        'Ada Lovelace',
        'Ada K.',
      ]);
      expect(await promptsOfCat(s)).toEqual([['resolve', 'name', 'Ada Lovelace', 'Ada K.']]);
      const why = ok(await s.rapport.as('cat').whySync('acme', 'ada', 'name'));
      expect(why.rules).toContain('R-SYNC-7');
      expect(why.summary).toContain('first met');
      await s.accepted({ type: 'ResolveSyncConflict', actor: 'cat', ...at, field: 'name', keep: 'mine' });
      expect((await copies(s)).team?.name).toBe('Ada Lovelace');
      // Once the copies agree, scenario A's automatic flows take over.
      await s.accepted({ type: 'RenameContact', actor: 'cat', ...at, name: 'Ada King' });
      expect((await copies(s)).team?.name).toBe('Ada King');
      expect(await promptsOfCat(s)).toEqual([]);
    });

    it('R-SYNC-7: a field neither copy holds when they meet is in sync then, whatever either did to it before', async () => {
      const email = { itemId: 'e1', kind: 'email', value: 'ada@example.com' } as const;
      const s = await scenario({
        given: [
          ...bobSharesAda,
          { type: 'SetContactInfo', actor: 'bob', ...at, item: email },
          { type: 'SendChangeToTeam', actor: 'bob', ...at, field: 'info:e1' },
          { type: 'RemoveContactInfo', actor: 'mia', ...at, itemId: 'e1', target: 'team' },
        ],
      });
      await s.accepted({ type: 'AddContact', actor: 'cat', ...at, kind: 'person', name: 'Ada' });
      await s.accepted({
        type: 'SetContactInfo',
        actor: 'cat',
        ...at,
        item: { ...email, value: 'ada@home.example' },
      });
      // The team's removal came before the meeting: only cat changed the email since (scenario C).
      expect(await syncRules(s)).toEqual([['send', 'info:e1', 'R-SYNC-3']]);
    });

    it('R-SYNC-7: a field empty on one side only is filled from the other, in scenario C too, both ways', async () => {
      const s = await scenario({
        given: [
          { type: 'AddContact', actor: 'cat', ...at, kind: 'person', name: 'Ada' },
          {
            type: 'SetContactInfo',
            actor: 'cat',
            ...at,
            item: { itemId: 'e', kind: 'email', value: 'ada@example.com' },
          },
        ],
      });
      const [catsEmail] = (await readHistory(s.store)).events.slice(-1);
      const shared = await s.accepted(bobSharesAda[0]);
      expect(typesOf(shared)).toEqual(['ContactAdded']);
      const events = await s.accepted(bobSharesAda[1]);
      expect((await state(s)).scenario).toBe('C');
      const { mine, team } = await copies(s);
      expect(mine?.segment).toBe('customer');
      expect(team?.info.map((item) => item.value)).toEqual(['ada@example.com']);
      expect(await promptsOfCat(s)).toEqual([]);
      // The fill into the team copy is cat's, and cites her change of the email (R-SYNC-10).
      const sent = events.find((event) => event.type === 'ContactInfoSet');
      expect([sent?.actor, sent?.causationId]).toEqual(['cat', catsEmail?.id]);
    });

    it('R-SYNC-7: a copy kept in a personal segment, or by a removed member, meets the team copy when it can sync', async () => {
      const s = await scenario({
        given: [
          { type: 'AddContact', actor: 'cat', ...at, kind: 'person', name: 'Auntie Ada' },
          { type: 'SetSegment', actor: 'cat', ...at, segmentId: 'family' },
          ...bobSharesAda,
        ],
      });
      expect((await state(s)).excluded).toBe('personal_segment');
      await s.accepted({ type: 'SetSegment', actor: 'cat', ...at, segmentId: 'customer' });
      expect(await syncRules(s)).toEqual([['resolve', 'name', 'R-SYNC-7']]);
      expect((await copies(s)).team?.name).toBe('Ada');

      const removed = await scenario({
        given: [
          { type: 'AddContact', actor: 'cat', ...at, kind: 'person', name: 'Ada' },
          { type: 'RemoveMember', actor: 'ann', orgId: 'acme', userId: 'cat' },
          ...bobSharesAda,
        ],
      });
      await removed.accepted({
        type: 'AddMember',
        actor: 'ann',
        orgId: 'acme',
        userId: 'cat',
        role: 'member',
      });
      // Met on her return: the team's segment fills her empty one, in scenario C.
      expect((await copies(removed)).mine?.segment).toBe('customer');
      expect(await promptsOfCat(removed)).toEqual([]);
    });

    it('R-SYNC-7: the fields apart since a first meeting survive a snapshot of the read models', async () => {
      const s = await scenario({ given: [...bobSharesAda] });
      await s.accepted({ type: 'AddContact', actor: 'cat', ...at, kind: 'person', name: 'Ada Lovelace' });
      const { models } = await readModelsAt(s.store);
      const restored = ReadModels.restore(models.state());
      expect(restored.syncPoints.origins('acme', 'cat', 'ada')).toEqual(new Map([['name', 'first_meeting']]));
      expect(restored.syncPoints.snapshot()).toEqual(models.syncPoints.snapshot());
    });
  });

  describe('R-SYNC-8: changes made while a copy is personal are local', () => {
    it('R-SYNC-8: a round trip through a personal segment does not wipe the team stage: the cleared stage and step come back, in scenario A', async () => {
      const s = await inB();
      await s.accepted({ type: 'SetNextStep', actor: 'cat', ...at, stepId: 'call' });
      await s.accepted({ type: 'AssignUser', actor: 'ann', ...at, userId: 'cat' });
      expect((await copies(s)).team).toMatchObject({ stage: 'lead', step: { stepId: 'call' } });
      const moved = await s.accepted({ type: 'SetSegment', actor: 'cat', ...at, segmentId: 'family' });
      // Cat's copy holds the team copy no more (R-SHARE-7); others hold it, so it stays.
      expect(typesOf(moved)).toEqual(['SegmentSet', 'StageCleared', 'NextStepCleared', 'TeamCopyReleased']);
      await s.accepted({ type: 'RenameContact', actor: 'cat', ...at, name: 'Auntie Ada' });
      // Nothing left cat's copy while it was personal.
      expect((await copies(s)).team).toMatchObject({ name: 'Ada', stage: 'lead', step: { stepId: 'call' } });
      const back = await s.accepted({ type: 'SetSegment', actor: 'cat', ...at, segmentId: 'customer' });
      const { mine, team } = await copies(s);
      // The stage and step come back from the team; the rename made while personal is local too;
      // the segment is cat's own change and goes to the team (scenario A).
      expect([mine?.name, mine?.segment, mine?.stage, mine?.step?.stepId]).toEqual([
        'Ada',
        'customer',
        'lead',
        'call',
      ]);
      expect([team?.name, team?.segment, team?.stage, team?.step?.stepId]).toEqual([
        'Ada',
        'customer',
        'lead',
        'call',
      ]);
      const imports = back.filter((event) => event.actor === 'cat' && event.causationId !== null);
      // Back from personal, cat holds the team copy again by the first import (R-SHARE-7).
      expect(typesOf(imports)).toEqual(['ContactRenamed', 'TeamCopyExchanged', 'StageSet', 'NextStepSet']);
      expect(await promptsOfCat(s)).toEqual([]);
    });

    it("R-SYNC-8: the team value comes back in scenario C too, while the team's own changes and the user's new segment are prompted as usual", async () => {
      const s = await shared();
      await s.accepted({ type: 'AcceptTeamChange', actor: 'cat', ...at, field: 'segment' });
      await s.accepted({ type: 'ApplyTag', actor: 'cat', ...at, tag: 'Golf' });
      await s.accepted({ type: 'SendChangeToTeam', actor: 'cat', ...at, field: 'tag:golf' });
      expect((await state(s)).scenario).toBe('C');
      await s.accepted({ type: 'SetSegment', actor: 'cat', ...at, segmentId: 'family' });
      await s.accepted({ type: 'RemoveTag', actor: 'cat', ...at, tag: 'Golf' });
      await s.accepted({ type: 'RenameContact', actor: 'mia', ...at, name: 'Ada King', target: 'team' });
      await s.accepted({ type: 'SetSegment', actor: 'cat', ...at, segmentId: 'partner' });
      // The tag removed while personal is local: the team's tag comes back without a prompt; the
      // team's rename, made while cat's copy was away, is an ordinary team change (accept, C);
      // the new segment is cat's own change (send, C).
      expect((await copies(s)).mine?.tags).toEqual(['Golf']);
      expect(ok(await s.rapport.as('cat').prompts('acme')).map((p) => [p.kind, p.field, p.rule])).toEqual([
        ['accept', 'name', 'R-SYNC-3'],
        ['send', 'segment', 'R-SYNC-3'],
      ]);
      expect((await copies(s)).team?.tags).toEqual(['Golf']);
    });
  });

  it('R-TEAM-4: assigning a user whose copy is personal is accepted; they are asked to make it business or keep it private, and nothing flows until they do', async () => {
    const s = await shared();
    await s.accepted({ type: 'SetSegment', actor: 'cat', ...at, segmentId: 'family' });
    await s.accepted({ type: 'RenameContact', actor: 'cat', ...at, name: 'Auntie Ada' });
    const assigned = await s.accepted({ type: 'AssignUser', actor: 'ann', ...at, userId: 'cat' });
    expect(typesOf(assigned)).toEqual(['UserAssigned']);
    const [asked] = ok(await s.rapport.as('cat').prompts('acme'));
    expect(asked).toMatchObject({
      kind: 'make_business',
      field: 'segment',
      mine: 'family',
      theirs: 'customer',
      rule: 'R-TEAM-4',
    });
    expect((await copies(s)).team?.name).toBe('Ada');
    // Keeping it private: the question goes, and still nothing flows.
    await s.accepted({ type: 'DismissSyncPrompt', actor: 'cat', ...at, promptId: asked!.promptId });
    expect(await promptsOfCat(s)).toEqual([]);
    expect((await copies(s)).team?.name).toBe('Ada');
    // Making it business: scenario A starts; the name changed while personal is local (R-SYNC-8).
    await s.accepted({ type: 'SetSegment', actor: 'cat', ...at, segmentId: 'customer' });
    expect((await state(s)).scenario).toBe('A');
    expect([(await copies(s)).mine?.name, (await copies(s)).team?.name]).toEqual(['Ada', 'Ada']);
    expect(await promptsOfCat(s)).toEqual([]);
  });
});
