import { describe, expect, it } from 'vitest';
import { addContact, createEngagement, ok, onEngagement, scenario, typesOf } from '../testing/index.js';
import { projectionsOf } from '../testing/projections.js';
import { createRapport } from '../rapport/facade.js';
import { contactTimeline, readHistory } from '../audit/index.js';
import { unshareCommands } from './unshare.js';
import { autoShare } from './autoShare.js';
import { labeledPersonal } from './withdrawal.js';
import { evolveContact, initialContactState } from '../contact/state.js';
import { emptyCopy, type CopyRef } from '../contact/model.js';
import { ContactUnshared } from '../contact/events.js';

const at = { orgId: 'acme', contactId: 'c1' };
const bob = { actor: 'bob', ...at };

const timelineOf = async (s: Awaited<ReturnType<typeof scenario>>) =>
  contactTimeline((await readHistory(s.store)).events, at);

const withContact = () => scenario({ given: [addContact('bob', 'c1', 'Ada')] });

const team = async (s: Awaited<ReturnType<typeof scenario>>) => {
  const view = await s.rapport.as('ann').teamView('acme');
  if (view._tag === 'Left') throw new Error(view.left.message);
  return view.right;
};

describe('R-SHARE: sharing', () => {
  it('R-SHARE-1: a business segment auto-shares the copy; the sharing command is caused by the event, same correlation', async () => {
    const s = await withContact();
    expect((await team(s)).contacts).toEqual([]);
    const events = await s.accepted({ type: 'SetSegment', ...bob, segmentId: 'customer' });
    expect(typesOf(events)).toEqual(['SegmentSet', 'ContactShared']);
    const [segmentSet, shared] = events;
    expect(shared?.causationId).toBe(segmentSet?.id);
    expect(shared?.correlationId).toBe(segmentSet?.correlationId);
    expect(shared?.actor).toBe('bob');
    expect((await team(s)).contacts.map((c) => [c.contactId, c.segment])).toEqual([['c1', 'customer']]);
  });

  it('R-SHARE-1: assignment and project or deal membership auto-share the copy', async () => {
    const s = await withContact();
    expect(typesOf(await s.accepted({ type: 'AssignUser', ...bob, userId: 'bob' }))).toEqual([
      'UserAssigned',
      'ContactShared',
    ]);
    await s.given(
      addContact('cat', 'c2', 'Initech', 'company'),
      createEngagement('cat', 'p1', 'project', 'Rollout'),
    );
    const events = await s.accepted(onEngagement('cat', 'p1', 'AddMemberContact', { contactId: 'c2' }));
    expect(typesOf(events)).toEqual(['MemberContactAdded', 'ContactShared']);
    expect((await team(s)).contacts.map((c) => c.contactId).sort()).toEqual(['c1', 'c2']);
  });

  it('R-SHARE-1: a personal segment, or no segment, does not auto-share', async () => {
    const s = await withContact();
    expect(typesOf(await s.accepted({ type: 'SetSegment', ...bob, segmentId: 'friend' }))).toEqual([
      'SegmentSet',
    ]);
    expect(typesOf(await s.accepted({ type: 'ApplyTag', ...bob, tag: 'VIP' }))).toEqual(['TagApplied']);
    expect(typesOf(await s.accepted({ type: 'ClearSegment', ...bob }))).toEqual(['SegmentCleared']);
    expect((await team(s)).contacts).toEqual([]);
  });

  it('R-SHARE-2: a personal-segment copy is never shared: ShareContact, assignment and membership are rejected', async () => {
    const s = await withContact();
    await s.accepted({ type: 'SetSegment', ...bob, segmentId: 'family' });
    const rejection = await s.rejected({ type: 'ShareContact', ...bob });
    expect(rejection).toMatchObject({ code: 'SHARE_PERSONAL_SEGMENT', rule: 'R-SHARE-2' });
    expect(rejection.message).toBe(
      'Rejected ShareContact for contact c1: a contact in a personal segment (family) is never shared with the team',
    );
    expect(await s.rejected({ type: 'AssignUser', ...bob, userId: 'bob' })).toMatchObject({
      rule: 'R-SHARE-2',
    });
    await s.accepted(createEngagement('bob', 'd1', 'deal', 'D'));
    expect(
      await s.rejected(onEngagement('bob', 'd1', 'AddMemberContact', { contactId: 'c1' })),
    ).toMatchObject({ rule: 'R-SHARE-2' });
    expect((await team(s)).contacts).toEqual([]);
  });

  it('R-SHARE-2: a shared contact moved to a personal segment does not leak further; the team copy cannot turn personal', async () => {
    const s = await withContact();
    await s.accepted({ type: 'SetSegment', ...bob, segmentId: 'customer' });
    // Mia is assigned: she holds the team copy, which stays when bob's copy turns personal (R-SHARE-7).
    await s.accepted({ type: 'AssignUser', ...bob, userId: 'mia' });
    await s.accepted({ type: 'SetSegment', ...bob, segmentId: 'friend' });
    await s.accepted({ type: 'SetContactInfo', ...bob, item: { itemId: 'p', kind: 'phone', value: '555' } });
    expect(await s.rejected({ type: 'ShareContact', ...bob })).toMatchObject({ rule: 'R-SHARE-2' });
    expect(
      await s.rejected({ type: 'SetSegment', ...bob, actor: 'mia', target: 'team', segmentId: 'friend' }),
    ).toMatchObject({ code: 'TEAM_PERSONAL_SEGMENT', rule: 'R-SHARE-2' });
    const [copy] = (await team(s)).contacts;
    expect(copy).toMatchObject({ segment: 'customer', info: [] });
  });

  it('R-SHARE-3: information labeled personal is never copied to the team view', async () => {
    const s = await withContact();
    await s.accepted({
      type: 'SetContactInfo',
      ...bob,
      item: { itemId: 'work', kind: 'email', value: 'ada@work.example' },
    });
    await s.accepted({
      type: 'SetContactInfo',
      ...bob,
      item: { itemId: 'home', kind: 'phone', value: '555 0100', personal: true },
    });
    await s.accepted({ type: 'ShareContact', ...bob });
    expect((await team(s)).contacts[0]?.info.map((i) => i.itemId)).toEqual(['work']);
    expect(JSON.stringify((await projectionsOf(s.rapport)).snapshot().copies['acme/team'])).not.toContain(
      '555 0100',
    );
    expect(
      await s.rejected({
        type: 'SetContactInfo',
        ...bob,
        actor: 'mia',
        target: 'team',
        item: { itemId: 'h', kind: 'note', value: 'secret', personal: true },
      }),
    ).toMatchObject({ code: 'TEAM_PERSONAL_INFO', rule: 'R-SHARE-3' });
  });

  it('R-SHARE-4: sharing creates, then updates, the team copy from the user copy; the user copy stays', async () => {
    const s = await withContact();
    await s.accepted({ type: 'SetStage', ...bob, stage: 'lead' });
    await s.accepted({ type: 'ApplyTag', ...bob, tag: 'VIP' });
    const [created] = await s.accepted({ type: 'ShareContact', ...bob });
    expect(created).toMatchObject({
      type: 'ContactShared',
      data: { sharedBy: 'bob', previous: null, team: { stage: 'lead', tags: ['VIP'] } },
    });
    await s.accepted({ type: 'ApplyTag', actor: 'ann', ...at, target: 'team', tag: 'Golf' });
    await s.accepted({ type: 'SetStage', ...bob, stage: 'active' });
    // Sharing again sends bob's change, as sync would (R-SHARE-9); the team's tag stays.
    const [updated] = await s.accepted({ type: 'ShareContact', ...bob });
    expect(updated).toMatchObject({
      type: 'StageSet',
      actor: 'bob',
      data: { copy: { owner: 'team' }, stage: 'active', previous: 'lead' },
    });
    expect((await team(s)).contacts[0]?.tags).toEqual(['VIP', 'Golf']);
    expect(await s.accepted({ type: 'ShareContact', ...bob })).toEqual([]);
    const mine = await s.rapport.as('bob').contact('acme', 'c1');
    expect(mine._tag === 'Right' && mine.right.mine?.tags).toEqual(['VIP']);
    expect(mine._tag === 'Right' && mine.right.team?.stage).toBe('active');
  });

  it('R-SHARE-9: sharing a contact the team holds sends only what the sharer changed and the team did not; what both changed stays a conflict prompt', async () => {
    const s = await withContact();
    await s.accepted({ type: 'SetSegment', ...bob, segmentId: 'customer' });
    await s.accepted({ type: 'SetStage', ...bob, stage: 'lead' });
    await s.accepted({ type: 'SendChangeToTeam', ...bob, field: 'stage' });
    // Both sides rename (bob first, so it waits for his send in scenario B); bob also tags.
    await s.accepted({ type: 'RenameContact', ...bob, name: 'Ada Lovelace' });
    await s.accepted({ type: 'RenameContact', actor: 'ann', ...at, target: 'team', name: 'Ada King' });
    await s.accepted({ type: 'ApplyTag', ...bob, tag: 'VIP' });
    const events = await s.accepted({ type: 'ShareContact', ...bob });
    expect(events.map((event) => [event.type, event.actor])).toEqual([['TagApplied', 'bob']]);
    // The team's name is not overwritten: it stays a conflict for bob to resolve.
    const { mine, team: teamCopy } = ok(await s.rapport.as('bob').contact('acme', 'c1'));
    expect([teamCopy?.name, teamCopy?.tags, mine?.name]).toEqual(['Ada King', ['VIP'], 'Ada Lovelace']);
    const prompts = ok(await s.rapport.as('bob').prompts('acme')).map((p) => [p.kind, p.field]);
    expect(prompts).toEqual([['resolve', 'name']]);
  });

  it('R-SHARE-9, R-ARCH-2: sharing into an archived team copy is refused', async () => {
    const s = await withContact();
    await s.accepted({ type: 'ShareContact', ...bob });
    await s.accepted({ type: 'ArchiveContact', actor: 'ann', ...at, target: 'team' });
    await s.accepted({ type: 'ApplyTag', ...bob, tag: 'VIP' });
    expect(await s.rejected({ type: 'ShareContact', ...bob })).toMatchObject({
      code: 'CONTACT_ARCHIVED',
      rule: 'R-ARCH-2',
    });
  });

  describe('R-SHARE-6: labeling a shared item personal withdraws it', () => {
    const email = { itemId: 'e1', kind: 'email', value: 'ada@example.com' } as const;
    /** Bob shares Ada with her email; cat, assigned (scenario A), holds the email too. */
    const sharedEmail = async () => {
      const s = await scenario({
        given: [
          addContact('bob', 'c1', 'Ada'),
          { type: 'SetContactInfo', ...bob, item: email },
          { type: 'SetSegment', ...bob, segmentId: 'customer' },
          addContact('cat', 'c1', 'Ada'),
          { type: 'AssignUser', actor: 'ann', ...at, userId: 'cat' },
        ],
      });
      const cats = ok(await s.rapport.as('cat').contact('acme', 'c1'));
      expect(cats.mine?.info.map((item) => item.value)).toEqual(['ada@example.com']);
      return s;
    };

    it('R-SHARE-6: the item leaves the team copy by an event that cites the label change; the other holders keep theirs, with no prompt and no flow', async () => {
      const s = await sharedEmail();
      const events = await s.accepted({ type: 'SetContactInfo', ...bob, item: { ...email, personal: true } });
      expect(typesOf(events)).toEqual(['ContactInfoSet', 'ContactInfoWithdrawn']);
      const [label, withdrawal] = events;
      expect(withdrawal).toMatchObject({
        actor: 'bob',
        causationId: label?.id,
        data: {
          copy: { owner: 'team' },
          itemId: 'e1',
          labeledBy: 'bob',
          previous: { value: 'ada@example.com' },
        },
      });
      const cats = ok(await s.rapport.as('cat').contact('acme', 'c1'));
      expect(cats.team?.info).toEqual([]);
      expect(cats.mine?.info.map((item) => item.value)).toEqual(['ada@example.com']);
      // Not a divergence: cat, in scenario A, neither sends it back nor is prompted.
      const state = ok(await s.rapport.as('cat').syncState('acme', 'c1'));
      expect([state?.scenario, state?.fields, state?.prompts, state?.flows]).toEqual(['A', [], [], []]);
      // Sharing again does not send it back either (R-SHARE-9 sends changes, not withdrawn items).
      expect(await s.accepted({ type: 'ShareContact', actor: 'cat', ...at })).toEqual([]);
      expect(ok(await s.rapport.as('cat').contact('acme', 'c1')).team?.info).toEqual([]);
    });

    it('R-SHARE-6: a holder shares a withdrawn item again only by an explicit send, and then it syncs as before', async () => {
      const s = await sharedEmail();
      await s.accepted({ type: 'SetContactInfo', ...bob, item: { ...email, personal: true } });
      const sent = await s.accepted({ type: 'SendChangeToTeam', actor: 'cat', ...at, field: 'info:e1' });
      expect(typesOf(sent)).toEqual(['ContactInfoSet']);
      expect(ok(await s.rapport.as('cat').contact('acme', 'c1')).team?.info.map((i) => i.value)).toEqual([
        'ada@example.com',
      ]);
      // Back in the team copy, the item syncs: cat's change flows (scenario A).
      await s.accepted({
        type: 'SetContactInfo',
        actor: 'cat',
        ...at,
        item: { ...email, value: 'ada@work.example' },
      });
      expect(ok(await s.rapport.as('cat').contact('acme', 'c1')).team?.info.map((i) => i.value)).toEqual([
        'ada@work.example',
      ]);
      // Bob's own item stays personal: his copy is never written by it.
      const bobs = ok(await s.rapport.as('bob').contact('acme', 'c1'));
      expect(bobs.mine?.info).toEqual([{ ...email, personal: true }]);
    });

    it('R-SHARE-6, R-SYNC-11: a label made before the team copy held the item withdraws nothing, even when a new facade carries the reactions out again', async () => {
      const s = await scenario({
        given: [
          addContact('cat', 'c1', 'Ada'),
          { type: 'SetContactInfo', actor: 'cat', ...at, item: { ...email, personal: true } },
          addContact('bob', 'c1', 'Ada'),
          { type: 'SetContactInfo', ...bob, item: email },
          { type: 'SetSegment', ...bob, segmentId: 'customer' },
        ],
      });
      const again = createRapport({ store: s.store });
      expect(ok(await again.react()).pending).toBe(false);
      expect(ok(await again.as('bob').contact('acme', 'c1')).team?.info.map((i) => i.value)).toEqual([
        'ada@example.com',
      ]);
    });

    it('R-SHARE-6: labeling is an item of a user copy becoming personal, from not personal or absent', () => {
      const item = { ...email, personal: true };
      const set = (copy: CopyRef, previous: typeof item | null, now = item) => ({
        type: 'ContactInfoSet' as const,
        data: { ...at, copy, item: now, previous },
      });
      const mine: CopyRef = { owner: 'user', userId: 'bob' };
      const found = { ...at, userId: 'bob', itemId: 'e1' };
      expect(labeledPersonal(set(mine, null))).toEqual(found);
      expect(labeledPersonal(set(mine, { ...item, personal: false }))).toEqual(found);
      expect(labeledPersonal(set(mine, item))).toBeUndefined();
      expect(labeledPersonal(set(mine, null, { ...item, personal: false }))).toBeUndefined();
      expect(labeledPersonal(set({ owner: 'team' }, null))).toBeUndefined();
      expect(
        labeledPersonal({
          type: 'ContactInfoRemoved',
          data: { ...at, copy: mine, itemId: 'e1', previous: item },
        }),
      ).toBeUndefined();
    });

    it('R-SHARE-6: only a user whose copy labels the item personal withdraws it', async () => {
      const s = await sharedEmail();
      expect(
        await s.rejected({ type: 'WithdrawContactInfo', actor: 'cat', ...at, itemId: 'e1' }),
      ).toMatchObject({
        code: 'INFO_NOT_LABELED_PERSONAL',
        rule: 'R-SHARE-6',
      });
      expect(ok(await s.rapport.as('cat').contact('acme', 'c1')).team?.info).toHaveLength(1);
    });
  });

  describe('R-SHARE-7: a copy moved to a personal segment withdraws the team copy no one else holds', () => {
    /** Bob shares Ada (customer, lead); cat adds her too, with the same name. */
    const sharedByBob = (...more: Record<string, unknown>[]) =>
      scenario({
        given: [
          addContact('bob', 'c1', 'Ada'),
          { type: 'SetStage', ...bob, stage: 'lead' },
          { type: 'SetSegment', ...bob, segmentId: 'customer' },
          ...more,
        ],
      });

    it('R-SHARE-7: the last holder moving to family withdraws the team copy by an event of the same decision; the history keeps it', async () => {
      const s = await sharedByBob();
      const events = await s.accepted({ type: 'SetSegment', ...bob, segmentId: 'family' });
      expect(typesOf(events)).toEqual(['SegmentSet', 'StageCleared', 'TeamCopyReleased', 'ContactUnshared']);
      const [moved, , , unshared] = events;
      expect(unshared).toMatchObject({
        actor: 'bob',
        correlationId: moved?.correlationId,
        data: {
          by: 'bob',
          reason: 'personal_segment',
          team: { name: 'Ada', segment: 'customer', stage: 'lead' },
        },
      });
      expect((await team(s)).contacts).toEqual([]);
      expect(ok(await s.rapport.as('bob').contact('acme', 'c1')).team).toBeNull();
      const timeline = await timelineOf(s);
      expect(
        timeline.filter((change) => change.field === 'shared').map((c) => [c.from, c.to, c.actor]),
      ).toEqual([[true, false, 'bob']]);
    });

    it('R-SHARE-7: a copy that only met the team copy, agreeing on everything, does not hold it', async () => {
      const s = await scenario({
        given: [
          addContact('bob', 'c1', 'Ada'),
          { type: 'ShareContact', ...bob },
          addContact('cat', 'c1', 'Ada'),
        ],
      });
      const events = await s.accepted({ type: 'SetSegment', ...bob, segmentId: 'family' });
      expect(typesOf(events)).toContain('ContactUnshared');
    });

    it.each([
      [
        'another copy took a value from it (a fill)',
        [addContact('cat', 'c1', 'Ada')],
        'the team copy is held by "cat" too',
      ],
      [
        'another user is assigned',
        [{ type: 'AssignUser', ...bob, userId: 'cat' }],
        'the team copy is held by "cat" too',
      ],
      [
        'a deal has it as a member contact',
        [
          createEngagement('bob', 'd1', 'deal', 'Big deal'),
          onEngagement('bob', 'd1', 'AddMemberContact', { contactId: 'c1' }),
        ],
        'the team copy is held by the deal "Big deal" (d1) too',
      ],
    ])(
      'R-SHARE-7: the team copy stays when %s; no flow reaches the personal copy',
      async (_why, more, held) => {
        const s = await sharedByBob(...more);
        // The sharer cannot unshare it now either (R-SHARE-8), and is told who holds it.
        const refused = await s.rejected({ type: 'UnshareContact', ...bob });
        expect(refused).toMatchObject({ code: 'TEAM_COPY_HELD', rule: 'R-SHARE-8' });
        expect(refused.message).toContain(held);
        const events = await s.accepted({ type: 'SetSegment', ...bob, segmentId: 'family' });
        expect(typesOf(events)).not.toContain('ContactUnshared');
        expect((await team(s)).contacts.map((c) => [c.contactId, c.name, c.stage])).toEqual([
          ['c1', 'Ada', 'lead'],
        ]);
        await s.accepted({ type: 'RenameContact', actor: 'mia', ...at, target: 'team', name: 'Ada King' });
        expect(ok(await s.rapport.as('bob').contact('acme', 'c1')).mine?.name).toBe('Ada');
      },
    );

    it('R-SHARE-7, R-SHARE-6: an item labeled personal while the team copy is withdrawn leaves the copy kept', async () => {
      const email = { itemId: 'e1', kind: 'email', value: 'ada@example.com' } as const;
      const s = await sharedByBob(
        { type: 'SetContactInfo', ...bob, item: email },
        {
          type: 'SendChangeToTeam',
          ...bob,
          field: 'info:e1',
        },
      );
      await s.accepted({ type: 'SetSegment', ...bob, segmentId: 'family' });
      const labeled = await s.accepted({
        type: 'SetContactInfo',
        ...bob,
        item: { ...email, personal: true },
      });
      expect(typesOf(labeled)).toEqual(['ContactInfoSet', 'ContactInfoWithdrawn']);
      await s.accepted({ type: 'SetSegment', ...bob, segmentId: 'customer' });
      expect((await team(s)).contacts.map((c) => [c.contactId, c.info])).toEqual([['c1', []]]);
    });
  });

  describe('R-SHARE-8: UnshareContact; withdrawn is not erased, and sharing again brings it back', () => {
    const shared = (...more: Record<string, unknown>[]) =>
      scenario({
        given: [
          addContact('bob', 'c1', 'Ada'),
          { type: 'SetSegment', ...bob, segmentId: 'customer' },
          ...more,
        ],
      });

    it('R-SHARE-8: the sharer alone unshares what only they hold; another member may not', async () => {
      const s = await shared();
      expect(await s.rejected({ type: 'UnshareContact', actor: 'cat', ...at })).toMatchObject({
        code: 'UNSHARE_NOT_ALLOWED',
        rule: 'R-SHARE-8',
      });
      const events = await s.accepted({ type: 'UnshareContact', ...bob });
      expect(events.map((event) => [event.type, event.data])).toEqual([
        [
          'ContactUnshared',
          {
            orgId: 'acme',
            contactId: 'c1',
            by: 'bob',
            reason: 'unshared',
            team: {
              name: 'Ada',
              stage: null,
              segment: 'customer',
              step: null,
              fields: {},
              tags: [],
              info: {},
            },
          },
        ],
      ]);
      expect((await team(s)).contacts).toEqual([]);
      // Nothing to withdraw any more.
      expect(await s.rejected({ type: 'UnshareContact', ...bob })).toMatchObject({
        code: 'TEAM_COPY_NOT_FOUND',
      });
      // An unshare sticks: changes to bob's copy share nothing until a share brings it back.
      await s.accepted({ type: 'ApplyTag', ...bob, tag: 'VIP' });
      await s.accepted({ type: 'SetSegment', ...bob, segmentId: 'partner' });
      expect((await team(s)).contacts).toEqual([]);
    });

    it('R-SHARE-8: a manager withdraws any team copy: its assignees are unassigned, and its deals drop it by events citing the withdrawal', async () => {
      const s = await shared(
        addContact('cat', 'c1', 'Ada'),
        { type: 'AssignUser', ...bob, userId: 'cat' },
        createEngagement('bob', 'd1', 'deal', 'Big deal'),
        onEngagement('bob', 'd1', 'AddMemberContact', { contactId: 'c1' }),
      );
      const events = await s.accepted({ type: 'UnshareContact', actor: 'mia', ...at });
      expect(typesOf(events)).toEqual(['ContactUnshared', 'UserUnassigned', 'MemberContactRemoved']);
      const [unshared, unassigned, dropped] = events;
      expect(unassigned?.data).toMatchObject({ userId: 'cat' });
      expect([dropped?.actor, dropped?.causationId]).toEqual(['mia', unshared?.id]);
      expect((await team(s)).contacts).toEqual([]);
      expect((await projectionsOf(s.rapport)).engagements('acme').get('d1')?.contacts).toEqual([]);
      // Nothing syncs any more: cat's copy keeps its values and has no prompt.
      const state = ok(await s.rapport.as('cat').syncState('acme', 'c1'));
      expect(state).toBeNull();
    });

    it('R-SHARE-8, R-SYNC-11: a withdrawal reacted to again after a share brought the team copy back drops it from no deal', async () => {
      const s = await shared(
        createEngagement('bob', 'd1', 'deal', 'Big deal'),
        onEngagement('bob', 'd1', 'AddMemberContact', { contactId: 'c1' }),
      );
      const [unshared] = await s.accepted({ type: 'UnshareContact', actor: 'mia', ...at });
      // Bob puts Ada on the deal again: that brings the team copy back (R-SHARE-1).
      const again = await s.accepted(onEngagement('bob', 'd1', 'AddMemberContact', { contactId: 'c1' }));
      expect(typesOf(again)).toEqual(['MemberContactAdded', 'ContactShared']);
      if (!ContactUnshared.is(unshared)) throw new Error('expected the withdrawal first');
      expect(unshareCommands(unshared, await projectionsOf(s.rapport))).toEqual([]);
      const replayed = createRapport({ store: s.store });
      expect(ok(await replayed.react()).pending).toBe(false);
      expect((await projectionsOf(replayed)).engagements('acme').get('d1')?.contacts).toEqual(['c1']);
    });

    it('R-SHARE-8: sharing again brings the team copy back as it was kept, with what the sharer changed since', async () => {
      const s = await shared({ type: 'SetStage', ...bob, stage: 'lead' });
      await s.accepted({ type: 'UnshareContact', ...bob });
      await s.accepted({ type: 'ApplyTag', ...bob, tag: 'VIP' });
      const events = await s.accepted({ type: 'ShareContact', ...bob });
      expect(events.map((event) => [event.type, event.data])).toMatchObject([
        ['ContactShared', { previous: { tags: [], stage: null }, team: { tags: ['VIP'], stage: 'lead' } }],
      ]);
      expect((await team(s)).contacts.map((c) => [c.name, c.stage, c.tags])).toEqual([
        ['Ada', 'lead', ['VIP']],
      ]);
      const timeline = await timelineOf(s);
      expect(timeline.filter((change) => change.field === 'shared').map((c) => [c.from, c.to])).toEqual([
        [true, false],
        [false, true],
      ]);
    });

    it('R-SHARE-8: a copy entering a business segment, an assignment or a deal brings a withdrawn team copy back; a stale reaction does not', async () => {
      const s = await shared();
      await s.accepted({ type: 'SetSegment', ...bob, segmentId: 'family' });
      expect((await team(s)).contacts).toEqual([]);
      const back = await s.accepted({ type: 'SetSegment', ...bob, segmentId: 'customer' });
      expect(typesOf(back)).toContain('ContactShared');
      expect((await team(s)).contacts.map((c) => c.contactId)).toEqual(['c1']);
      // Cat's copy enters a business segment while the team copy is there: nothing to share then.
      await s.given(addContact('cat', 'c1', 'Ada'), {
        type: 'SetSegment',
        actor: 'cat',
        ...at,
        segmentId: 'buyer',
      });
      await s.accepted({ type: 'UnshareContact', actor: 'mia', ...at });
      // A facade that carries every reaction out again from the start shares nothing back, though
      // cat's move, reacted to again, would find no team copy now.
      const again = createRapport({ store: s.store });
      expect(ok(await again.react()).pending).toBe(false);
      expect(ok(await again.as('ann').teamView('acme')).contacts).toEqual([]);
      const assigned = await s.accepted({ type: 'AssignUser', ...bob, userId: 'bob' });
      expect(typesOf(assigned)).toEqual(['UserAssigned', 'ContactShared']);
    });

    it('R-SHARE-1, R-SHARE-8: the policy shares a copy entering a business segment from none or a personal one, as its owner; nothing else, and nothing while the team copy is there or was withdrawn since', () => {
      const contact = evolveContact(initialContactState, {
        type: 'ContactAdded',
        data: { ...at, copy: { owner: 'user', userId: 'bob' }, kind: 'person', name: 'Ada' },
      });
      const moved = (copy: CopyRef, segment: string, segmentKind: 'business' | 'personal') => ({
        type: 'SegmentSet' as const,
        actor: 'mia',
        data: { ...at, copy, segment, segmentKind, previous: null },
      });
      const mine: CopyRef = { owner: 'user', userId: 'bob' };
      const fresh = { previousKind: undefined, withdrawnAfter: false };
      const share = [{ type: 'ShareContact', actor: 'bob', ...at }];
      expect(autoShare(moved(mine, 'customer', 'business'), contact, fresh)).toEqual(share);
      expect(
        autoShare(moved(mine, 'customer', 'business'), contact, { ...fresh, previousKind: 'personal' }),
      ).toEqual(share);
      expect(
        autoShare(moved(mine, 'customer', 'business'), contact, { ...fresh, previousKind: 'business' }),
      ).toEqual([]);
      expect(autoShare(moved(mine, 'family', 'personal'), contact, fresh)).toEqual([]);
      expect(autoShare(moved({ owner: 'team' }, 'customer', 'business'), contact, fresh)).toEqual([]);
      expect(
        autoShare(moved(mine, 'customer', 'business'), contact, { ...fresh, withdrawnAfter: true }),
      ).toEqual([]);
      const held = { ...contact, team: { ...emptyCopy('Ada'), segment: 'customer' } };
      expect(autoShare(moved(mine, 'customer', 'business'), held, fresh)).toEqual([]);
      const assigned = { type: 'UserAssigned' as const, actor: 'bob', data: { ...at, userId: 'cat' } };
      expect(autoShare(assigned, contact, fresh)).toEqual(share);
      expect(autoShare({ ...assigned, actor: 'cat' }, contact, fresh)).toEqual([]);
      const unassigned = { type: 'UserUnassigned' as const, actor: 'bob', data: { ...at, userId: 'cat' } };
      expect(autoShare(unassigned, contact, fresh)).toEqual([]);
    });

    it('R-SHARE-8, R-SYNC-7: a copy made while the team copy was withdrawn meets it when it comes back', async () => {
      const s = await shared();
      await s.accepted({ type: 'UnshareContact', ...bob });
      await s.given(addContact('cat', 'c1', 'Ada L.'), {
        type: 'SetSegment',
        actor: 'cat',
        ...at,
        segmentId: 'customer',
      });
      // Cat's business segment shares her copy: it brings the team copy back and meets it.
      expect((await team(s)).contacts.map((c) => c.name)).toEqual(['Ada']);
      const prompts = ok(await s.rapport.as('cat').syncState('acme', 'c1'))?.prompts ?? [];
      expect(prompts.map((prompt) => [prompt.kind, prompt.field, prompt.rule])).toEqual([
        ['resolve', 'name', 'R-SYNC-7'],
      ]);
    });
  });

  it('R-TEAM-3, R-SHARE-7: a removed member holds no team copy; added again, they hold it after their next exchange', async () => {
    const s = await scenario({
      given: [
        addContact('cat', 'c1', 'Ada'),
        { type: 'SetSegment', actor: 'cat', ...at, segmentId: 'customer' },
        addContact('bob', 'c1', 'Ada'),
      ],
    });
    expect(
      typesOf(await s.accepted({ type: 'RemoveMember', actor: 'ann', orgId: 'acme', userId: 'bob' })),
    ).toEqual(['MemberRemoved', 'TeamCopyReleased']);
    // Only a manager or an administrator releases, and only a former member's hold.
    expect(await s.rejected({ type: 'ReleaseTeamCopy', actor: 'cat', ...at, userId: 'bob' })).toMatchObject({
      code: 'RELEASE_NOT_ALLOWED',
      rule: 'R-TEAM-3',
    });
    expect(await s.accepted({ type: 'ReleaseTeamCopy', actor: 'mia', ...at, userId: 'bob' })).toEqual([]);
    await s.accepted({ type: 'AddMember', actor: 'ann', orgId: 'acme', userId: 'bob', role: 'member' });
    expect(await s.rejected({ type: 'ReleaseTeamCopy', actor: 'ann', ...at, userId: 'bob' })).toMatchObject({
      code: 'RELEASE_MEMBER',
      rule: 'R-TEAM-3',
    });
    expect(
      typesOf(await s.accepted({ type: 'SetSegment', actor: 'cat', ...at, segmentId: 'family' })),
    ).toContain('ContactUnshared');
  });
});
