/**
 * Tests of the reference model itself (`model.ts`): one small hand-worked story per rule of SPEC
 * sections 7, 8, 9 and 12 (and a few neighbours), then a property over random action sequences.
 */
import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Action, ModelState, Role, Stage } from './model.js';
import {
  initialModel,
  myPeople,
  privacyHolds,
  privatePrompts,
  prompts,
  scenario,
  settle,
  step,
  teamView,
} from './model.js';

// ---------------------------------------------------------------- a small vocabulary for stories

/** Action builders, one a line: `u` is the actor, `c` the contact (c1 unless given). */
// prettier-ignore
const build = {
  member: (u: string, user: string, role: Role): Action => ({ kind: 'addMember', actor: u, user, role }),
  add: (u: string, c = 'c1', name = 'Ann'): Action => ({ kind: 'addContact', actor: u, contactId: c, name }),
  seg: (u: string, segment: string | null, c = 'c1'): Action => ({ kind: 'setSegment', actor: u, contactId: c, segment }),
  stage: (u: string, s: Stage | null, c = 'c1'): Action => ({ kind: 'setStage', actor: u, contactId: c, stage: s }),
  rename: (u: string, name: string, c = 'c1'): Action => ({ kind: 'rename', actor: u, contactId: c, name }),
  info: (u: string, itemId: string, value: string, personal = false, c = 'c1'): Action =>
    ({ kind: 'setInfo', actor: u, contactId: c, itemId, value, personal }),
  tag: (u: string, t: string, c = 'c1'): Action => ({ kind: 'applyTag', actor: u, contactId: c, tag: t }),
  share: (u: string, c = 'c1'): Action => ({ kind: 'share', actor: u, contactId: c }),
  unshare: (u: string, c = 'c1'): Action => ({ kind: 'unshare', actor: u, contactId: c }),
  assign: (u: string, who: string, c = 'c1'): Action => ({ kind: 'assign', actor: u, contactId: c, assignee: who }),
  unassign: (u: string, who: string, c = 'c1'): Action => ({ kind: 'unassign', actor: u, contactId: c, assignee: who }),
  deal: (u: string, id = 'd1', k: 'project' | 'deal' = 'deal'): Action => ({ kind: 'createEngagement', actor: u, engagementId: id, engagementKind: k }),
  offTeam: (u: string, user: string, id = 'd1'): Action => ({ kind: 'removeTeamMember', actor: u, engagementId: id, user }),
  withoutContact: (u: string, c = 'c1', id = 'd1'): Action => ({ kind: 'removeMemberContact', actor: u, engagementId: id, contactId: c }),
  untag: (u: string, t: string, c = 'c1'): Action => ({ kind: 'removeTag', actor: u, contactId: c, tag: t }),
  removeInfo: (u: string, itemId: string, c = 'c1'): Action => ({ kind: 'removeInfo', actor: u, contactId: c, itemId }),
  onTeam: (u: string, user: string, id = 'd1'): Action => ({ kind: 'addTeamMember', actor: u, engagementId: id, user }),
  withContact: (u: string, c = 'c1', id = 'd1'): Action => ({ kind: 'addMemberContact', actor: u, engagementId: id, contactId: c }),
  dealStage: (u: string, s: Stage | null, id = 'd1'): Action => ({ kind: 'setEngagementStage', actor: u, engagementId: id, stage: s }),
  archive: (u: string, c = 'c1'): Action => ({ kind: 'archive', actor: u, contactId: c }),
  restore: (u: string, c = 'c1'): Action => ({ kind: 'restore', actor: u, contactId: c }),
  accept: (u: string, field: string, c = 'c1'): Action => ({ kind: 'accept', actor: u, contactId: c, field }),
  send: (u: string, field: string, c = 'c1'): Action => ({ kind: 'send', actor: u, contactId: c, field }),
  resolve: (u: string, field: string, keep: 'mine' | 'theirs', c = 'c1'): Action => ({ kind: 'resolve', actor: u, contactId: c, field, keep }),
  teamRename: (u: string, name: string, c = 'c1'): Action => ({ kind: 'teamRename', actor: u, contactId: c, name }),
  teamStage: (u: string, s: Stage | null, c = 'c1'): Action => ({ kind: 'teamSetStage', actor: u, contactId: c, stage: s }),
  teamArchive: (u: string, c = 'c1'): Action => ({ kind: 'teamArchive', actor: u, contactId: c }),
};
const { member, add, seg, stage, rename, info, tag, share, unshare, assign, unassign, deal } = build;
const { onTeam, withContact, dealStage, archive, restore, accept, send, resolve, teamRename, teamStage } =
  build;
const { teamArchive, offTeam, withoutContact, untag, removeInfo } = build;

