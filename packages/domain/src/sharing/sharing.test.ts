import { describe, expect, it } from 'vitest';
import { addContact, createEngagement, ok, onEngagement, scenario, typesOf } from '../testing/index.js';
import { projectionsOf } from '../testing/projections.js';
import { createRapport } from '../rapport/facade.js';

const at = { orgId: 'acme', contactId: 'c1' };
const bob = { actor: 'bob', ...at };

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
});
