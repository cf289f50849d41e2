/**
 * A small world for the sync and audience properties: one organization, four members who all hold
 * three contacts (two of them shared), a deal, a checklist and two custom fields, and arbitrary
 * commands over them. Many
 * commands are rejected, which the properties need as much as the accepted ones; prompt answers
 * are drawn as "the n-th prompt of the actor", resolved when they run.
 */
import fc from 'fast-check';
import { createInMemoryEventStore, type InMemoryEventStore } from '@rapport/core';
import { createRapport, type Rapport } from '../../rapport/facade.js';
import { executeInput } from '../../testing/execute.js';

export const ORG = 'acme';
export const USERS = ['ann', 'bob', 'cat', 'dan'] as const;
export const CONTACTS = ['c1', 'c2', 'c3'] as const;

const setup: ReadonlyArray<Record<string, unknown>> = [
  { type: 'CreateOrganization', actor: 'ann', orgId: ORG, name: 'Acme' },
  { type: 'AddMember', actor: 'ann', orgId: ORG, userId: 'bob', role: 'manager' },
  { type: 'AddMember', actor: 'ann', orgId: ORG, userId: 'cat', role: 'member' },
  { type: 'AddMember', actor: 'ann', orgId: ORG, userId: 'dan', role: 'member' },
  { type: 'DefineSegment', actor: 'ann', orgId: ORG, segmentId: 'golf', name: 'Golf', kind: 'personal' },
  ...(['customer', 'partner'] as const).flatMap((segmentId) =>
    (['lead', 'potential', 'active'] as const).map((stage) => ({
      type: 'DefineChecklist',
      actor: 'ann',
      orgId: ORG,
      segmentId,
      stage,
      steps: [
        { stepId: 'call', title: 'Call' },
        { stepId: stage === 'active' ? 'meet' : 'send', title: 'Next' },
      ],
    })),
  ),
  {
    type: 'DefineField',
    actor: 'ann',
    orgId: ORG,
    definition: {
      fieldId: 'amount',
      name: 'Amount',
      valueType: { type: 'decimal' },
      appliesTo: ['person', 'company'],
    },
  },
  {
    type: 'DefineField',
    actor: 'ann',
    orgId: ORG,
    definition: {
      fieldId: 'tier',
      name: 'Tier',
      valueType: { type: 'text' },
      appliesTo: ['person'],
      stages: ['active'],
    },
  },
  { type: 'CreateEngagement', actor: 'bob', orgId: ORG, engagementId: 'd1', kind: 'deal', name: 'Deal' },
  ...USERS.flatMap((actor) =>
    CONTACTS.map((contactId) => ({
      type: 'AddContact',
      actor,
      orgId: ORG,
      contactId,
      kind: 'person',
      name: 'Ada',
    })),
  ),
  { type: 'SetSegment', actor: 'bob', orgId: ORG, contactId: 'c1', segmentId: 'customer' },
  { type: 'SetSegment', actor: 'ann', orgId: ORG, contactId: 'c2', segmentId: 'partner' },
];

/** A facade over a fresh store with the world set up. */
export const freshWorld = async (): Promise<{ rapport: Rapport; store: InMemoryEventStore }> => {
  const store = createInMemoryEventStore();
  let tick = 0;
  const rapport = createRapport({ store, clock: () => new Date(Date.UTC(2026, 0, 1) + tick++ * 60_000) });
  for (const command of setup) {
    const result = await executeInput(rapport, command);
    if (result._tag === 'Left') throw new Error(result.left.message);
  }
  return { rapport, store };
};

/** An answer to the actor's n-th prompt, resolved against the prompts when it runs. */
export interface PromptAnswer {
  readonly answer: 'act' | 'mine' | 'theirs' | 'dismiss';
  readonly actor: string;
  readonly pick: number;
}

export type WorldStep = { readonly command: Record<string, unknown> } | { readonly prompt: PromptAnswer };

const actor = fc.constantFrom(...USERS);
const contactId = fc.constantFrom(...CONTACTS);
const target = fc.constantFrom<Record<string, unknown>>({}, {}, { target: 'team' });

const onCopy = (type: string, extra: fc.Arbitrary<Record<string, unknown>> = fc.constant({})) =>
  fc
    .tuple(actor, contactId, target, extra)
    .map(([a, c, t, e]) => ({ type, actor: a, orgId: ORG, contactId: c, ...t, ...e }));

const onContact = (type: string, extra: fc.Arbitrary<Record<string, unknown>> = fc.constant({})) =>
  fc.tuple(actor, contactId, extra).map(([a, c, e]) => ({ type, actor: a, orgId: ORG, contactId: c, ...e }));

