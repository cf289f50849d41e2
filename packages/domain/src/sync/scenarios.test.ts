import { describe, expect, it } from 'vitest';
import { adaInBothViews, ok, scenario, typesOf, type Scenario } from '../testing/index.js';

const at = { orgId: 'acme', contactId: 'ada' };

/** Given: bob knows Ada as a customer, which shared her with the team; cat knows Ada too. */
const givenAdaInBothViews = (): Promise<Scenario> => scenario({ given: adaInBothViews });

const catsCopy = async (s: Scenario) => ok(await s.rapport.as('cat').contact('acme', 'ada'));
const catsPrompts = async (s: Scenario) =>
  ok(await s.rapport.as('cat').prompts('acme')).map((prompt) => [
    prompt.kind,
    prompt.field,
    prompt.mine,
    prompt.theirs,
  ]);

describe('the three scenarios of the product document', () => {
  it('R-SYNC-1: scenario A — assigned to the person, changes are kept in sync both ways with no manual step', async () => {
    // Given Ada in cat's My People and in the team view,
    const s = await givenAdaInBothViews();
    // when cat is assigned to Ada,
    await s.accepted({ type: 'AssignUser', actor: 'ann', ...at, userId: 'cat' });
    // then the team's segment is already imported into cat's copy, and cat sees no prompt;
    expect(ok(await s.rapport.as('cat').syncState('acme', 'ada'))?.scenario).toBe('A');
    expect((await catsCopy(s)).mine?.segment).toBe('customer');
    expect(await catsPrompts(s)).toEqual([]);
    // when a teammate moves the team copy to potential,
    const events = await s.accepted({
      type: 'SetStage',
      actor: 'mia',
      ...at,
      stage: 'potential',
      target: 'team',
    });
    // then cat's copy follows, by an ordinary command recorded in history and caused by that change;
    expect(typesOf(events)).toEqual(['StageSet', 'StageSet']);
    expect(events[1]?.data).toMatchObject({ copy: { owner: 'user', userId: 'cat' }, stage: 'potential' });
    expect(events[1]?.causationId).toBe(events[0]?.id);
    expect(events[1]?.actor).toBe('cat');
    expect((await catsCopy(s)).mine?.stage).toBe('potential');
    // and when cat tags her copy, the team copy takes the tag, again with no prompt.
    await s.accepted({ type: 'ApplyTag', actor: 'cat', ...at, tag: 'VIP' });
    expect((await catsCopy(s)).team?.tags).toEqual(['VIP']);
    expect(await catsPrompts(s)).toEqual([]);
  });

  it('R-SYNC-2: scenario B — keep-in-touch enabled, team changes import and cat is prompted to send her own', async () => {
    // Given Ada in both views, and cat following Ada as a lead customer (keep-in-touch enabled),
    const s = await givenAdaInBothViews();
    await s.accepted({ type: 'SetSegment', actor: 'cat', ...at, segmentId: 'customer' });
    await s.accepted({ type: 'SetStage', actor: 'cat', ...at, stage: 'lead' });
    expect(ok(await s.rapport.as('cat').syncState('acme', 'ada'))?.scenario).toBe('B');
    // then cat is prompted to send her stage to the team;
    expect(await catsPrompts(s)).toEqual([['send', 'stage', 'lead', null]]);
    // when a teammate adds an email to the team copy,
    await s.accepted({
      type: 'SetContactInfo',
      actor: 'mia',
      ...at,
      target: 'team',
      item: { itemId: 'work', kind: 'email', value: 'ada@example.com' },
    });
    // then it is imported into cat's copy with no prompt,
    expect((await catsCopy(s)).mine?.info.map((item) => item.value)).toEqual(['ada@example.com']);
    expect(await catsPrompts(s)).toEqual([['send', 'stage', 'lead', null]]);
    // and when cat answers the prompt, the team copy takes her stage and nothing is left to do.
    await s.accepted({ type: 'SendChangeToTeam', actor: 'cat', ...at, field: 'stage' });
    expect((await catsCopy(s)).team?.stage).toBe('lead');
    expect(await catsPrompts(s)).toEqual([]);
  });

  it('R-SYNC-3: scenario C — keep-in-touch disabled, cat is prompted to accept any change in either direction', async () => {
    // Given Ada in both views, cat neither assigned nor on a team, with no stage on her copy,
    const s = await givenAdaInBothViews();
    expect(ok(await s.rapport.as('cat').syncState('acme', 'ada'))?.scenario).toBe('C');
    // then the team's segment waits for cat to accept it;
    expect(await catsPrompts(s)).toEqual([['accept', 'segment', null, 'customer']]);
    // when cat renames her copy and a teammate sets the team's stage,
    await s.accepted({ type: 'RenameContact', actor: 'cat', ...at, name: 'Ada Lovelace' });
    await s.accepted({ type: 'SetStage', actor: 'mia', ...at, stage: 'active', target: 'team' });
    // then nothing moved: cat is prompted both ways,
    expect((await catsCopy(s)).mine?.stage).toBeNull();
    expect((await catsCopy(s)).team?.name).toBe('Ada');
    expect(await catsPrompts(s)).toEqual([
      ['send', 'name', 'Ada Lovelace', 'Ada'],
      ['accept', 'stage', null, 'active'],
      ['accept', 'segment', null, 'customer'],
    ]);
    // and each answer moves exactly one field.
    await s.accepted({ type: 'AcceptTeamChange', actor: 'cat', ...at, field: 'segment' });
    await s.accepted({ type: 'AcceptTeamChange', actor: 'cat', ...at, field: 'stage' });
    await s.accepted({ type: 'SendChangeToTeam', actor: 'cat', ...at, field: 'name' });
    const { mine, team } = await catsCopy(s);
    expect([mine?.name, mine?.segment, mine?.stage]).toEqual(['Ada Lovelace', 'customer', 'active']);
    expect(team?.name).toBe('Ada Lovelace');
    expect(await catsPrompts(s)).toEqual([]);
  });
});
