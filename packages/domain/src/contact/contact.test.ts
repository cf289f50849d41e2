import { describe, expect, it } from 'vitest';
import {
  addContact,
  createEngagement,
  defineChecklist,
  defineField,
  defineSection,
  defineSegment,
  onEngagement,
  ok,
  scenario,
  typesOf,
} from '../testing/index.js';
import { STAGES } from '../vocabulary.js';
import { projectionsOf } from '../testing/projections.js';
import { readEverything } from '@rapport/core/testing';
import { createRapport } from '../rapport/facade.js';

const at = { orgId: 'acme', contactId: 'c1' };
const bob = { actor: 'bob', ...at };

const withContact = () => scenario({ given: [addContact('bob', 'c1', 'Ada')] });

/** Bob's copy of c1 as a customer at stage lead, whose checklist's step `call` is current. */
const withCurrentCall = async () => {
  const s = await withContact();
  await s.given(
    defineChecklist('customer', 'lead', [{ stepId: 'call', title: 'Call' }]),
    { type: 'SetSegment', ...bob, segmentId: 'customer' },
    { type: 'SetStage', ...bob, stage: 'lead' },
    { type: 'SetNextStep', ...bob, stepId: 'call' },
  );
  return s;
};

const mine = async (s: Awaited<ReturnType<typeof scenario>>, userId = 'bob') => {
  const view = await s.rapport.as(userId).contact('acme', 'c1');
  if (view._tag === 'Left') throw new Error(view.left.message);
  return view.right;
};

describe('R-STAGE: stage', () => {
  it('R-STAGE-1: the stages are lead, potential, active, inactive, lost, or none', async () => {
    expect(STAGES).toEqual(['lead', 'potential', 'active', 'inactive', 'lost']);
    const s = await withContact();
    expect((await mine(s)).mine?.stage).toBeNull();
    expect((await s.rejected({ type: 'SetStage', ...bob, stage: 'won' })).path).toBe('stage');
  });

  it('R-STAGE-2: a copy has one stage, and setting the same stage again appends no event', async () => {
    const s = await withContact();
    await s.accepted({ type: 'SetStage', ...bob, stage: 'lead' });
    await s.accepted({ type: 'SetStage', ...bob, stage: 'active' });
    expect(await s.accepted({ type: 'SetStage', ...bob, stage: 'active' })).toEqual([]);
    expect((await mine(s)).mine?.stage).toBe('active');
  });

  it('R-STAGE-3: any transition is allowed and each change carries the previous value', async () => {
    const s = await withContact();
    const path = ['lost', 'lead', 'inactive', 'potential', 'active', 'lead'] as const;
    let previous: string | null = null;
    for (const stage of path) {
      const [event] = await s.accepted({ type: 'SetStage', ...bob, stage });
      expect(event).toMatchObject({
        type: 'StageSet',
        data: { stage, previous, copy: { owner: 'user', userId: 'bob' } },
      });
      previous = stage;
    }
    const [cleared] = await s.accepted({ type: 'ClearStage', ...bob });
    expect(cleared).toMatchObject({ type: 'StageCleared', data: { previous: 'lead', reason: 'command' } });
  });

  it('R-STAGE-4: changing the stage clears the current next step, by an event', async () => {
    const s = await withCurrentCall();
    const events = await s.accepted({ type: 'SetStage', ...bob, stage: 'potential' });
    expect(typesOf(events)).toEqual(['StageSet', 'NextStepCleared']);
    expect(events[1]).toMatchObject({ data: { previous: 'call', reason: 'stage_changed' } });
  });

  it('R-STAGE-5: no stage for a personal segment; moving to one clears the stage by an event', async () => {
    const s = await withContact();
    await s.accepted({ type: 'SetStage', ...bob, stage: 'potential' });
    const events = await s.accepted({ type: 'SetSegment', ...bob, segmentId: 'family' });
    expect(typesOf(events)).toEqual(['SegmentSet', 'StageCleared']);
    expect(events[1]).toMatchObject({ data: { previous: 'potential', reason: 'personal_segment' } });
    const rejection = await s.rejected({ type: 'SetStage', ...bob, stage: 'potential' });
    expect(rejection).toMatchObject({ code: 'STAGE_PERSONAL_SEGMENT', rule: 'R-STAGE-5' });
    expect(rejection.message).toBe(
      'Rejected SetStage for contact c1: stage "potential" is not available for a personal segment (family)',
    );
  });
});