function run(state: ModelState, ...actions: Action[]): ModelState {
  for (const a of actions) {
    const r = step(state, a);
    if (!r.accepted) throw new Error(`${JSON.stringify(a)} was rejected: ${r.reason ?? ''}`);
    state = r.state;
  }
  return state;
}
function rejected(state: ModelState, a: Action): string {
  const r = step(state, a);
  expect(r.accepted).toBe(false);
  expect(r.state).toBe(state);
  return r.reason ?? '';
}
/** u0 administrator, u1 and u2 members, u3 manager. */
const org = (): ModelState =>
  run(
    initialModel(),
    member('u0', 'u1', 'member'),
    member('u0', 'u2', 'member'),
    member('u0', 'u3', 'manager'),
  );

const mine = (s: ModelState, user: string, cid = 'c1') => myPeople(s, user).get(cid);
const team = (s: ModelState, cid = 'c1') => teamView(s).get(cid);
const p = (contactId: string, field: string, kind: 'accept' | 'send' | 'resolve') => ({
  contactId,
  field,
  kind,
});

/** u1 shares 'Ann' as an active customer; u2 adds the same contact and meets it (same name). */
const sharedWithU2 = (): ModelState =>
  run(org(), add('u1'), stage('u1', 'active'), seg('u1', 'customer'), add('u2'));

// ---------------------------------------------------------------- 7. Sharing

