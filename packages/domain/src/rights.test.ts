import { describe, expect, it } from 'vitest';
import { addContact, scenario, typesOf } from './testing/index.js';

const at = { orgId: 'acme', contactId: 'c1' };

describe('R-AUTH: roles and rights', () => {
  it("R-AUTH-1: a user's commands change only their own copies", async () => {
    const s = await scenario();
    await s.accepted(addContact('bob', 'c1', 'Ada'));
    expect(await s.rejected({ type: 'SetStage', actor: 'cat', ...at, stage: 'lead' })).toMatchObject({
      code: 'CONTACT_NOT_FOUND',
      rule: 'R-AUTH-1',
    });
    await s.accepted(addContact('cat', 'c1', 'Ada L.'));
    const [event] = await s.accepted({ type: 'SetStage', actor: 'cat', ...at, stage: 'lead' });
    expect(event).toMatchObject({ data: { copy: { owner: 'user', userId: 'cat' } } });
    const bob = await s.rapport.as('bob').contact('acme', 'c1');
    expect(bob._tag === 'Right' && bob.right.mine).toMatchObject({ name: 'Ada', stage: null });
  });

  it('R-AUTH-2: settings need an administrator', async () => {
    const s = await scenario();
    const settings = [
      {
        type: 'DefineSegment',
        actor: 'mia',
        orgId: 'acme',
        segmentId: 'golf',
        name: 'Golf',
        kind: 'personal',
      },
      {
        type: 'DefineChecklist',
        actor: 'mia',
        orgId: 'acme',
        segmentId: 'customer',
        stage: 'lead',
        steps: [],
      },
      {
        type: 'DefineField',
        actor: 'bob',
        orgId: 'acme',
        definition: { fieldId: 'f', name: 'F', valueType: { type: 'text' }, appliesTo: ['person'] },
      },
      { type: 'DefineSection', actor: 'bob', orgId: 'acme', sectionId: 's', name: 'S' },
      { type: 'AddMember', actor: 'mia', orgId: 'acme', userId: 'zed', role: 'member' },
    ];
    for (const command of settings)
      expect(await s.rejected(command)).toMatchObject({ code: 'NOT_AN_ADMINISTRATOR', rule: 'R-AUTH-2' });
    for (const command of settings) await s.accepted({ ...command, actor: 'ann' });
  });

  it('R-AUTH-2: assigning is open to members; re-assigning or unassigning someone else needs a manager or an administrator', async () => {
    const s = await scenario({ given: [addContact('bob', 'c1', 'Ada')] });
    await s.accepted({ type: 'AssignUser', actor: 'bob', ...at, userId: 'cat' });
    expect(await s.rejected({ type: 'AssignUser', actor: 'bob', ...at, userId: 'mia' })).toMatchObject({
      code: 'REASSIGN_NOT_ALLOWED',
      rule: 'R-AUTH-2',
    });
    await s.accepted({ type: 'AssignUser', actor: 'bob', ...at, userId: 'bob' });
    expect(await s.rejected({ type: 'UnassignUser', actor: 'bob', ...at, userId: 'cat' })).toMatchObject({
      code: 'UNASSIGN_NOT_ALLOWED',
      rule: 'R-AUTH-2',
    });
    await s.accepted({ type: 'UnassignUser', actor: 'bob', ...at, userId: 'bob' });
    expect(typesOf(await s.accepted({ type: 'UnassignUser', actor: 'mia', ...at, userId: 'cat' }))).toEqual([
      'UserUnassigned',
    ]);
    await s.accepted({ type: 'AssignUser', actor: 'bob', ...at, userId: 'cat' });
    await s.accepted({ type: 'AssignUser', actor: 'mia', ...at, userId: 'ann' });
  });

  it('R-AUTH-3: only members read or change the team view; a removed member loses access from that event on', async () => {
    const s = await scenario({
      given: [
        addContact('bob', 'c1', 'Ada'),
        { type: 'SetSegment', actor: 'bob', ...at, segmentId: 'customer' },
      ],
    });
    expect((await s.rapport.as('bob').teamView('acme'))._tag).toBe('Right');
    expect((await s.rapport.as('zed').teamView('acme'))._tag).toBe('Left');
    const [removed] = await s.accepted({ type: 'RemoveMember', actor: 'ann', orgId: 'acme', userId: 'bob' });
    expect(removed).toMatchObject({ type: 'MemberRemoved', data: { previous: 'member' } });
    const read = await s.rapport.as('bob').teamView('acme');
    expect(read._tag === 'Left' && read.left).toMatchObject({ code: 'NOT_A_MEMBER', rule: 'R-AUTH-3' });
    expect(await s.rejected({ type: 'SetStage', actor: 'bob', ...at, stage: 'lead' })).toMatchObject({
      code: 'NOT_A_MEMBER',
      rule: 'R-AUTH-3',
    });
    expect(
      await s.rejected({ type: 'ApplyTag', actor: 'bob', ...at, target: 'team', tag: 'x' }),
    ).toMatchObject({ rule: 'R-AUTH-3' });
    expect(await s.rejected({ type: 'AssignUser', actor: 'ann', ...at, userId: 'bob' })).toMatchObject({
      rule: 'R-TEAM-1',
    });
  });

  it('D-ORG-3: the last administrator can be neither removed nor demoted', async () => {
    const s = await scenario();
    expect(
      await s.rejected({ type: 'RemoveMember', actor: 'ann', orgId: 'acme', userId: 'ann' }),
    ).toMatchObject({ code: 'LAST_ADMINISTRATOR' });
    expect(
      await s.rejected({
        type: 'ChangeMemberRole',
        actor: 'ann',
        orgId: 'acme',
        userId: 'ann',
        role: 'member',
      }),
    ).toMatchObject({ code: 'LAST_ADMINISTRATOR' });
    await s.accepted({
      type: 'ChangeMemberRole',
      actor: 'ann',
      orgId: 'acme',
      userId: 'mia',
      role: 'administrator',
    });
    await s.accepted({ type: 'RemoveMember', actor: 'mia', orgId: 'acme', userId: 'ann' });
  });

  it('D-ORG-1: an organization is created once; its creator is its first administrator', async () => {
    const s = await scenario({ members: false });
    expect(
      typesOf(await s.accepted({ type: 'CreateOrganization', actor: 'ann', orgId: 'acme', name: 'Acme' })),
    ).toEqual(['OrganizationCreated', 'MemberAdded']);
    expect(
      await s.rejected({ type: 'CreateOrganization', actor: 'bob', orgId: 'acme', name: 'Mine' }),
    ).toMatchObject({ code: 'ORGANIZATION_EXISTS' });
    expect(
      await s.rejected({
        type: 'AddContact',
        actor: 'ann',
        orgId: 'nowhere',
        contactId: 'c1',
        kind: 'person',
        name: 'A',
      }),
    ).toMatchObject({ code: 'ORGANIZATION_NOT_FOUND' });
  });
});
