import { describe, expect, it } from 'vitest';
import { removalCommands } from '../organization/removal.js';
import {
  addContact,
  createEngagement,
  defineField,
  ok,
  onEngagement,
  projectionsOf,
  scenario,
  typesOf,
} from '../testing/index.js';

const deal = { orgId: 'acme', engagementId: 'd1' };

describe('R-TEAM: assignment, projects and deals', () => {
  it('R-TEAM-1: members are assigned to a team contact, several at once; a non-member is rejected', async () => {
    const s = await scenario();
    await s.given(addContact('mia', 'c1', 'Ada'), {
      type: 'SetSegment',
      actor: 'mia',
      orgId: 'acme',
      contactId: 'c1',
      segmentId: 'customer',
    });
    await s.accepted({ type: 'AssignUser', actor: 'mia', orgId: 'acme', contactId: 'c1', userId: 'bob' });
    await s.accepted({ type: 'AssignUser', actor: 'mia', orgId: 'acme', contactId: 'c1', userId: 'cat' });
    expect(
      await s.accepted({ type: 'AssignUser', actor: 'mia', orgId: 'acme', contactId: 'c1', userId: 'cat' }),
    ).toEqual([]);
    expect(
      await s.rejected({ type: 'AssignUser', actor: 'mia', orgId: 'acme', contactId: 'c1', userId: 'zed' }),
    ).toMatchObject({ code: 'ASSIGNEE_NOT_MEMBER', rule: 'R-TEAM-1' });
    const team = await s.rapport.as('bob').teamView('acme');
    expect(team._tag === 'Right' && team.right.contacts[0]?.assignees).toEqual(['bob', 'cat']);
    const mine = await s.rapport.as('mia').myPeople('acme');
    expect(mine._tag === 'Right' && mine.right.contacts[0]?.assignees).toEqual(['bob', 'cat']);
  });

  it('R-TEAM-3: removing a member unassigns them from every contact and takes them off every team, by events that cite the removal; archiving is no longer blocked', async () => {
    const s = await scenario();
    const c1 = { orgId: 'acme', contactId: 'c1' };
    await s.given(
      addContact('mia', 'c1', 'Ada'),
      { type: 'SetSegment', actor: 'mia', ...c1, segmentId: 'customer' },
      { type: 'AssignUser', actor: 'mia', ...c1, userId: 'bob' },
      { type: 'AssignUser', actor: 'mia', ...c1, userId: 'cat' },
      addContact('mia', 'c2', 'Bea'),
      { type: 'SetSegment', actor: 'mia', orgId: 'acme', contactId: 'c2', segmentId: 'customer' },
      createEngagement('bob', 'd1'),
      onEngagement('bob', 'd1', 'AddTeamMember', { userId: 'cat' }),
      createEngagement('cat', 'd2'),
    );
    const events = await s.accepted({ type: 'RemoveMember', actor: 'ann', orgId: 'acme', userId: 'bob' });
    const removal = events[0]!;
    expect(removal.type).toBe('MemberRemoved');
    const followUps = events.filter(
      (event) => event.type === 'UserUnassigned' || event.type === 'TeamMemberRemoved',
    );
    expect(followUps.map((event) => [event.type, event.data])).toEqual([
      ['UserUnassigned', { ...c1, userId: 'bob' }],
      ['TeamMemberRemoved', { ...deal, userId: 'bob' }],
    ]);
    for (const event of followUps)
      expect(event).toMatchObject({
        actor: 'ann',
        causationId: removal.id,
        correlationId: removal.correlationId,
      });
    const team = ok(await s.rapport.as('cat').teamView('acme'));
    expect(team.contacts.find((contact) => contact.contactId === 'c1')?.assignees).toEqual(['cat']);
    // Nothing the former member held blocks archiving (R-ARCH-1) once cat is unassigned too.
    await s.given(
      { type: 'UnassignUser', actor: 'mia', ...c1, userId: 'cat' },
      { type: 'SetStage', actor: 'mia', ...c1, stage: 'inactive' },
    );
    expect(typesOf(await s.accepted({ type: 'ArchiveContact', actor: 'mia', ...c1 }))).toEqual([
      'ContactArchived',
    ]);
    // d2, whose team bob was never on, is left as it was.
    expect(typesOf(await s.store.readStream('engagement-acme/d2'))).toEqual([
      'EngagementCreated',
      'TeamMemberAdded',
    ]);
  });

  it('R-TEAM-3: an administrator who removes themselves leaves their assignments to another administrator to undo; a member added again keeps what they hold', async () => {
    const s = await scenario();
    const c1 = { orgId: 'acme', contactId: 'c1' };
    await s.given(
      { type: 'ChangeMemberRole', actor: 'ann', orgId: 'acme', userId: 'mia', role: 'administrator' },
      addContact('mia', 'c1', 'Ada'),
      { type: 'SetSegment', actor: 'mia', ...c1, segmentId: 'customer' },
      { type: 'AssignUser', actor: 'mia', ...c1, userId: 'mia' },
    );
    const events = await s.accepted({ type: 'RemoveMember', actor: 'mia', orgId: 'acme', userId: 'mia' });
    // Mia shared the contact, so held its team copy: that ends too (R-SHARE-7).
    expect(events.slice(1).map((event) => [event.type, event.actor, event.causationId])).toEqual([
      ['UserUnassigned', 'ann', events[0]!.id],
      ['TeamCopyReleased', 'ann', events[0]!.id],
    ]);
    // A removal reacted to when its member is back (bob is a member) unassigns nothing.
    await s.accepted({ type: 'AssignUser', actor: 'ann', ...c1, userId: 'bob' });
    const removal = {
      type: 'MemberRemoved' as const,
      actor: 'ann',
      data: { orgId: 'acme', userId: 'bob', previous: 'member' as const },
    };
    expect(removalCommands(removal, await projectionsOf(s.rapport))).toEqual([]);
  });

  it('R-TEAM-2: projects and deals have a team and member contacts, and move through the stages', async () => {
    const s = await scenario();
    expect(typesOf(await s.accepted(createEngagement('bob', 'd1', 'deal', 'Big deal')))).toEqual([
      'EngagementCreated',
      'TeamMemberAdded',
    ]);
    await s.accepted({ type: 'AddTeamMember', actor: 'bob', ...deal, userId: 'cat' });
    expect(await s.rejected({ type: 'AddTeamMember', actor: 'bob', ...deal, userId: 'zed' })).toMatchObject({
      rule: 'R-TEAM-2',
    });
    await s.accepted(addContact('bob', 'c1', 'Initech', 'company'));
    await s.accepted({ type: 'AddMemberContact', actor: 'bob', ...deal, contactId: 'c1' });
    expect(
      await s.rejected({ type: 'AddMemberContact', actor: 'bob', ...deal, contactId: 'ghost' }),
    ).toMatchObject({ code: 'CONTACT_NOT_FOUND' });
    for (const stage of ['potential', 'active', 'inactive']) {
      const [event] = await s.accepted({ type: 'SetEngagementStage', actor: 'cat', ...deal, stage });
      expect(event).toMatchObject({ type: 'EngagementStageSet', data: { stage } });
    }
    await s.accepted(defineField('closing', 'Closing', { type: 'date' }, { appliesTo: ['deal'] }));
    await s.accepted({
      type: 'SetEngagementFieldValue',
      actor: 'cat',
      ...deal,
      fieldId: 'closing',
      value: '2026-03-31',
    });
    await s.accepted({ type: 'RemoveTeamMember', actor: 'bob', ...deal, userId: 'cat' });
    expect(
      await s.rejected({ type: 'SetEngagementStage', actor: 'cat', ...deal, stage: 'lost' }),
    ).toMatchObject({ code: 'NOT_ON_TEAM', rule: 'D-ENG-1' });
    const team = await s.rapport.as('ann').teamView('acme');
    expect(team._tag === 'Right' && team.right.engagements[0]).toMatchObject({
      kind: 'deal',
      stage: 'inactive',
      team: ['bob'],
      contacts: ['c1'],
      fields: { closing: { type: 'date', value: '2026-03-31' } },
    });
    expect(team._tag === 'Right' && team.right.contacts[0]?.engagements).toEqual(['d1']);
    await s.accepted({ type: 'RemoveMemberContact', actor: 'mia', ...deal, contactId: 'c1' });
    const after = await s.rapport.as('bob').contact('acme', 'c1');
    expect(after._tag === 'Right' && after.right.mine?.engagements).toEqual([]);
  });

  it('R-TEAM-5: renaming, re-staging or archiving the team copy directly needs a manager, an administrator or an assignee; other members go through their own copy', async () => {
    const s = await scenario();
    const ada = { orgId: 'acme', contactId: 'ada' };
    await s.given(
      addContact('bob', 'ada', 'Ada'),
      { type: 'SetSegment', actor: 'bob', ...ada, segmentId: 'customer' },
      { type: 'SetStage', actor: 'bob', ...ada, stage: 'inactive' },
    );
    const before = (await s.store.readStream('contact-acme/ada')).length;
    // bob shared Ada, but he is a member and not her assignee: the team copy is not his to change.
    for (const command of [
      { type: 'RenameContact', actor: 'bob', ...ada, name: 'Ada King', target: 'team' },
      { type: 'SetStage', actor: 'bob', ...ada, stage: 'lost', target: 'team' },
      { type: 'ArchiveContact', actor: 'bob', ...ada, target: 'team' },
      { type: 'ApplyTag', actor: 'cat', ...ada, tag: 'VIP', target: 'team' },
    ])
      expect(await s.rejected(command)).toMatchObject({ code: 'TEAM_COPY_FORBIDDEN', rule: 'R-TEAM-5' });
    expect((await s.store.readStream('contact-acme/ada')).length).toBe(before);
    // A manager may; so may an assignee, once assigned.
    await s.accepted({ type: 'RenameContact', actor: 'mia', ...ada, name: 'Ada King', target: 'team' });
    await s.accepted({ type: 'AssignUser', actor: 'mia', ...ada, userId: 'cat' });
    await s.accepted({ type: 'SetStage', actor: 'cat', ...ada, stage: 'lost', target: 'team' });
    expect(ok(await s.rapport.as('bob').teamView('acme')).contacts[0]).toMatchObject({
      name: 'Ada King',
      stage: 'lost',
    });
    // bob still changes his own copy, and the change reaches the team as his scenario says (R-SYNC).
    await s.accepted({ type: 'RenameContact', actor: 'bob', ...ada, name: 'Ada Lovelace' });
    expect(ok(await s.rapport.as('bob').prompts('acme'))).toContainEqual(
      expect.objectContaining({ contactId: 'ada', field: 'name', kind: 'send' }),
    );
  });

  it('R-ARCH-3: a team copy that is a member contact of an open project or deal cannot be archived; the rejection names it', async () => {
    const s = await scenario();
    const ada = { orgId: 'acme', contactId: 'ada' };
    await s.given(
      addContact('bob', 'ada', 'Ada'),
      { type: 'SetSegment', actor: 'bob', ...ada, segmentId: 'customer' },
      { type: 'SetStage', actor: 'bob', ...ada, stage: 'inactive' },
      createEngagement('mia', 'd1', 'deal', 'Renewal'),
      onEngagement('mia', 'd1', 'SetEngagementStage', { stage: 'active' }),
      onEngagement('mia', 'd1', 'AddMemberContact', { contactId: 'ada' }),
      createEngagement('mia', 'p1', 'project', 'Rollout'),
      onEngagement('mia', 'p1', 'AddMemberContact', { contactId: 'ada' }),
    );
    const refused = await s.rejected({ type: 'ArchiveContact', actor: 'mia', ...ada, target: 'team' });
    expect(refused).toMatchObject({ code: 'ARCHIVE_OPEN_ENGAGEMENT', rule: 'R-ARCH-3' });
    // The deal is open; the project, with no stage, is not.
    expect(refused.message).toContain('the deal "Renewal" (d1, active)');
    expect(refused.message).not.toContain('p1');
    // A user's own copy is not the team copy: bob archives his.
    expect(typesOf(await s.accepted({ type: 'ArchiveContact', actor: 'bob', ...ada }))).toEqual([
      'ContactArchived',
    ]);
    // Once the deal is closed, the team copy can be archived.
    await s.accepted({ type: 'SetEngagementStage', actor: 'mia', ...deal, stage: 'lost' });
    expect(
      typesOf(await s.accepted({ type: 'ArchiveContact', actor: 'mia', ...ada, target: 'team' })),
    ).toEqual(['ContactArchived']);
  });
});
