import { describe, expect, it } from 'vitest';
import { addContact, createEngagement, defineField, scenario, typesOf } from '../testing/index.js';

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
});