describe('R-SEG: segment', () => {
  it('R-SEG-1: the built-in business and personal segments are available to every organization', async () => {
    const s = await withContact();
    for (const segmentId of [
      'customer',
      'buyer',
      'seller',
      'partner',
      'supplier',
      'investor',
      'adviser',
      'competitor',
      'coworker',
    ])
      expect((await s.accepted({ type: 'SetSegment', ...bob, segmentId }))[0]).toMatchObject({
        data: { segmentKind: 'business' },
      });
    for (const segmentId of ['family', 'friend', 'connection', 'sphere_of_influence'])
      expect((await s.accepted({ type: 'SetSegment', ...bob, segmentId }))[0]).toMatchObject({
        data: { segmentKind: 'personal' },
      });
  });

  it('R-SEG-2: custom segments, business or personal, with unique ids; unknown segments are rejected', async () => {
    const s = await withContact();
    await s.accepted(defineSegment('golfers', 'Golfers', 'personal'));
    expect(await s.rejected(defineSegment('golfers', 'Again', 'business'))).toMatchObject({
      code: 'SEGMENT_EXISTS',
      rule: 'R-SEG-2',
    });
    expect(await s.rejected(defineSegment('customer', 'Mine', 'business'))).toMatchObject({
      code: 'SEGMENT_EXISTS',
    });
    expect((await s.accepted({ type: 'SetSegment', ...bob, segmentId: 'golfers' }))[0]).toMatchObject({
      data: { segmentKind: 'personal' },
    });
    expect(await s.rejected({ type: 'SetSegment', ...bob, segmentId: 'chess' })).toMatchObject({
      code: 'UNKNOWN_SEGMENT',
      rule: 'R-SEG-2',
    });
  });

  it('R-SEG-3: a copy has at most one segment: setting another replaces it', async () => {
    const s = await withContact();
    await s.accepted({ type: 'SetSegment', ...bob, segmentId: 'customer' });
    const [event] = await s.accepted({ type: 'SetSegment', ...bob, segmentId: 'partner' });
    expect(event).toMatchObject({ data: { segment: 'partner', previous: 'customer' } });
    expect((await mine(s)).mine?.segment).toBe('partner');
    expect(await s.accepted({ type: 'SetSegment', ...bob, segmentId: 'partner' })).toEqual([]);
  });

  it('R-SEG-4: changing or clearing the segment clears the current next step', async () => {
    const s = await withCurrentCall();
    expect(typesOf(await s.accepted({ type: 'ClearSegment', ...bob }))).toEqual([
      'SegmentCleared',
      'NextStepCleared',
    ]);
  });

  it('R-SEG-5: keep-in-touch is derived: a stage and a business segment', async () => {
    const s = await withContact();
    expect((await mine(s)).mine?.keepInTouch).toBe(false);
    await s.accepted({ type: 'SetSegment', ...bob, segmentId: 'customer' });
    expect((await mine(s)).mine?.keepInTouch).toBe(false);
    await s.accepted({ type: 'SetStage', ...bob, stage: 'lead' });
    expect((await mine(s)).mine?.keepInTouch).toBe(true);
    await s.accepted({ type: 'SetSegment', ...bob, segmentId: 'friend' });
    expect((await mine(s)).mine?.keepInTouch).toBe(false);
    const stored = JSON.stringify((await projectionsOf(s.rapport)).snapshot());
    expect(stored).not.toContain('keepInTouch');
  });
});