describe('the reference model, 7. Sharing (R-SHARE)', () => {
  it('R-SHARE-1: a business-segment copy is auto-shared; a copy with no segment is not', () => {
    let s = run(org(), add('u1'), stage('u1', 'lead'));
    expect(teamView(s).size).toBe(0);
    s = run(s, seg('u1', 'customer'));
    expect(team(s)).toMatchObject({ name: 'Ann', segment: 'customer', stage: 'lead', assignees: [] });
  });

  it('R-SHARE-1: a member contact of a project or deal is auto-shared', () => {
    const s = run(org(), add('u1'), deal('u1'), withContact('u1'));
    expect(team(s)?.name).toBe('Ann');
    expect(s.engagements.get('d1')?.contacts.has('c1')).toBe(true);
  });

  it('R-SHARE-1: an assigned contact is auto-shared', () => {
    const s = run(org(), add('u1'), assign('u1', 'u2'));
    expect(team(s)).toMatchObject({ name: 'Ann', assignees: ['u2'] });
  });

  it('R-SHARE-2: a personal-segment copy is never shared, by command or automatically', () => {
    const s = run(org(), add('u1'), seg('u1', 'family'), deal('u1'));
    expect(rejected(s, share('u1'))).toMatch(/personal segment/);
    expect(rejected(s, withContact('u1'))).toMatch(/personal segment/);
    expect(rejected(s, assign('u1', 'u2'))).toMatch(/personal segment/);
    expect(teamView(s).size).toBe(0);
  });

  it('R-SHARE-3: contact information labeled personal is never copied to the team view', () => {
    const s = run(
      org(),
      add('u1'),
      info('u1', 'home', 'ann@home', true),
      info('u1', 'work', 'ann@work'),
      seg('u1', 'partner'),
    );
    expect([...(team(s)?.info.keys() ?? [])]).toEqual(['work']);
    expect(mine(s, 'u1')?.info.get('home')).toEqual({ value: 'ann@home', personal: true });
  });

  it("R-SHARE-4: sharing creates the team copy from the user's copy, and the user's copy stays", () => {
    const before = run(
      org(),
      add('u1'),
      tag('u1', 'VIP'),
      info('u1', 'e1', 'a@x'),
      info('u1', 'e2', 'a@home', true),
    );
    const s = run(before, share('u1'));
    expect(team(s)).toEqual({
      name: 'Ann',
      segment: null,
      stage: null,
      tags: ['VIP'],
      info: new Map([['e1', { value: 'a@x', personal: false }]]),
      archived: false,
      assignees: [],
    });
    expect(myPeople(s, 'u1')).toEqual(myPeople(before, 'u1'));
  });

  it('R-SHARE-5: withdrawals keep the team view free of personal contacts and personal values', () => {
    let s = run(sharedWithU2(), info('u1', 'e1', 'ann@x'), assign('u3', 'u1'));
    expect(team(s)?.info.has('e1')).toBe(true);
    s = run(s, info('u1', 'e1', 'ann@x', true));
    expect(team(s)?.info.has('e1')).toBe(false);
    expect(privacyHolds(s)).toBe(true);
    s = run(s, unassign('u3', 'u1'), seg('u1', 'friend'));
    expect(privacyHolds(s)).toBe(true);
    expect(team(s)?.segment).not.toBe('friend');
  });

  it('R-SHARE-6: labeling a shared item personal withdraws it from the team copy; others keep theirs', () => {
    let s = run(org(), add('u1'), info('u1', 'e1', 'ann@x'), share('u1'), add('u2'));
    expect(mine(s, 'u2')?.info.get('e1')).toEqual({ value: 'ann@x', personal: false }); // filled at first meeting
    const labelSeq = s.clock + 1;
    s = run(s, info('u1', 'e1', 'ann@x', true));
    expect(team(s)?.info.has('e1')).toBe(false);
    const withdrawal = s.log.find((e) => e.what.startsWith('withdraw') && e.field === 'info:e1');
    expect(withdrawal?.causation).toBe(labelSeq); // cites the label change
    expect(mine(s, 'u2')?.info.get('e1')).toEqual({ value: 'ann@x', personal: false });
    // Not a divergence: never sent back automatically, nor offered in a prompt.
    s = run(s, assign('u3', 'u2'), info('u1', 'e1', 'ann@x', false));
    expect(team(s)?.info.has('e1')).toBe(false);
    expect(prompts(s, 'u1')).toEqual([]);
    expect(prompts(s, 'u2')).toEqual([]);
    // A holder shares it again only by an explicit command.
    s = run(s, send('u2', 'info:e1'));
    expect(team(s)?.info.get('e1')).toEqual({ value: 'ann@x', personal: false });
  });

  it('R-SHARE-7: moving to a personal segment withdraws a team copy no one else holds', () => {
    let s = run(org(), add('u2'), add('u1'), share('u1'));
    expect(team(s)).toBeDefined(); // u2 met it with equal values: no exchange, so u2 does not hold it
    const moveSeq = s.clock + 1;
    s = run(s, seg('u1', 'family'));
    expect(team(s)).toBeUndefined();
    expect(s.log.find((e) => e.what === 'withdraw (R-SHARE-7)')?.causation).toBe(moveSeq);
    expect(mine(s, 'u2')?.name).toBe('Ann');
  });

  it('R-SHARE-7: the team copy stays with another holder (exchange, assignment or project), and no flow reaches the personal copy', () => {
    const exchanged = run(
      org(),
      add('u1'),
      seg('u1', 'customer'),
      add('u2'),
      tag('u2', 'vip'),
      send('u2', 'tag:vip'),
    );
    const assigned = run(org(), add('u1'), seg('u1', 'customer'), assign('u1', 'u2'));
    const inDeal = run(org(), add('u1'), seg('u1', 'customer'), deal('u1'), withContact('u1'));
    for (const start of [exchanged, assigned, inDeal]) {
      let s = run(start, seg('u1', 'family'));
      expect(team(s)?.segment).toBe('customer');
      s = run(s, rename('u1', 'Annie'), teamRename('u3', 'Ann Lee'));
      expect(team(s)?.name).toBe('Ann Lee');
      expect(mine(s, 'u1')?.name).toBe('Annie');
      expect(prompts(s, 'u1')).toEqual([]);
    }
  });

  it('R-SHARE-8: the sharer alone unshares; withdrawn is not erased, and sharing again brings it back', () => {
    let s = run(org(), add('u1'), share('u1'), add('u2'), rename('u2', 'Annie'));
    expect(rejected(s, unshare('u2'))).toMatch(/sharer/);
    s = run(s, unshare('u1'));
    expect(teamView(s).size).toBe(0);
    expect(s.log.some((e) => e.what === 'share')).toBe(true); // history keeps it
    s = run(s, share('u1'));
    expect(team(s)?.name).toBe('Ann');
  });

  it('R-SHARE-8: a sharer cannot unshare what others hold; a manager may withdraw any team copy', () => {
    let s = run(org(), add('u1'), share('u1'), assign('u1', 'u2'));
    expect(rejected(s, unshare('u1'))).toMatch(/u2/);
    s = run(s, unshare('u3'));
    expect(teamView(s).size).toBe(0);
    expect(s.team.get('c1')?.assignees.size).toBe(0);
  });

  it("R-SHARE-9: sharing again sends only the user's own changes; team changes and conflicts stay prompts", () => {
    let s = run(org(), add('u1'), share('u1'), assign('u1', 'u3'));
    s = run(s, tag('u1', 'vip'), rename('u1', 'Ann B'), teamStage('u3', 'lead'), teamRename('u3', 'Anne'));
    expect(prompts(s, 'u1')).toEqual([
      p('c1', 'name', 'resolve'),
      p('c1', 'stage', 'accept'),
      p('c1', 'tag:vip', 'send'),
    ]);
    s = run(s, share('u1'));
    expect(team(s)).toMatchObject({ name: 'Anne', stage: 'lead', tags: ['vip'] });
    expect(prompts(s, 'u1')).toEqual([p('c1', 'name', 'resolve'), p('c1', 'stage', 'accept')]);
  });
});

// ---------------------------------------------------------------- 8. Assignment, projects and deals

