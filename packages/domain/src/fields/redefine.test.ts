import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readModelsAt } from '../audit/readModels.js';
import { readContactTimeline } from '../audit/timeline.js';
import { addContact, scenario } from '../testing/index.js';
import { projectionsOf } from '../testing/projections.js';
import { executeInput } from '../testing/execute.js';
import {
  CONTACTS,
  freshWorld,
  ORG,
  redefineTier,
  relationshipCommand,
  USERS,
} from '../sync/internal/world.js';

const at = { orgId: 'acme', contactId: 'c1' };
const bob = { actor: 'bob', ...at };
const source = {
  fieldId: 'source',
  name: 'Lead source',
  valueType: { type: 'pick_one', options: ['Inbound', 'Referral'] },
  appliesTo: ['person'],
};
const redefine = (definition: Record<string, unknown>, actor = 'ann') => ({
  type: 'RedefineField',
  actor,
  orgId: 'acme',
  definition,
});

/** Bob's Ada, whose lead source is Inbound. */
const withSource = async () => {
  const s = await scenario({ given: [addContact('bob', 'c1', 'Ada')] });
  await s.given({ type: 'DefineField', actor: 'ann', orgId: 'acme', definition: source });
  await s.given({ type: 'SetFieldValue', ...bob, fieldId: 'source', value: 'Inbound' });
  return s;
};

const fieldsOf = async (s: Awaited<ReturnType<typeof scenario>>) => {
  const view = await s.rapport.as('bob').contact('acme', 'c1');
  if (view._tag === 'Left') throw new Error(view.left.message);
  return view.right.mine?.fields ?? [];
};

describe('R-SET-1: field definitions that change', () => {
  it('R-SET-1: a field is renamed, gains an option and retires one; the value holding the retired option stays and is reported, and no new value takes it', async () => {
    const s = await withSource();
    const [changed] = await s.accepted(
      redefine({
        ...source,
        name: 'Found via',
        valueType: { type: 'pick_one', options: ['Referral', 'Event'] },
      }),
    );
    expect(changed).toMatchObject({
      type: 'FieldRedefined',
      data: { definition: { name: 'Found via' }, previous: source },
    });
    expect(await fieldsOf(s)).toEqual([
      expect.objectContaining({
        fieldId: 'source',
        name: 'Found via',
        value: { type: 'pick_one', value: 'Inbound' },
        inScope: true,
        retiredOptions: ['Inbound'],
      }),
    ]);
    expect(
      await s.rejected({ type: 'SetFieldValue', ...bob, fieldId: 'source', value: 'Inbound' }),
    ).toMatchObject({
      rule: 'R-FIELD-3',
    });
    await s.accepted({ type: 'SetFieldValue', ...bob, fieldId: 'source', value: 'Event' });
    expect(await fieldsOf(s)).toEqual([
      expect.objectContaining({ value: { type: 'pick_one', value: 'Event' }, retiredOptions: [] }),
    ]);
  });

  it('R-SET-1: new limits keep the values outside them, out of scope (R-FIELD-4), and audiences reading the field follow', async () => {
    const s = await withSource();
    await s.accepted({
      type: 'DefineAudience',
      actor: 'bob',
      orgId: 'acme',
      audienceId: 'sourced',
      name: 'Sourced',
      filter: { op: 'field', fieldId: 'source', test: { is: 'set' } },
    });
    const members = async () => {
      const list = await s.rapport.as('bob').members('acme', 'sourced');
      if (list._tag === 'Left') throw new Error(list.left.message);
      return list.right;
    };
    expect(await members()).toEqual(['c1']);
    await s.accepted(redefine({ ...source, stages: ['active'] }));
    expect(await fieldsOf(s)).toEqual([
      expect.objectContaining({ value: { type: 'pick_one', value: 'Inbound' }, inScope: false }),
    ]);
    expect(await members()).toEqual([]);
    await s.accepted(redefine(source));
    expect(await fieldsOf(s)).toEqual([expect.objectContaining({ inScope: true })]);
    expect(await members()).toEqual(['c1']);
  });

  it('R-SET-1: a field keeps its id and the kind of its values; only an administrator changes it, and a retired field no longer changes', async () => {
    const s = await withSource();
    expect(await s.rejected(redefine({ ...source, valueType: { type: 'text' } }))).toMatchObject({
      code: 'FIELD_TYPE_CHANGED',
      rule: 'R-SET-1',
    });
    expect(await s.rejected(redefine({ ...source, fieldId: 'nowhere' }))).toMatchObject({
      code: 'UNKNOWN_FIELD',
      rule: 'R-SET-1',
    });
    expect(await s.rejected(redefine({ ...source, name: 'Mine' }, 'bob'))).toMatchObject({
      code: 'NOT_AN_ADMINISTRATOR',
    });
    expect(await s.rejected(redefine({ ...source, segments: ['nowhere'] }))).toMatchObject({
      code: 'UNKNOWN_SEGMENT',
    });
    expect(await s.accepted(redefine(source))).toEqual([]);
    await s.accepted({ type: 'RetireField', actor: 'ann', orgId: 'acme', fieldId: 'source' });
    expect(await s.rejected(redefine({ ...source, name: 'Again' }))).toMatchObject({
      code: 'FIELD_RETIRED',
      rule: 'R-FIELD-5',
    });
  });

  it('R-SET-1: the history shows each change: a replay to a position before it gives the definition then, and the events after it are the same as live', async () => {
    const s = await withSource();
    const before = await s.store.headPosition();
    await s.accepted(redefine({ ...source, name: 'Found via' }));
    const nameAt = async (position?: number) =>
      (
        await readModelsAt(s.store, position === undefined ? undefined : { position })
      ).models.projections.organization('acme')?.fields['source']?.definition.name;
    expect(await nameAt(before)).toBe('Lead source');
    // A contact's timeline shows each value under the field's name when it was set.
    await s.accepted({ type: 'SetFieldValue', ...bob, fieldId: 'source', value: 'Referral' });
    const { changes } = await readContactTimeline(s.store, at);
    expect(
      changes
        .filter((change) => change.field === 'field:source')
        .map((change) => [change.fieldName, change.to]),
    ).toEqual([
      ['Lead source', { type: 'pick_one', value: 'Inbound' }],
      ['Found via', { type: 'pick_one', value: 'Referral' }],
    ]);
    expect(await nameAt()).toBe('Found via');
    expect((await readModelsAt(s.store)).models.projections.snapshot()).toEqual(
      (await projectionsOf(s.rapport)).snapshot(),
    );
  });
});