describe('R-STEP: next steps', () => {
  const checklist = defineChecklist('customer', 'lead', [
    {
      stepId: 'call',
      title: 'First call',
      reminder: { afterDays: 2 },
      emailTemplate: { subject: 'Hello {{name}}', body: 'Budget: {{budget}} {{nickname}}' },
    },
    { stepId: 'meet', title: 'Meet' },
  ]);
  const ready = async () => {
    const s = await withContact();
    await s.given(
      checklist,
      { type: 'SetSegment', ...bob, segmentId: 'customer' },
      { type: 'SetStage', ...bob, stage: 'lead' },
    );
    return s;
  };

  it('R-STEP-1: settings define an ordered checklist per (segment, stage), with reminder and template', async () => {
    const s = await withContact();
    const [event] = await s.accepted(checklist);
    expect(event).toMatchObject({
      type: 'ChecklistDefined',
      data: { segmentId: 'customer', stage: 'lead', previous: null },
    });
    expect(await s.rejected({ ...checklist, segmentId: 'nowhere' })).toMatchObject({
      code: 'UNKNOWN_SEGMENT',
      rule: 'R-STEP-1',
    });
    expect(
      (
        await s.rejected({
          ...checklist,
          steps: [
            { stepId: 'a', title: 'A' },
            { stepId: 'a', title: 'B' },
          ],
        })
      ).code,
    ).toBe('COMMAND_INVALID');
    expect(
      (await s.rejected({ ...checklist, steps: [{ stepId: 'a', title: 'A', reminder: { afterDays: 1.5 } }] }))
        .path,
    ).toMatch(/^steps/);
  });

  it('R-STEP-2: the current step must belong to the checklist of the current (segment, stage)', async () => {
    const s = await ready();
    expect(await s.rejected({ type: 'SetNextStep', ...bob, stepId: 'dance' })).toMatchObject({
      code: 'STEP_NOT_IN_CHECKLIST',
      rule: 'R-STEP-2',
    });
    await s.accepted({ type: 'SetNextStep', ...bob, stepId: 'meet' });
    await s.accepted({ type: 'SetStage', ...bob, stage: 'potential' });
    expect(await s.rejected({ type: 'SetNextStep', ...bob, stepId: 'call' })).toMatchObject({
      rule: 'R-STEP-2',
    });
  });

  it('R-STEP-3: completing the current step makes the next one current; after the last, none', async () => {
    const s = await ready();
    expect(await s.rejected({ type: 'CompleteNextStep', ...bob })).toMatchObject({
      code: 'NO_CURRENT_STEP',
      rule: 'R-STEP-3',
    });
    await s.accepted({ type: 'SetNextStep', ...bob, stepId: 'call' });
    expect(await s.rejected({ type: 'CompleteNextStep', ...bob, stepId: 'meet' })).toMatchObject({
      code: 'STEP_NOT_CURRENT',
    });
    expect((await s.accepted({ type: 'CompleteNextStep', ...bob, stepId: 'call' }))[0]).toMatchObject({
      data: { stepId: 'call', next: 'meet' },
    });
    expect((await mine(s)).mine?.step?.stepId).toBe('meet');
    expect((await s.accepted({ type: 'CompleteNextStep', ...bob }))[0]).toMatchObject({
      data: { stepId: 'meet', next: null },
    });
    expect((await mine(s)).mine?.step).toBeNull();
  });

  it('R-STEP-4: a stage or segment change clears the current step by an event', async () => {
    const s = await ready();
    await s.accepted({ type: 'SetNextStep', ...bob, stepId: 'call' });
    const events = await s.accepted({ type: 'SetSegment', ...bob, segmentId: 'partner' });
    expect(typesOf(events)).toEqual(['SegmentSet', 'NextStepCleared']);
    expect((await mine(s)).mine?.step).toBeNull();
  });

  it('R-STEP-5: the reminder due date and the rendered email derive from the events; unknown placeholders are reported', async () => {
    const s = await ready();
    await s.accepted(defineField('budget', 'Budget', { type: 'decimal' }));
    await s.accepted({ type: 'SetFieldValue', ...bob, fieldId: 'budget', value: '1,000.50' });
    const [set] = await s.accepted({ type: 'SetNextStep', ...bob, stepId: 'call' });
    const step = (await mine(s)).mine?.step;
    expect(step?.setAt).toBe(set?.recordedAt);
    expect(step?.reminderDue).toBe('2026-11-25');
    expect(step?.email?.subject).toBe('Hello Ada');
    expect(step?.email?.body).toMatch(/^Budget: 1,?000\.5 $/);
    expect(step?.email?.unknownPlaceholders).toEqual(['nickname']);
  });

  it("R-STEP-6: a step's reminder is fixed when the step is set: a later afterDays moves no due date already given", async () => {
    const s = await ready();
    await s.accepted({ type: 'SetNextStep', ...bob, stepId: 'call' });
    expect((await mine(s)).mine?.step?.reminderDue).toBe('2026-11-25');
    const [call, meet] = (checklist as { steps: ReadonlyArray<Record<string, unknown>> }).steps;
    await s.accepted(defineChecklist('customer', 'lead', [{ ...call, reminder: { afterDays: 10 } }, meet!]));
    expect((await mine(s)).mine?.step).toMatchObject({
      stepId: 'call',
      reminderDue: '2026-11-25',
      retired: null,
    });
    // A step set after the change gets the new reminder.
    await s.given(
      addContact('bob', 'c2', 'Grace'),
      { type: 'SetSegment', ...bob, contactId: 'c2', segmentId: 'customer' },
      { type: 'SetStage', ...bob, contactId: 'c2', stage: 'lead' },
      { type: 'SetNextStep', ...bob, contactId: 'c2', stepId: 'call' },
    );
    const grace = ok(await s.rapport.as('bob').contact('acme', 'c2')).mine;
    expect(grace?.step?.reminderDue).toBe('2026-12-03');
    // The due dates are a function of the history: a facade that replays it gives the same.
    const replayed = createRapport({ store: s.store }).as('bob');
    expect(ok(await replayed.contact('acme', 'c1')).mine?.step?.reminderDue).toBe('2026-11-25');
    expect(ok(await replayed.contact('acme', 'c2')).mine?.step?.reminderDue).toBe('2026-12-03');
  });

  it('R-STEP-7: a copy whose step left its checklist keeps it, flagged retired with the reason; completing it makes no step current', async () => {
    const s = await ready();
    await s.accepted({ type: 'SetNextStep', ...bob, stepId: 'meet' });
    const before = await readEverything(s.store);
    const [redefined] = await s.accepted(
      defineChecklist('customer', 'lead', [{ stepId: 'call', title: 'Call' }]),
    );
    // Redefining changes no history: one settings event, nothing on the copies.
    expect(typesOf([redefined!])).toEqual(['ChecklistDefined']);
    expect((await readEverything(s.store)).slice(0, before.length)).toEqual(before);
    const step = (await mine(s)).mine?.step;
    expect(step).toMatchObject({ stepId: 'meet', title: 'Meet' });
    expect(step?.retired).toMatch(/no longer in the checklist of segment customer and stage lead/);
    expect((await s.accepted({ type: 'CompleteNextStep', ...bob }))[0]).toMatchObject({
      data: { stepId: 'meet', next: null },
    });
    expect((await mine(s)).mine?.step).toBeNull();
    // A step the checklist has again is not retired.
    await s.accepted({ type: 'SetNextStep', ...bob, stepId: 'call' });
    expect((await mine(s)).mine?.step).toMatchObject({ stepId: 'call', title: 'Call', retired: null });
  });
});