describe('the reference model, 8. Assignment, projects and deals (R-TEAM)', () => {
  it('R-TEAM-1: a contact may have several assignees; assigning a non-member is rejected', () => {
    const s = run(org(), add('u1'), share('u1'), assign('u1', 'u1'), assign('u2', 'u2'));
    expect(team(s)?.assignees).toEqual(['u1', 'u2']);
    expect(rejected(s, assign('u1', 'stranger'))).toMatch(/member/);
  });

  it('R-TEAM-2: a deal has a team and member contacts, and moves through the stages; its team syncs in scenario A', () => {
    let s = run(
      sharedWithU2(),
      deal('u3'),
      onTeam('u3', 'u2'),
      withContact('u3'),
      dealStage('u3', 'potential'),
    );
    s = run(s, dealStage('u2', 'active'));
    expect(s.engagements.get('d1')).toMatchObject({ kind: 'deal', stage: 'active' });
    expect(scenario(s, 'u2', 'c1')).toBe('A');
    s = run(s, rename('u2', 'Ann Lee'));
    expect(team(s)?.name).toBe('Ann Lee');
    expect(rejected(s, dealStage('u1', 'lost'))).toMatch(/team/);
  });

  it('R-TEAM-3: removing a member unassigns them and takes them off every team, citing the removal; archiving is no longer blocked', () => {
    let s = run(org(), add('u1'), share('u1'), assign('u1', 'u2'), deal('u3'), onTeam('u3', 'u2'));
    expect(rejected(s, archive('u1'))).toMatch(/assigned/);
    const removalSeq = s.clock + 1;
    s = run(s, { kind: 'removeMember', actor: 'u0', user: 'u2' });
    expect(team(s)?.assignees).toEqual([]);
    expect(s.engagements.get('d1')?.team.has('u2')).toBe(false);
    const followUps = s.log.filter((e) => e.seq > removalSeq);
    expect(followUps.map((e) => e.what).sort()).toEqual(['remove team member', 'unassign']);
    expect(followUps.every((e) => e.causation === removalSeq)).toBe(true);
    s = run(s, archive('u1'));
    expect(mine(s, 'u1')?.archived).toBe(true);
  });

  it('R-TEAM-4: assigning a user whose copy is personal is accepted; they are prompted, and nothing flows until they choose', () => {
    let s = run(org(), add('u2', 'c1', 'Annie'), seg('u2', 'friend'), add('u1'), seg('u1', 'customer'));
    s = run(s, assign('u1', 'u2'));
    expect(privatePrompts(s, 'u2')).toEqual(['c1']);
    s = run(s, teamRename('u3', 'Ann Lee'), rename('u2', 'Annie B'));
    expect(mine(s, 'u2')?.name).toBe('Annie B');
    expect(team(s)?.name).toBe('Ann Lee');
    s = run(s, seg('u2', 'customer'));
    expect(privatePrompts(s, 'u2')).toEqual([]);
    expect(prompts(s, 'u2')).toEqual([p('c1', 'name', 'resolve')]); // a first meeting (R-SYNC-7)
  });

  it('R-TEAM-5: only a manager, an administrator or an assignee changes the team copy directly', () => {
    let s = run(sharedWithU2());
    expect(rejected(s, teamRename('u2', 'X'))).toMatch(/R-TEAM-5/);
    expect(rejected(s, teamStage('u2', 'lost'))).toMatch(/R-TEAM-5/);
    expect(rejected(s, teamArchive('u2'))).toMatch(/R-TEAM-5/);
    s = run(s, teamRename('u3', 'Ann Lee'), assign('u2', 'u2'), teamRename('u2', 'Ann L.'));
    expect(team(s)?.name).toBe('Ann L.');
  });

  it('R-AUTH-2: assigning is open to members; unassigning someone else needs a manager', () => {
    const s = run(sharedWithU2(), assign('u2', 'u1'));
    expect(rejected(s, unassign('u2', 'u1'))).toMatch(/manager/);
    expect(team(run(s, unassign('u3', 'u1')))?.assignees).toEqual([]);
  });
});

// ---------------------------------------------------------------- 9. Sync