describe('R-SET-1: no value is lost by a setting change', () => {
  it('R-SET-1: over random stories with field changes among them, every value a view showed before a change it shows after, the same, in scope or reported out of it', async () => {
    let changes = 0;
    let valuesKept = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof({ weight: 4, arbitrary: relationshipCommand }, { weight: 1, arbitrary: redefineTier }),
          {
            minLength: 5,
            maxLength: 30,
          },
        ),
        async (commands) => {
          const { rapport } = await freshWorld();
          /** Every field value each user's view of each contact shows, with the field's id. */
          const shown = async () => {
            const values: Record<string, unknown> = {};
            for (const userId of USERS)
              for (const contactId of CONTACTS) {
                const view = await rapport.as(userId).contact(ORG, contactId);
                if (view._tag === 'Left') continue;
                for (const copy of [view.right.mine, view.right.team])
                  for (const field of copy?.fields ?? [])
                    values[
                      `${userId} ${contactId} ${copy === view.right.team ? 'team' : 'mine'} ${field.fieldId}`
                    ] = field.value;
              }
            return values;
          };
          for (const command of commands) {
            const before = command['type'] === 'RedefineField' ? await shown() : undefined;
            const result = await executeInput(rapport, command);
            if (before === undefined || result._tag === 'Left' || result.right.length === 0) continue;
            changes += 1;
            valuesKept += Object.keys(before).length;
            expect(await shown()).toEqual(before);
          }
        },
      ),
      { numRuns: 40 },
    );
    expect(changes).toBeGreaterThan(0);
    // Values were there to lose: the world sets them.
    expect(valuesKept).toBeGreaterThan(0);
  });
});