describe('R-FIELD: custom fields', () => {
  it('R-FIELD-1: seven types; decimals and currency amounts stay exact, dates are calendar dates', async () => {
    const s = await withContact();
    const types = [
      ['t', { type: 'text' }, 'hello', { type: 'text', value: 'hello' }],
      ['p1', { type: 'pick_one', options: ['Gold', 'Silver'] }, 'Gold', { type: 'pick_one', value: 'Gold' }],
      ['pm', { type: 'pick_many', options: ['A', 'B'] }, ['B', 'A'], { type: 'pick_many' }],
      ['d', { type: 'date' }, '2024-02-29', { type: 'date', value: '2024-02-29' }],
      ['n', { type: 'round_number' }, 1000, { type: 'round_number', value: 1000 }],
      [
        'x',
        { type: 'decimal' },
        '0.10000000000000000001',
        { type: 'decimal', value: '0.10000000000000000001' },
      ],
      [
        'm',
        { type: 'currency' },
        { amount: '1000.25', currency: 'EUR' },
        { type: 'currency', value: { amount: '1000.25', currency: 'EUR' } },
      ],
    ] as const;
    for (const [fieldId, valueType, raw, stored] of types) {
      await s.accepted(defineField(fieldId, fieldId, valueType));
      expect((await s.accepted({ type: 'SetFieldValue', ...bob, fieldId, value: raw }))[0]).toMatchObject({
        data: { value: stored },
      });
    }
    expect(
      await s.rejected({ type: 'SetFieldValue', ...bob, fieldId: 'd', value: '2023-02-29' }),
    ).toMatchObject({ code: 'FIELD_DATE_INVALID', rule: 'R-FIELD-3' });
  });

  it('R-FIELD-2: a definition names its entity kinds, optional segment and stage limits, and an existing section', async () => {
    const s = await withContact();
    expect(await s.rejected(defineField('f', 'F', { type: 'text' }, { sectionId: 'billing' }))).toMatchObject(
      { code: 'UNKNOWN_SECTION', rule: 'R-FIELD-2' },
    );
    await s.accepted(defineSection('billing', 'Billing'));
    await s.accepted(defineField('f', 'F', { type: 'text' }, { sectionId: 'billing' }));
    expect(await s.rejected(defineField('f', 'G', { type: 'text' }, { appliesTo: ['deal'] }))).toMatchObject({
      code: 'FIELD_EXISTS',
    });
    expect(
      await s.rejected(defineField('g', 'G', { type: 'text' }, { segments: ['nowhere'] })),
    ).toMatchObject({ code: 'UNKNOWN_SEGMENT' });
    await s.accepted({ type: 'SetFieldValue', ...bob, fieldId: 'f', value: 'x' });
    expect((await mine(s)).mine?.fields[0]).toMatchObject({
      fieldId: 'f',
      sectionId: 'billing',
      inScope: true,
    });
  });

  it('R-FIELD-6: a definition whose limits no copy of one of its kinds could meet is rejected with the reason', async () => {
    const s = await withContact();
    const segmentOnDeals = await s.rejected(
      defineField(
        'budget',
        'Budget',
        { type: 'text' },
        { appliesTo: ['person', 'deal'], segments: ['customer'] },
      ),
    );
    expect(segmentOnDeals).toMatchObject({ code: 'FIELD_SCOPE_UNMEETABLE', rule: 'R-FIELD-6' });
    expect(segmentOnDeals.message).toContain('deal, which have no segment');
    const stageOnPersonal = await s.rejected(
      defineField('gift', 'Gift', { type: 'text' }, { segments: ['family', 'friend'], stages: ['active'] }),
    );
    expect(stageOnPersonal).toMatchObject({ code: 'FIELD_SCOPE_UNMEETABLE', rule: 'R-FIELD-6' });
    expect(stageOnPersonal.message).toContain('a copy in a personal segment has no stage');
    // Limits each kind can meet are accepted: stages on deals, a stage with a business segment
    // among personal ones, personal segments without a stage.
    await s.accepted(
      defineField('close', 'Close', { type: 'date' }, { appliesTo: ['deal'], stages: ['active'] }),
    );
    await s.accepted(
      defineField(
        'mixed',
        'Mixed',
        { type: 'text' },
        { segments: ['family', 'customer'], stages: ['active'] },
      ),
    );
    await s.accepted(defineField('birthday', 'Birthday', { type: 'date' }, { segments: ['family'] }));
    // A rejected definition left nothing behind: its id is free.
    await s.accepted(defineField('budget', 'Budget', { type: 'text' }, { appliesTo: ['deal'] }));
  });

  it('R-FIELD-3: a value is checked against its type and the copy kind, segment and stage; the rejection names the field', async () => {
    const s = await withContact();
    await s.accepted(
      defineField(
        'tier',
        'Tier',
        { type: 'pick_one', options: ['Gold'] },
        { segments: ['customer'], stages: ['active'] },
      ),
    );
    await s.accepted(defineField('size', 'Size', { type: 'round_number' }, { appliesTo: ['company'] }));
    expect(await s.rejected({ type: 'SetFieldValue', ...bob, fieldId: 'size', value: 3 })).toMatchObject({
      code: 'FIELD_OUT_OF_SCOPE',
      rule: 'R-FIELD-3',
    });
    expect(await s.rejected({ type: 'SetFieldValue', ...bob, fieldId: 'tier', value: 'Gold' })).toMatchObject(
      { code: 'FIELD_OUT_OF_SCOPE' },
    );
    await s.accepted({ type: 'SetSegment', ...bob, segmentId: 'customer' });
    await s.accepted({ type: 'SetStage', ...bob, stage: 'active' });
    const bad = await s.rejected({ type: 'SetFieldValue', ...bob, fieldId: 'tier', value: 'Bronze' });
    expect(bad).toMatchObject({ code: 'FIELD_OPTION_UNKNOWN', rule: 'R-FIELD-3' });
    expect(bad.message).toContain('Tier');
    await s.accepted({ type: 'SetFieldValue', ...bob, fieldId: 'tier', value: 'Gold' });
    expect(await s.rejected({ type: 'SetFieldValue', ...bob, fieldId: 'nope', value: 1 })).toMatchObject({
      code: 'UNKNOWN_FIELD',
    });
  });

  it('R-FIELD-4: a value outside the current scope is kept and reported out of scope', async () => {
    const s = await withContact();
    await s.accepted(defineField('tier', 'Tier', { type: 'text' }, { stages: ['active'] }));
    await s.accepted({ type: 'SetStage', ...bob, stage: 'active' });
    await s.accepted({ type: 'SetFieldValue', ...bob, fieldId: 'tier', value: 'Gold' });
    await s.accepted({ type: 'SetStage', ...bob, stage: 'inactive' });
    expect((await mine(s)).mine?.fields).toEqual([
      expect.objectContaining({ fieldId: 'tier', inScope: false, display: 'Gold' }),
    ]);
    await s.accepted({ type: 'SetStage', ...bob, stage: 'active' });
    expect((await mine(s)).mine?.fields).toEqual([
      expect.objectContaining({ fieldId: 'tier', inScope: true }),
    ]);
  });

  it('R-FIELD-5: retiring a field hides its values; history keeps them; new values are rejected', async () => {
    const s = await withContact();
    await s.accepted(defineField('f', 'F', { type: 'text' }));
    await s.accepted({ type: 'SetFieldValue', ...bob, fieldId: 'f', value: 'kept' });
    expect(
      typesOf(await s.accepted({ type: 'RetireField', actor: 'ann', orgId: 'acme', fieldId: 'f' })),
    ).toEqual(['FieldRetired']);
    expect(await s.accepted({ type: 'RetireField', actor: 'ann', orgId: 'acme', fieldId: 'f' })).toEqual([]);
    expect((await mine(s)).mine?.fields).toEqual([]);
    expect(await s.rejected({ type: 'SetFieldValue', ...bob, fieldId: 'f', value: 'new' })).toMatchObject({
      code: 'FIELD_RETIRED',
      rule: 'R-FIELD-5',
    });
    const history = await s.store.readStream('contact-acme/c1');
    expect(history.some((e) => e.type === 'FieldValueSet' && JSON.stringify(e.data).includes('kept'))).toBe(
      true,
    );
  });
});