describe('the reference model, 9. Sync between My People and the team view (R-SYNC)', () => {
  it('R-SYNC-1: scenario A syncs both ways with no prompt', () => {
    let s = run(sharedWithU2(), assign('u3', 'u1'), deal('u3'), onTeam('u3', 'u2'), withContact('u3'));
    s = run(s, rename('u1', 'Ann Lee'), tag('u2', 'Golf'));
    for (const u of ['u1', 'u2']) expect(mine(s, u)).toMatchObject({ name: 'Ann Lee', tags: ['Golf'] });
    expect(team(s)).toMatchObject({ name: 'Ann Lee', tags: ['Golf'] });
    expect([...prompts(s, 'u1'), ...prompts(s, 'u2')]).toEqual([]);
  });

  it('R-SYNC-1: when both sides changed a field, the later change wins in scenario A', () => {
    const base = run(org(), add('u1'), share('u1'), add('u2'));
    const teamLater = run(base, rename('u2', 'Mine'), teamRename('u3', 'Theirs'), assign('u3', 'u2'));
    expect([mine(teamLater, 'u2')?.name, team(teamLater)?.name]).toEqual(['Theirs', 'Theirs']);
    const mineLater = run(base, teamRename('u3', 'Theirs'), rename('u2', 'Mine'), assign('u3', 'u2'));
    expect([mine(mineLater, 'u2')?.name, team(mineLater)?.name]).toEqual(['Mine', 'Mine']);
    expect(mineLater.log.some((e) => e.from === 'Theirs' && e.to === 'Mine' && 'team' in e.place)).toBe(true);
  });

  it("R-SYNC-2: scenario B imports team changes and prompts to send the user's own", () => {
    let s = sharedWithU2();
    expect(mine(s, 'u2')).toMatchObject({ segment: 'customer', stage: 'active' }); // filled at first meeting
    expect(scenario(s, 'u2', 'c1')).toBe('B');
    s = run(s, teamRename('u3', 'Ann Lee'), tag('u2', 'golf'));
    expect(mine(s, 'u2')?.name).toBe('Ann Lee');
    expect(team(s)?.tags).toEqual([]);
    expect(prompts(s, 'u2')).toEqual([p('c1', 'tag:golf', 'send')]);
    s = run(s, send('u2', 'tag:golf'));
    expect(team(s)?.tags).toEqual(['golf']);
    expect(prompts(s, 'u2')).toEqual([]);
  });

  it('R-SYNC-3: scenario C prompts to accept team changes and to send own changes', () => {
    let s = run(org(), add('u1'), share('u1'), add('u2'));
    expect(scenario(s, 'u2', 'c1')).toBe('C');
    s = run(s, teamRename('u3', 'Ann Lee'), info('u2', 'e1', 'ann@x'));
    expect(prompts(s, 'u2')).toEqual([p('c1', 'info:e1', 'send'), p('c1', 'name', 'accept')]);
    expect(rejected(s, accept('u2', 'info:e1'))).toMatch(/no accept prompt/);
    s = run(s, accept('u2', 'name'), send('u2', 'info:e1'));
    expect(mine(s, 'u2')?.name).toBe('Ann Lee');
    expect(team(s)?.info.get('e1')?.value).toBe('ann@x');
  });

  it('R-SYNC-4: in scenarios B and C a field both sides changed is a conflict the user resolves', () => {
    for (const start of [sharedWithU2(), run(org(), add('u1'), share('u1'), add('u2'))]) {
      let s = run(start, rename('u2', 'Mine'), teamRename('u3', 'Theirs'));
      expect(prompts(s, 'u2')).toEqual([p('c1', 'name', 'resolve')]);
      expect([mine(s, 'u2')?.name, team(s)?.name]).toEqual(['Mine', 'Theirs']);
      expect(mine(run(s, resolve('u2', 'name', 'theirs')), 'u2')?.name).toBe('Theirs');
      s = run(s, resolve('u2', 'name', 'mine'));
      expect(team(s)?.name).toBe('Mine');
      expect(prompts(s, 'u2')).toEqual([]);
    }
  });

  it('R-SYNC-5: prompts are a pure function of the state; automatic flows are events in history', () => {
    const s = run(
      org(),
      add('u1'),
      share('u1'),
      add('u2'),
      rename('u2', 'X'),
      assign('u3', 'u1'),
      teamRename('u3', 'Y'),
    );
    const snapshot = structuredClone(s);
    expect(prompts(s, 'u2')).toEqual(prompts(s, 'u2'));
    expect(s).toEqual(snapshot);
    const flow = s.log.find((e) => e.what === 'flow' && 'user' in e.place && e.place.user === 'u1');
    expect(flow).toMatchObject({ field: 'name', from: 'Ann', to: 'Y' });
  });

  it('R-SYNC-6: nothing is sent from a personal-segment copy or a personal-labeled value, even in scenario A', () => {
    let s = run(sharedWithU2(), assign('u3', 'u2'), info('u2', 'home', 'ann@home', true));
    expect(team(s)?.info.has('home')).toBe(false);
    s = run(s, seg('u2', 'family'), tag('u2', 'cousin'));
    expect(team(s)?.tags).toEqual([]);
    expect(team(s)?.segment).toBe('customer');
  });

  it('R-SYNC-7: at a first meeting differing values are conflicts even in scenario A; an empty side fills', () => {
    let s = run(
      org(),
      add('u2', 'c1', 'Ann'),
      info('u2', 'e1', 'ann@x'),
      add('u1', 'c1', 'Ann Lee'),
      tag('u1', 'vip'),
    );
    s = run(s, share('u1'), assign('u3', 'u2'));
    expect(mine(s, 'u2')?.tags).toEqual(['vip']);
    expect(team(s)?.info.get('e1')?.value).toBe('ann@x');
    expect(prompts(s, 'u2')).toEqual([p('c1', 'name', 'resolve')]);
    s = run(s, rename('u2', 'Ann B'), teamRename('u3', 'Ann C'));
    expect([mine(s, 'u2')?.name, team(s)?.name]).toEqual(['Ann B', 'Ann C']); // neither flows
    s = run(s, resolve('u2', 'name', 'mine'), rename('u2', 'Ann D'));
    expect(team(s)?.name).toBe('Ann D'); // resolved: scenario A flows again
  });

  it('R-SYNC-8: changes while personal are local; when business again the team values import, in every scenario', () => {
    let s = run(sharedWithU2(), assign('u3', 'u2'), seg('u1', 'family'));
    expect(mine(s, 'u1')?.stage).toBeNull(); // R-STAGE-5, a local change
    expect(team(s)?.stage).toBe('active');
    s = run(s, rename('u1', 'My cousin Ann'), teamStage('u3', 'inactive'));
    expect(team(s)?.name).toBe('Ann');
    const back = run(s, seg('u1', 'customer'));
    expect(mine(back, 'u1')).toMatchObject({ name: 'Ann', stage: 'inactive', segment: 'customer' });
    expect(prompts(back, 'u1')).toEqual([]);
    const noSegment = run(s, seg('u1', null)); // scenario C: no segment
    expect(scenario(noSegment, 'u1', 'c1')).toBe('C');
    expect(mine(noSegment, 'u1')).toMatchObject({ name: 'Ann', stage: 'inactive', segment: null });
    expect(prompts(noSegment, 'u1')).toEqual([p('c1', 'segment', 'send')]); // leaving personal is the user's change (C6)
  });

  it('R-SYNC-9: no prompt offers a stage to a personal copy; the assigned user is asked to choose instead', () => {
    const s = run(
      org(),
      add('u2'),
      seg('u2', 'family'),
      add('u1'),
      seg('u1', 'customer'),
      stage('u1', 'lead'),
      assign('u1', 'u2'),
    );
    expect(prompts(s, 'u2')).toEqual([]);
    expect(privatePrompts(s, 'u2')).toEqual(['c1']);
    expect(rejected(s, accept('u2', 'stage'))).toMatch(/not in sync/);
  });

  it('R-SYNC-10: an automatic flow cites the sending side event and carries the action correlation', () => {
    let s = run(sharedWithU2(), assign('u3', 'u1'), assign('u3', 'u2'));
    const renameSeq = s.clock + 1;
    s = run(s, rename('u1', 'Ann Lee'));
    const mine1 = s.log.find((e) => e.seq === renameSeq)!;
    const toTeam = s.log.find((e) => 'team' in e.place && e.causation === renameSeq)!;
    const toU2 = s.log.find((e) => 'user' in e.place && e.place.user === 'u2' && e.causation === toTeam.seq)!;
    expect([toTeam.field, toU2.field, toU2.to]).toEqual(['name', 'name', 'Ann Lee']);
    expect(new Set([mine1.correlation, toTeam.correlation, toU2.correlation]).size).toBe(1);
  });

  it('R-SYNC-11: after a step no reaction is left to run, and running them again changes nothing', () => {
    let s = org();
    for (const a of [
      add('u1'),
      seg('u1', 'customer'),
      add('u2'),
      assign('u3', 'u2'),
      rename('u1', 'B'),
      seg('u2', 'family'),
      seg('u2', 'partner'),
    ]) {
      s = run(s, a);
      expect(settle(s)).toEqual(s);
    }
  });
});

