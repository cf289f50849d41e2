import { describe, expect, it } from 'vitest';
import { decodeCommand } from '../commands.js';
import { addContact, defineField, ok, scenario, typesOf, type Scenario } from '../testing/index.js';
import { DEFAULT_AUDIENCES } from './model.js';

const org = { orgId: 'acme' };

/** Cat holds three contacts: a lead customer tagged VIP, a family member, a partner with an amount. */
const world = async (): Promise<Scenario> => {
  const s = await scenario();
  const cat = (contactId: string) => ({ actor: 'cat', ...org, contactId });
  await s.given(
    defineField('amount', 'Amount', { type: 'decimal' }, { appliesTo: ['person', 'company'] }),
    addContact('cat', 'ada', 'Ada'),
    { type: 'SetSegment', ...cat('ada'), segmentId: 'customer' },
    { type: 'SetStage', ...cat('ada'), stage: 'lead' },
    { type: 'ApplyTag', ...cat('ada'), tag: 'VIP' },
    addContact('cat', 'mum', 'Mum'),
    { type: 'SetSegment', ...cat('mum'), segmentId: 'family' },
    { type: 'ApplyTag', ...cat('mum'), tag: 'Holiday card' },
    addContact('cat', 'acme-co', 'Acme Co', 'company'),
    { type: 'SetSegment', ...cat('acme-co'), segmentId: 'partner' },
    { type: 'SetFieldValue', ...cat('acme-co'), fieldId: 'amount', value: '1500.00' },
  );
  return s;
};

const members = async (s: Scenario, audienceId: string, view: 'mine' | 'team' = 'mine', userId = 'cat') =>
  ok(await s.rapport.as(userId).members('acme', audienceId, view));

const define = (audienceId: string, filter: unknown, extra: Record<string, unknown> = {}) => ({
  type: 'DefineAudience',
  actor: 'cat',
  ...org,
  audienceId,
  name: audienceId,
  filter,
  ...extra,
});