describe('R-TAG: tags', () => {
  it('R-TAG-1: tags label persons and companies across segments, and projects and deals', async () => {
    const s = await withContact();
    await s.given(
      addContact('bob', 'co', 'Acme Ltd', 'company'),
      { type: 'SetSegment', ...bob, segmentId: 'family' },
      { type: 'ApplyTag', ...bob, tag: 'Holiday card' },
      { type: 'ApplyTag', ...bob, contactId: 'co', tag: 'Holiday card' },
      createEngagement('bob', 'd1'),
      onEngagement('bob', 'd1', 'ApplyEngagementTag', { tag: 'Holiday card' }),
    );
    const people = await s.rapport.as('bob').myPeople('acme');
    expect(people._tag === 'Right' && people.right.contacts.map((c) => c.tags)).toEqual([
      ['Holiday card'],
      ['Holiday card'],
    ]);
    const team = await s.rapport.as('bob').teamView('acme');
    expect(team._tag === 'Right' && team.right.engagements[0]?.tags).toEqual(['Holiday card']);
  });

  it('R-TAG-2: tags compare trimmed and case-insensitively, keep the first spelling; present/absent are no-ops', async () => {
    const s = await withContact();
    expect((await s.accepted({ type: 'ApplyTag', ...bob, tag: '  VIP ' }))[0]).toMatchObject({
      data: { tag: 'VIP' },
    });
    expect(await s.accepted({ type: 'ApplyTag', ...bob, tag: 'vip' })).toEqual([]);
    expect((await mine(s)).mine?.tags).toEqual(['VIP']);
    expect((await s.accepted({ type: 'RemoveTag', ...bob, tag: ' Vip' }))[0]).toMatchObject({
      data: { tag: 'VIP' },
    });
    expect(await s.accepted({ type: 'RemoveTag', ...bob, tag: 'vip' })).toEqual([]);
    expect((await s.rejected({ type: 'ApplyTag', ...bob, tag: '   ' })).code).toBe('COMMAND_INVALID');
  });
});