// ---------------------------------------------------------------- 12. Archive

describe('the reference model, 12. Archive (R-ARCH)', () => {
  it('R-ARCH-1: a lead, potential or active copy cannot be archived, nor an assigned contact', () => {
    let s = run(org(), add('u1'), stage('u1', 'potential'));
    expect(rejected(s, archive('u1'))).toMatch(/R-ARCH-1/);
    s = run(s, stage('u1', 'inactive'), assign('u1', 'u2'));
    expect(rejected(s, archive('u1'))).toMatch(/assigned/);
    s = run(s, unassign('u2', 'u2'), archive('u1'));
    expect(mine(s, 'u1')?.archived).toBe(true);
  });

  it('R-ARCH-2: an archived copy leaves every prompt, keeps its history and can be restored', () => {
    let s = run(org(), add('u1'), share('u1'), add('u2'), teamRename('u3', 'Ann Lee'));
    expect(prompts(s, 'u2')).toEqual([p('c1', 'name', 'accept')]);
    s = run(s, archive('u2'));
    expect(prompts(s, 'u2')).toEqual([]);
    expect(rejected(s, accept('u2', 'name'))).toMatch(/R-ARCH-2/);
    s = run(s, restore('u2'));
    expect(prompts(s, 'u2')).toEqual([p('c1', 'name', 'accept')]);
    expect(s.log.some((e) => e.what === 'archive')).toBe(true);
  });

  it('R-ARCH-3: a member contact of an open project or deal cannot be archived; the rejection names it', () => {
    let s = run(org(), add('u1'), deal('u3'), onTeam('u3', 'u1'), dealStage('u3', 'potential'));
    expect(rejected(s, withContact('u3'))).toMatch(/no such contact/); // u3 has no copy to share
    s = run(s, withContact('u1'));
    expect(rejected(s, teamArchive('u3'))).toMatch(/deal d1/);
    s = run(s, dealStage('u3', 'lost'), teamArchive('u3'));
    expect(team(s)?.archived).toBe(true);
  });
});