describe('R-AUD: audiences', () => {
  it('R-AUD-1: a filter over tags, stage, segment, segment kind, keep-in-touch, step, kind and fields, with and, or, not', async () => {
    const s = await world();
    const cases: Array<[unknown, string[]]> = [
      [{ op: 'tags', match: 'any', tags: ['vip', 'holiday card'] }, ['ada', 'mum']],
      [{ op: 'tags', match: 'all', tags: ['VIP', 'Holiday card'] }, []],
      [{ op: 'tags', match: 'none', tags: ['VIP'] }, ['acme-co', 'mum']],
      [{ op: 'stage', in: ['lead'] }, ['ada']],
      [{ op: 'stage', in: [null] }, ['acme-co', 'mum']],
      [{ op: 'segment', in: ['partner', 'family'] }, ['acme-co', 'mum']],
      [{ op: 'segmentKind', is: 'personal' }, ['mum']],
      [{ op: 'keepInTouch', is: true }, ['ada']],
      [{ op: 'step', in: [null] }, ['acme-co', 'ada', 'mum']],
      [{ op: 'kind', in: ['company'] }, ['acme-co']],
      [{ op: 'field', fieldId: 'amount', test: { is: 'set' } }, ['acme-co']],
      [
        { op: 'field', fieldId: 'amount', test: { is: 'equals', value: { type: 'decimal', value: '1500' } } },
        ['acme-co'],
      ],
      [{ op: 'field', fieldId: 'amount', test: { is: 'in', values: [{ type: 'decimal', value: '1' }] } }, []],
      [
        {
          op: 'field',
          fieldId: 'amount',
          test: {
            is: 'range',
            min: { type: 'decimal', value: '1000' },
            max: { type: 'decimal', value: '2000' },
          },
        },
        ['acme-co'],
      ],
      [
        {
          op: 'or',
          filters: [
            { op: 'kind', in: ['company'] },
            { op: 'keepInTouch', is: true },
          ],
        },
        ['acme-co', 'ada'],
      ],
      [
        {
          op: 'and',
          filters: [
            { op: 'not', filter: { op: 'segmentKind', is: 'personal' } },
            { op: 'tags', match: 'none', tags: ['VIP'] },
          ],
        },
        ['acme-co'],
      ],
    ];
    for (const [index, [filter, expected]] of cases.entries()) {
      await s.accepted(define(`a${index}`, filter));
      expect(await members(s, `a${index}`), JSON.stringify(filter)).toEqual(expected);
    }
  });

  it('R-AUD-1: a filter naming an unknown segment or field, or a value of the wrong type, is refused with the reason', async () => {
    const s = await world();
    const unknown = await s.rejected(define('x', { op: 'segment', in: ['golfers'] }));
    expect([unknown.code, unknown.rule]).toEqual(['AUDIENCE_FILTER_INVALID', 'R-AUD-1']);
    expect(unknown.message).toContain('segment "golfers"');
    const wrongType = await s.rejected(
      define('x', {
        op: 'field',
        fieldId: 'amount',
        test: { is: 'equals', value: { type: 'text', value: 'lots' } },
      }),
    );
    expect(wrongType.message).toContain('holds decimal values, not text');
    const bad = decodeCommand(define('x', { op: 'stage', in: ['won'] }));
    expect(bad._tag === 'Left' && bad.left.code).toBe('COMMAND_INVALID');
    expect((await s.rejected(define('my-focus', { op: 'and', filters: [] }))).code).toBe('AUDIENCE_BUILT_IN');
  });

  it('R-AUD-2: the default audiences exist for every user from the start, with no command', async () => {
    const s = await world();
    const list = ok(await s.rapport.as('bob').audiences('acme'));
    expect(list.defaults.map((a) => a.name)).toEqual([
      'My People',
      'My Focus',
      'Leads',
      'Potential',
      'Active',
      'Inactive',
      'Lost',
    ]);
    expect(list.custom).toEqual([]);
    expect(await members(s, 'my-people')).toEqual(['acme-co', 'ada', 'mum']);
    expect(await members(s, 'my-focus')).toEqual(['ada']);
    expect(await members(s, 'leads')).toEqual(['ada']);
    expect(await members(s, 'my-people', 'mine', 'bob')).toEqual([]);
    expect(DEFAULT_AUDIENCES).toHaveLength(7);
    const builtIn = await s.rejected({ type: 'DeleteAudience', actor: 'cat', ...org, audienceId: 'leads' });
    expect([builtIn.code, builtIn.rule]).toEqual(['AUDIENCE_BUILT_IN', 'R-AUD-2']);
  });

  it("R-AUD-2: a custom audience belongs to its user, or to the organization and then to every member; changing the organization's needs an administrator", async () => {
    const s = await world();
    await s.accepted(define('mine', { op: 'keepInTouch', is: true }));
    expect(ok(await s.rapport.as('cat').audiences('acme')).custom.map((a) => a.audienceId)).toEqual(['mine']);
    expect(ok(await s.rapport.as('bob').audiences('acme')).custom).toEqual([]);
    const hidden = await s.rapport.as('bob').members('acme', 'mine');
    expect(hidden._tag === 'Left' && hidden.left.code).toBe('AUDIENCE_NOT_FOUND');
    const notOwner = await s.rejected({ type: 'DeleteAudience', actor: 'bob', ...org, audienceId: 'mine' });
    expect([notOwner.code, notOwner.rule]).toEqual(['AUDIENCE_NOT_OWNER', 'R-AUTH-1']);
    const notAdmin = await s.rejected(
      define('vip', { op: 'tags', match: 'any', tags: ['VIP'] }, { scope: 'organization' }),
    );
    expect([notAdmin.code, notAdmin.rule]).toEqual(['NOT_AN_ADMINISTRATOR', 'R-AUTH-2']);
    await s.accepted({
      ...define('vip', { op: 'tags', match: 'any', tags: ['VIP'] }, { scope: 'organization' }),
      actor: 'ann',
    });
    expect(ok(await s.rapport.as('bob').audiences('acme')).custom.map((a) => a.audienceId)).toEqual(['vip']);
    expect(await members(s, 'vip')).toEqual(['ada']);
    expect(await members(s, 'vip', 'mine', 'bob')).toEqual([]);
    const deleted = await s.accepted({ type: 'DeleteAudience', actor: 'ann', ...org, audienceId: 'vip' });
    expect(typesOf(deleted)).toEqual(['AudienceDeleted']);
    expect(ok(await s.rapport.as('cat').audiences('acme')).custom.map((a) => a.audienceId)).toEqual(['mine']);
  });

  it('R-AUD-3: membership follows every change with no manual step, in My People and in the team view', async () => {
    const s = await world();
    await s.accepted(define('cards', { op: 'tags', match: 'any', tags: ['Holiday card'] }));
    expect(await members(s, 'cards')).toEqual(['mum']);
    await s.accepted({ type: 'ApplyTag', actor: 'cat', ...org, contactId: 'ada', tag: 'holiday CARD' });
    expect(await members(s, 'cards')).toEqual(['ada', 'mum']);
    await s.accepted({ type: 'RemoveTag', actor: 'cat', ...org, contactId: 'mum', tag: 'Holiday Card' });
    expect(await members(s, 'cards')).toEqual(['ada']);
    expect(await members(s, 'cards', 'team')).toEqual([]);
    await s.accepted({
      type: 'ApplyTag',
      actor: 'mia',
      ...org,
      contactId: 'ada',
      tag: 'Holiday card',
      target: 'team',
    });
    expect(await members(s, 'cards', 'team')).toEqual(['ada']);
    await s.accepted({
      type: 'RedefineAudience',
      actor: 'cat',
      ...org,
      audienceId: 'cards',
      filter: { op: 'kind', in: ['company'] },
    });
    expect(await members(s, 'cards')).toEqual(['acme-co']);
    expect(await members(s, 'cards', 'team')).toEqual(['acme-co']);
    await s.accepted(define('assigned', { op: 'assignee', in: ['bob'] }));
    await s.accepted({ type: 'AssignUser', actor: 'ann', ...org, contactId: 'ada', userId: 'bob' });
    expect(await members(s, 'assigned')).toEqual(['ada']);
    await s.accepted({ type: 'UnassignUser', actor: 'ann', ...org, contactId: 'ada', userId: 'bob' });
    expect(await members(s, 'assigned')).toEqual([]);
  });

  it('R-AUD-3: a retired field no longer selects anyone; its values stay in history', async () => {
    const s = await world();
    await s.accepted(define('big', { op: 'field', fieldId: 'amount', test: { is: 'set' } }));
    expect(await members(s, 'big')).toEqual(['acme-co']);
    await s.accepted({ type: 'RetireField', actor: 'ann', ...org, fieldId: 'amount' });
    expect(await members(s, 'big')).toEqual([]);
  });

  it('R-ARCH-2: an archived copy leaves every audience and comes back when restored', async () => {
    const s = await world();
    await s.accepted({ type: 'ArchiveContact', actor: 'cat', ...org, contactId: 'mum' });
    expect(await members(s, 'my-people')).toEqual(['acme-co', 'ada']);
    const why = ok(await s.rapport.as('cat').whyMember('acme', 'my-people', 'mum'));
    expect([why.member, why.rule]).toEqual([false, 'R-ARCH-2']);
    expect(why.archived?.actor).toBe('cat');
    await s.accepted({ type: 'RestoreContact', actor: 'cat', ...org, contactId: 'mum' });
    expect(await members(s, 'my-people')).toEqual(['acme-co', 'ada', 'mum']);
  });

  it('R-AUD-1: why a contact is or is not in an audience, test by test, with the events behind each', async () => {
    const s = await world();
    const why = ok(await s.rapport.as('cat').whyMember('acme', 'leads', 'ada'));
    expect(why.member).toBe(true);
    expect(why.reason?.because.map((r) => [r.test, r.holds])).toEqual([
      ['segment is a business segment', true],
      ['stage is one of lead', true],
    ]);
    const stageEvents = why.reason?.because[1]?.events ?? [];
    expect(stageEvents.map((mark) => mark.actor)).toEqual(['cat']);
    const not = ok(await s.rapport.as('cat').whyMember('acme', 'leads', 'mum'));
    expect(not.member).toBe(false);
    expect(not.summary).toContain('is not in audience leads');
    const missing = await s.rapport.as('cat').whyMember('acme', 'leads', 'nobody');
    expect(missing._tag === 'Left' && missing.left.code).toBe('CONTACT_NOT_FOUND');
  });
});