describe('R-ARCH: archive', () => {
  it('R-ARCH-1: a lead, potential or active copy cannot be archived, nor an assigned contact', async () => {
    const s = await withContact();
    for (const stage of ['lead', 'potential', 'active']) {
      await s.accepted({ type: 'SetStage', ...bob, stage });
      expect(await s.rejected({ type: 'ArchiveContact', ...bob })).toMatchObject({
        code: 'ARCHIVE_ACTIVE_STAGE',
        rule: 'R-ARCH-1',
      });
    }
    await s.accepted({ type: 'SetStage', ...bob, stage: 'inactive' });
    await s.accepted({ type: 'AssignUser', ...bob, userId: 'bob' });
    expect(await s.rejected({ type: 'ArchiveContact', ...bob })).toMatchObject({
      code: 'ARCHIVE_ASSIGNED',
      rule: 'R-ARCH-1',
    });
    await s.accepted({ type: 'UnassignUser', ...bob, userId: 'bob' });
    expect(typesOf(await s.accepted({ type: 'ArchiveContact', ...bob }))).toEqual(['ContactArchived']);
  });

  it('R-ARCH-2: an archived copy keeps its history, refuses changes and can be restored', async () => {
    const s = await withContact();
    await s.accepted({ type: 'ApplyTag', ...bob, tag: 'x' });
    await s.accepted({ type: 'ArchiveContact', ...bob });
    expect((await mine(s)).mine).toMatchObject({ archived: true, tags: ['x'] });
    expect(await s.rejected({ type: 'ApplyTag', ...bob, tag: 'y' })).toMatchObject({
      code: 'CONTACT_ARCHIVED',
    });
    expect(typesOf(await s.accepted({ type: 'RestoreContact', ...bob }))).toEqual(['ContactRestored']);
    expect((await mine(s)).mine?.archived).toBe(false);
    expect(typesOf(await s.store.readStream('contact-acme/c1'))).toEqual([
      'ContactAdded',
      'TagApplied',
      'ContactArchived',
      'ContactRestored',
    ]);
  });

  it('D-ARCH-1: an archived copy, or an archived team copy, cannot be assigned; restore it first', async () => {
    const s = await withContact();
    await s.accepted({ type: 'ArchiveContact', ...bob });
    // Not shared yet: assigning would share bob's archived copy.
    expect(await s.rejected({ type: 'AssignUser', ...bob, userId: 'cat' })).toMatchObject({
      code: 'CONTACT_ARCHIVED',
      rule: 'D-ARCH-1',
    });
    await s.accepted({ type: 'RestoreContact', ...bob });
    await s.accepted({ type: 'SetSegment', ...bob, segmentId: 'customer' });
    await s.accepted({ type: 'ArchiveContact', actor: 'mia', ...at, target: 'team' });
    expect(await s.rejected({ type: 'AssignUser', ...bob, userId: 'cat' })).toMatchObject({
      code: 'CONTACT_ARCHIVED',
      rule: 'D-ARCH-1',
    });
  });
});

describe('D-CONTACT: adding contacts', () => {
  it('D-CONTACT-1: a contact id has one kind across every copy; adding it with another kind is rejected', async () => {
    const s = await withContact();
    expect(await s.rejected(addContact('cat', 'c1', 'Ada Ltd', 'company'))).toMatchObject({
      code: 'CONTACT_KIND_MISMATCH',
      rule: 'D-CONTACT-1',
    });
    expect(typesOf(await s.accepted(addContact('cat', 'c1', 'Ada')))).toEqual(['ContactAdded']);
  });

  it('D-CONTACT-2: a user adds a contact to their My People once; adding it again is rejected', async () => {
    const s = await withContact();
    expect(await s.rejected(addContact('bob', 'c1', 'Ada again'))).toMatchObject({
      code: 'CONTACT_EXISTS',
      rule: 'D-CONTACT-2',
    });
    expect((await mine(s)).mine?.name).toBe('Ada');
  });
});