// ---------------------------------------------------------------- neighbours

describe('the reference model, neighbouring rules', () => {
  it('R-STAGE-5: a personal copy has no stage; moving to a personal segment clears it by an event', () => {
    let s = run(org(), add('u1'), stage('u1', 'lead'), seg('u1', 'friend'));
    expect(mine(s, 'u1')?.stage).toBeNull();
    expect(s.log.at(-1)).toMatchObject({ field: 'stage', from: 'lead', to: null });
    expect(rejected(s, stage('u1', 'lead'))).toMatch(/R-STAGE-5/);
    s = run(s, stage('u1', null));
    expect(mine(s, 'u1')?.stage).toBeNull();
  });

  it('R-FIELD-7: ids such as __proto__ and toString are data', () => {
    let s = run(org(), member('u0', '__proto__', 'member'), member('u0', 'toString', 'member'));
    s = run(
      s,
      add('__proto__', 'toString', 'Proto'),
      info('__proto__', 'constructor', 'x@y', false, 'toString'),
    );
    s = run(
      s,
      tag('__proto__', '__proto__', 'toString'),
      seg('__proto__', 'customer', 'toString'),
      add('toString', 'toString'),
    );
    expect(team(s, 'toString')).toMatchObject({ name: 'Proto', tags: ['__proto__'] });
    expect(prompts(s, 'toString')).toEqual([p('toString', 'name', 'resolve')]);
    expect(mine(s, 'toString', 'toString')?.info.get('constructor')?.value).toBe('x@y');
  });
});

// ---------------------------------------------------------------- property

const USERS = ['u0', 'u1', '__proto__', 'toString'];
const CONTACTS = ['c1', '__proto__', 'toString'];
const ITEMS = ['e1', '__proto__', 'toString'];
const TAGS = ['VIP', ' vip', '__proto__', 'toString'];
const ENGAGEMENTS = ['d1', '__proto__'];
const SEGMENTS = ['customer', 'partner', 'family', 'friend', 'bogus', null];
const STAGE_VALUES: Array<Stage | null> = ['lead', 'potential', 'active', 'inactive', 'lost', null];
const FIELDS = [
  'name',
  'stage',
  'segment',
  'tag:vip',
  'tag:__proto__',
  'info:e1',
  'info:__proto__',
  'info:toString',
];

type Gen = Action | { kind: 'promptPick'; actor: string; index: number; keep: 'mine' | 'theirs' };
const u = fc.constantFrom(...USERS);
const c = fc.constantFrom(...CONTACTS);
const e = fc.constantFrom(...ENGAGEMENTS);
const st = fc.constantFrom(...STAGE_VALUES);
const f = fc.constantFrom(...FIELDS);
const item = fc.constantFrom(...ITEMS);
const name = fc.constantFrom('Ann', 'Bob', '__proto__', 'toString');
const role = fc.constantFrom<Role>('administrator', 'manager', 'member');
const keep = fc.constantFrom<'mine' | 'theirs'>('mine', 'theirs');
const value = fc.constantFrom('a@x', 'b@y');
const tagName = fc.constantFrom(...TAGS);
const segment = fc.constantFrom(...SEGMENTS);
const engagementKind = fc.constantFrom<'project' | 'deal'>('project', 'deal');
/** A weighted choice that draws the arguments of one of the builders above. */
const mk = <T extends unknown[]>(weight: number, args: fc.Arbitrary<T>, make: (...xs: T) => Action) => ({
  weight,
  arbitrary: args.map((xs): Gen => make(...xs)),
});
const arbAction: fc.Arbitrary<Gen> = fc.oneof(
  mk(1, fc.tuple(u, u, role), member),
  mk(1, fc.tuple(u, u), (actor, user) => ({ kind: 'removeMember', actor, user })),
  mk(2, fc.tuple(u, c, name), add),
  mk(6, fc.tuple(u, segment, c), seg),
  mk(3, fc.tuple(u, st, c), stage),
  mk(3, fc.tuple(u, name, c), rename),
  mk(6, fc.tuple(u, item, value, fc.boolean(), c), info),
  mk(2, fc.tuple(u, item, c), removeInfo),
  mk(2, fc.tuple(u, tagName, c), tag),
  mk(1, fc.tuple(u, tagName, c), untag),
  mk(1, fc.tuple(u, c), share),
  mk(1, fc.tuple(u, c), unshare),
  mk(1, fc.tuple(u, c), archive),
  mk(1, fc.tuple(u, c), restore),
  mk(2, fc.tuple(u, u, c), assign),
  mk(1, fc.tuple(u, u, c), unassign),
  mk(1, fc.tuple(u, e, engagementKind), deal),
  mk(1, fc.tuple(u, u, e), onTeam),
  mk(1, fc.tuple(u, u, e), offTeam),
  mk(1, fc.tuple(u, c, e), withContact),
  mk(1, fc.tuple(u, c, e), withoutContact),
  mk(1, fc.tuple(u, st, e), dealStage),
  mk(1, fc.tuple(u, f, c), accept),
  mk(1, fc.tuple(u, f, c), send),
  mk(1, fc.tuple(u, f, keep, c), resolve),
  mk(2, fc.tuple(u, name, c), teamRename),
  mk(1, fc.tuple(u, st, c), teamStage),
  mk(1, fc.tuple(u, c), teamArchive),
  mk(1, fc.tuple(u, c), (actor, contactId) => ({ kind: 'teamRestore', actor, contactId })),
  // Answer one of the prompts the actor sees, so that accept/send/resolve are exercised often.
  {
    weight: 6,
    arbitrary: fc.record({ kind: fc.constant('promptPick' as const), actor: u, index: fc.nat(20), keep }),
  },
);

