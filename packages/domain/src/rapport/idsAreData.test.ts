import { describe, expect, it } from 'vitest';
import { readEverything } from '@rapport/core/testing';
import { readModelsAt } from '../audit/readModels.js';
import { decodeRecordedEvent, eventsWouldNotRead } from '../events.js';
import { ID_MAX_LENGTH } from '../ids.js';
import { addContact, defineField, ok, scenario, typesOf, type Scenario } from '../testing/index.js';
import { projectionsOf } from '../testing/projections.js';

const onAda = { actor: 'bob', orgId: 'acme', contactId: 'ada' };

/** Every stored event reads back, a replay from scratch equals the live read models, and Bob can still act. */
const stillWhole = async (s: Scenario): Promise<void> => {
  const stored = await readEverything(s.store);
  const unreadable = stored.flatMap((event) => {
    const decoded = decodeRecordedEvent(event);
    return decoded._tag === 'Left' ? [decoded.left.message] : [];
  });
  expect(unreadable).toEqual([]);
  const replayed = await readModelsAt(s.store);
  expect(replayed.unreadable).toEqual([]);
  expect(replayed.models.projections.snapshot()).toEqual((await projectionsOf(s.rapport)).snapshot());
  await s.accepted({ type: 'RenameContact', ...onAda, name: `Ada ${stored.length}` });
  expect(ok(await s.rapport.as('bob').contact('acme', 'ada')).mine?.name).toBe(`Ada ${stored.length}`);
};

describe('ids that name Object.prototype members are data', () => {
  it.each(['toString', 'constructor', 'hasOwnProperty', '__proto__', 'valueOf'])(
    'R-FIELD-7: removing contact information "%s" that the copy does not hold appends nothing',
    async (itemId) => {
      const s = await scenario({ given: [addContact('bob', 'ada', 'Ada')] });
      expect(await s.accepted({ type: 'RemoveContactInfo', ...onAda, itemId })).toEqual([]);
      await stillWhole(s);
    },
  );

  it.each(['toString', 'constructor', 'hasOwnProperty', '__proto__'])(
    'R-FIELD-7: clearing or setting a value of field "%s" that is not defined is UNKNOWN_FIELD',
    async (fieldId) => {
      const s = await scenario({ given: [addContact('bob', 'ada', 'Ada')] });
      expect((await s.rejected({ type: 'ClearFieldValue', ...onAda, fieldId })).code).toBe('UNKNOWN_FIELD');
      expect((await s.rejected({ type: 'SetFieldValue', ...onAda, fieldId, value: 'x' })).code).toBe(
        'UNKNOWN_FIELD',
      );
      await stillWhole(s);
    },
  );

  it.each(['__proto__', 'toString', 'constructor'])(
    'R-FIELD-7: contact information "%s" is set, read, shared and removed like any other item',
    async (itemId) => {
      const s = await scenario({ given: [addContact('bob', 'ada', 'Ada')] });
      const item = { itemId, kind: 'email', value: 'ada@example.com' };
      const set = await s.accepted({ type: 'SetContactInfo', ...onAda, item });
      expect(typesOf(set)).toEqual(['ContactInfoSet']);
      expect(set[0]?.data).toMatchObject({ previous: null });
      const mine = ok(await s.rapport.as('bob').contact('acme', 'ada')).mine;
      expect(mine?.info.map((info) => info.itemId)).toEqual([itemId]);
      await s.accepted({ type: 'ShareContact', ...onAda });
      const team = ok(await s.rapport.as('bob').contact('acme', 'ada')).team;
      expect(team?.info.map((info) => info.itemId)).toEqual([itemId]);
      expect(typesOf(await s.accepted({ type: 'RemoveContactInfo', ...onAda, itemId }))).toEqual([
        'ContactInfoRemoved',
      ]);
      expect(ok(await s.rapport.as('bob').contact('acme', 'ada')).mine?.info).toEqual([]);
      await stillWhole(s);
    },
  );

  it.each(['__proto__', 'toString', 'constructor'])(
    'R-FIELD-7: retiring field "%s" that is not defined is UNKNOWN_FIELD and the organization goes on',
    async (fieldId) => {
      const s = await scenario({ given: [addContact('bob', 'ada', 'Ada')] });
      expect((await s.rejected({ type: 'RetireField', actor: 'ann', orgId: 'acme', fieldId })).code).toBe(
        'UNKNOWN_FIELD',
      );
      await s.accepted(defineField('tier', 'Tier', { type: 'text' }));
      await stillWhole(s);
    },
  );

  it.each(['__proto__', 'toString', 'hasOwnProperty'])(
    'R-FIELD-7: a field "%s" is defined, set, shared, cleared and retired like any other field',
    async (fieldId) => {
      const s = await scenario({ given: [addContact('bob', 'ada', 'Ada')] });
      await s.accepted(defineField(fieldId, 'Tier', { type: 'text' }));
      const set = await s.accepted({ type: 'SetFieldValue', ...onAda, fieldId, value: 'gold' });
      expect(set[0]?.data).toMatchObject({ fieldId, previous: null });
      const mine = ok(await s.rapport.as('bob').contact('acme', 'ada')).mine;
      expect(mine?.fields.map((field) => [field.fieldId, field.display])).toEqual([[fieldId, 'gold']]);
      await s.accepted({ type: 'ShareContact', ...onAda });
      const team = ok(await s.rapport.as('bob').contact('acme', 'ada')).team;
      expect(team?.fields.map((field) => field.fieldId)).toEqual([fieldId]);
      expect(typesOf(await s.accepted({ type: 'ClearFieldValue', ...onAda, fieldId }))).toEqual([
        'FieldValueCleared',
      ]);
      await s.accepted({ type: 'RetireField', actor: 'ann', orgId: 'acme', fieldId });
      expect((await s.rejected({ type: 'SetFieldValue', ...onAda, fieldId, value: 'x' })).code).toBe(
        'FIELD_RETIRED',
      );
      await stillWhole(s);
    },
  );
});