/** Relationship commands of the world. */
export const relationshipCommand: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  {
    weight: 4,
    arbitrary: onCopy(
      'SetSegment',
      fc.record({ segmentId: fc.constantFrom('customer', 'partner', 'family', 'golf') }),
    ),
  },
  {
    weight: 4,
    arbitrary: onCopy(
      'SetStage',
      fc.record({ stage: fc.constantFrom('lead', 'potential', 'active', 'active', 'lost') }),
    ),
  },
  { weight: 1, arbitrary: onCopy('ClearStage') },
  { weight: 1, arbitrary: onCopy('ClearSegment') },
  {
    weight: 3,
    arbitrary: onCopy('SetNextStep', fc.record({ stepId: fc.constantFrom('call', 'meet', 'send') })),
  },
  { weight: 2, arbitrary: onCopy('CompleteNextStep') },
  { weight: 2, arbitrary: onCopy('RenameContact', fc.record({ name: fc.constantFrom('Ada', 'Ada King') })) },
  {
    weight: 3,
    arbitrary: onCopy(
      'SetContactInfo',
      fc.record({
        item: fc.oneof(
          fc.record({
            itemId: fc.constantFrom('i1', 'i2'),
            kind: fc.constant('phone'),
            value: fc.constantFrom('secret-1', 'secret-2'),
            personal: fc.constant(true),
          }),
          fc.record({
            itemId: fc.constantFrom('i1', 'i2'),
            kind: fc.constant('email'),
            value: fc.constantFrom('public-1', 'public-2'),
          }),
        ),
      }),
    ),
  },
  { weight: 1, arbitrary: onCopy('RemoveContactInfo', fc.record({ itemId: fc.constantFrom('i1', 'i2') })) },
  { weight: 3, arbitrary: onCopy('ApplyTag', fc.record({ tag: fc.constantFrom('VIP', 'golf ', 'Cards') })) },
  { weight: 2, arbitrary: onCopy('RemoveTag', fc.record({ tag: fc.constantFrom('vip', 'Golf', 'cards') })) },
  {
    weight: 2,
    arbitrary: onCopy(
      'SetFieldValue',
      fc.record({
        fieldId: fc.constantFrom('amount', 'tier'),
        value: fc.constantFrom('10.50', '99', 'gold'),
      }),
    ),
  },
  {
    weight: 1,
    arbitrary: onCopy('ClearFieldValue', fc.record({ fieldId: fc.constantFrom('amount', 'tier') })),
  },
  { weight: 1, arbitrary: onContact('ShareContact') },
  { weight: 2, arbitrary: onContact('AssignUser', fc.record({ userId: actor })) },
  { weight: 1, arbitrary: onContact('UnassignUser', fc.record({ userId: actor })) },
  { weight: 1, arbitrary: onCopy('ArchiveContact') },
  { weight: 1, arbitrary: onCopy('RestoreContact') },
  {
    weight: 2,
    arbitrary: fc
      .tuple(actor, contactId, fc.constantFrom('AddMemberContact', 'RemoveMemberContact'))
      .map(([a, c, type]) => ({ type, actor: a, orgId: ORG, engagementId: 'd1', contactId: c })),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(actor, fc.constantFrom('AddTeamMember', 'RemoveTeamMember'))
      .map(([userId, type]) => ({ type, actor: 'bob', orgId: ORG, engagementId: 'd1', userId })),
  },
);

/** A step of the world: a relationship command, or an answer to a prompt. */
export const worldStep: fc.Arbitrary<WorldStep> = fc.oneof(
  { weight: 5, arbitrary: relationshipCommand.map((command) => ({ command })) },
  {
    weight: 2,
    arbitrary: fc
      .record({
        answer: fc.constantFrom<PromptAnswer['answer']>('act', 'act', 'mine', 'theirs', 'dismiss'),
        actor,
        pick: fc.nat(20),
      })
      .map((prompt) => ({ prompt })),
  },
);

/**
 * The command a prompt answer stands for, given the actor's prompts; undefined when there is none.
 * `act` accepts or sends; a conflict is resolved keeping `mine` or taking `theirs`.
 */
export const answerCommand = (
  answer: PromptAnswer,
  prompts: ReadonlyArray<{
    readonly promptId: string;
    readonly kind: string;
    readonly contactId: string;
    readonly field: string;
  }>,
): Record<string, unknown> | undefined => {
  if (prompts.length === 0) return undefined;
  const prompt = prompts[answer.pick % prompts.length];
  if (prompt === undefined) return undefined;
  const common = { actor: answer.actor, orgId: ORG, contactId: prompt.contactId };
  if (answer.answer === 'dismiss') return { type: 'DismissSyncPrompt', ...common, promptId: prompt.promptId };
  if (prompt.kind === 'resolve')
    return {
      type: 'ResolveSyncConflict',
      ...common,
      field: prompt.field,
      keep: answer.answer === 'theirs' ? 'theirs' : 'mine',
    };
  return {
    type: prompt.kind === 'accept' ? 'AcceptTeamChange' : 'SendChangeToTeam',
    ...common,
    field: prompt.field,
  };
};

/** The world's field `tier` redefined by its administrator: renamed, limited to other stages, or to none (R-SET-1). */
export const redefineTier: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    name: fc.constantFrom('Tier', 'Level'),
    stages: fc.option(fc.subarray(['lead', 'potential', 'active'] as const, { minLength: 1 }), {
      nil: undefined,
    }),
  })
  .map(({ name, stages }) => ({
    type: 'RedefineField',
    actor: 'ann',
    orgId: ORG,
    definition: {
      fieldId: 'tier',
      name,
      valueType: { type: 'text' },
      appliesTo: ['person'],
      ...(stages === undefined ? {} : { stages: [...stages] }),
    },
  }));