function concrete(s: ModelState, g: Gen): Action {
  if (g.kind !== 'promptPick') return g;
  const open = prompts(s, g.actor);
  const pick = open[g.index % Math.max(open.length, 1)];
  if (pick === undefined) return { kind: 'restore', actor: g.actor, contactId: 'c1' };
  if (pick.kind === 'resolve')
    return { kind: 'resolve', actor: g.actor, contactId: pick.contactId, field: pick.field, keep: g.keep };
  return { kind: pick.kind, actor: g.actor, contactId: pick.contactId, field: pick.field };
}
const FLOWS = ['flow', 'fill', 'import-local'];
const observe = (s: ModelState) => ({
  team: teamView(s),
  people: USERS.map((user) => myPeople(s, user)),
  prompts: USERS.map((user) => prompts(s, user)),
  privatePrompts: USERS.map((user) => privatePrompts(s, user)),
});
/** Three more members, and a few copies to start from, so that most random actions find a copy. */
const setup: Action[] = [
  member('u0', 'u1', 'manager'),
  member('u0', '__proto__', 'member'),
  member('u0', 'toString', 'member'),
  add('u0', 'c1'),
  add('u0', '__proto__', 'Bob'),
  add('u1', 'c1', 'Ann B'),
  add('u1', 'toString'),
  add('__proto__', '__proto__', 'Bob'),
  add('toString', 'c1'),
  info('u0', 'e1', 'a@x', false, 'c1'),
  seg('u0', 'customer', 'c1'),
  share('u1', 'toString'),
  deal('u0', 'd1'),
  onTeam('u0', 'u1', 'd1'),
];

describe('the reference model, properties', () => {
  it('R-SHARE-5, R-AUDIT-1: over random stories privacy holds, and a rejected action changes no observation', () => {
    fc.assert(
      fc.property(fc.array(arbAction, { minLength: 50, maxLength: 90 }), (gens) => {
        let s = run(initialModel(), ...setup);
        for (const g of gens) {
          const a = concrete(s, g);
          const before = observe(s);
          const r = step(s, a);
          if (!r.accepted) {
            expect(r.state).toBe(s);
            expect(observe(r.state)).toEqual(before);
          }
          // R-AUTH-1: another user's copies change only by sync flows.
          const fresh = r.state.log.filter((ev) => ev.seq > s.clock);
          const flowsTo = (user: string) =>
            fresh.some((ev) => 'user' in ev.place && ev.place.user === user && FLOWS.includes(ev.what));
          for (const other of USERS.filter((x) => x !== a.actor))
            if (!isDeepStrictEqual(myPeople(r.state, other), myPeople(s, other)))
              expect(flowsTo(other)).toBe(true);
          s = r.state;
          expect(privacyHolds(s)).toBe(true);
          expect(settle(s).clock).toBe(s.clock); // R-SYNC-11: nothing left to react to
          for (const user of USERS) {
            // R-SYNC-1..3: accept prompts only in scenario C; send prompts never in scenario A.
            for (const q of prompts(s, user)) {
              const sc = scenario(s, user, q.contactId);
              if (q.kind !== 'resolve') expect(sc === 'C' || (q.kind === 'send' && sc === 'B')).toBe(true);
            }
            // R-STAGE-5: no personal copy has a stage.
            for (const v of myPeople(s, user).values())
              if (['family', 'friend'].includes(v.segment ?? '')) expect(v.stage).toBeNull();
          }
        }
      }),
      { numRuns: 150 },
    );
  });
});