describe('one length limit for every id', () => {
  const long = 'f'.repeat(ID_MAX_LENGTH + 1);
  const longest = 'f'.repeat(ID_MAX_LENGTH);

  it('R-FIELD-7: a field id of 129 characters is refused by DefineField as by SetFieldValue; 128 are taken by both', async () => {
    const s = await scenario({ given: [addContact('bob', 'ada', 'Ada')] });
    const refused = await s.rejected(defineField(long, 'Long', { type: 'text' }));
    expect([refused.code, refused.path]).toEqual(['COMMAND_INVALID', 'definition["0"].fieldId']);
    expect((await s.rejected({ type: 'SetFieldValue', ...onAda, fieldId: long, value: 'x' })).code).toBe(
      'COMMAND_INVALID',
    );
    await s.accepted(defineField(longest, 'Longest', { type: 'text' }));
    expect(
      typesOf(await s.accepted({ type: 'SetFieldValue', ...onAda, fieldId: longest, value: 'x' })),
    ).toEqual(['FieldValueSet']);
  });

  it('R-FIELD-7: section, segment, step and item ids of 129 characters are refused wherever they appear', async () => {
    const s = await scenario({ given: [addContact('bob', 'ada', 'Ada')] });
    const admin = { actor: 'ann', orgId: 'acme' };
    const refusals = [
      await s.rejected(defineField('tier', 'Tier', { type: 'text' }, { sectionId: long })),
      await s.rejected(defineField('tier', 'Tier', { type: 'text' }, { segments: [long] })),
      await s.rejected({ type: 'DefineSection', ...admin, sectionId: long, name: 'Long' }),
      await s.rejected({ type: 'DefineSegment', ...admin, segmentId: long, name: 'Long', kind: 'business' }),
      await s.rejected({
        type: 'DefineChecklist',
        ...admin,
        segmentId: 'customer',
        stage: 'lead',
        steps: [{ stepId: long, title: 'Call' }],
      }),
      await s.rejected({
        type: 'SetContactInfo',
        ...onAda,
        item: { itemId: long, kind: 'note', value: 'x' },
      }),
      await s.rejected({
        type: 'AddContact',
        actor: 'bob',
        orgId: 'acme',
        contactId: long,
        kind: 'person',
        name: 'A',
      }),
    ];
    expect(refusals.map((rejection) => [rejection.code, rejection.path])).toEqual([
      ['COMMAND_INVALID', 'definition["1"].sectionId'],
      ['COMMAND_INVALID', 'definition["1"].segments[0]'],
      ['COMMAND_INVALID', 'sectionId'],
      ['COMMAND_INVALID', 'segmentId'],
      ['COMMAND_INVALID', 'steps[0]["0"].stepId'],
      ['COMMAND_INVALID', 'item.itemId'],
      ['COMMAND_INVALID', 'contactId'],
    ]);
  });
});

describe('an event that would not read back is refused before it is appended', () => {
  const onTeamAda = { orgId: 'acme', contactId: 'ada', copy: { owner: 'team' as const } };

  it('R-AUDIT-8: the ContactInfoRemoved event a prototype id once made is refused with its type and path', () => {
    const rejection = eventsWouldNotRead('RemoveContactInfo', [
      { streamId: 'contact-acme/ada', events: [{ type: 'TagApplied', data: { ...onTeamAda, tag: 'VIP' } }] },
      {
        streamId: 'contact-acme/bea',
        events: [
          {
            type: 'ContactInfoRemoved',
            data: { ...onTeamAda, itemId: 'toString', previous: Object.prototype.toString },
          },
        ],
      },
    ]);
    expect(rejection).toMatchObject({
      code: 'EVENT_WOULD_NOT_READ',
      rule: 'R-AUDIT-8',
      path: 'data.previous',
      details: { eventType: 'ContactInfoRemoved', streamId: 'contact-acme/bea' },
    });
    expect(rejection?.message).toMatch(/^Rejected RemoveContactInfo: its ContactInfoRemoved event/);
  });

  it('R-AUDIT-8: data is judged as a store keeps it, JSON: a Map or a missing value does not read back, a date reads back as its text', () => {
    const write = (data: unknown) => [{ streamId: 'org-acme', events: [{ type: 'FieldRetired', data }] }];
    expect(eventsWouldNotRead('RetireField', write({ orgId: 'acme', fieldId: 'f' }))).toBeUndefined();
    expect(eventsWouldNotRead('RetireField', write({ orgId: 'acme', fieldId: new Map() }))?.path).toBe(
      'data.fieldId',
    );
    // Stored as "1970-01-01T00:00:00.000Z", which is an id.
    expect(eventsWouldNotRead('RetireField', write({ orgId: 'acme', fieldId: new Date(0) }))).toBeUndefined();
    expect(eventsWouldNotRead('RetireField', write({ orgId: 'acme', fieldId: undefined }))?.path).toBe(
      'data.fieldId',
    );
    expect(eventsWouldNotRead('RetireField', write(new Map()))?.code).toBe('EVENT_WOULD_NOT_READ');
    const unknownType = eventsWouldNotRead('RetireField', [
      { streamId: 'org-acme', events: [{ type: 'Nope', data: {} }] },
    ]);
    expect(unknownType?.details).toEqual({ eventType: 'Nope', streamId: 'org-acme' });
  });

  it('R-AUDIT-8: an entry named __proto__ in event data is read back as an entry, so it is accepted', () => {
    const info = JSON.parse(
      '{"__proto__":{"itemId":"__proto__","kind":"note","value":"x","personal":false}}',
    );
    const team = { name: 'Ada', stage: null, segment: null, step: null, fields: {}, tags: [], info };
    const data = { orgId: 'acme', contactId: 'ada', kind: 'person', sharedBy: 'bob', team, previous: null };
    expect(
      eventsWouldNotRead('ShareContact', [
        { streamId: 'contact-acme/ada', events: [{ type: 'ContactShared', data }] },
      ]),
    ).toBeUndefined();
  });
});
