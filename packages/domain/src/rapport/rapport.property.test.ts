import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '@rapport/core';
import { COMMAND_TYPES } from '../commands.js';
import { decodeRecordedEvent } from '../events.js';
import { checklistOf, segmentKindOf } from '../organization/state.js';
import { RelationshipProjections } from '../projections/relationships.js';
import { createRapport, type Rapport } from './facade.js';
import { projectionsOf } from '../testing/projections.js';
import { executeInput } from '../testing/execute.js';

const ORGS = ['o1', 'o2'] as const;
const USERS = ['ann', 'bob', 'cat', 'dan'] as const;
const CONTACTS = ['c1', 'c2', 'c3'] as const;
const SEGMENTS = ['customer', 'partner', 'family', 'friend', 'vip', 'golf', 'nowhere'] as const;
const STAGES = ['lead', 'potential', 'active', 'inactive', 'lost'] as const;
const STEPS = ['call', 'meet', 'send', 'other'] as const;

const setup = (orgId: string): Record<string, unknown>[] => [
  { type: 'CreateOrganization', actor: 'ann', orgId, name: orgId },
  { type: 'AddMember', actor: 'ann', orgId, userId: 'bob', role: 'manager' },
  { type: 'AddMember', actor: 'ann', orgId, userId: 'cat', role: 'member' },
  { type: 'DefineSegment', actor: 'ann', orgId, segmentId: 'vip', name: 'VIP', kind: 'business' },
  { type: 'DefineSegment', actor: 'ann', orgId, segmentId: 'golf', name: 'Golf', kind: 'personal' },
  {
    type: 'DefineChecklist',
    actor: 'ann',
    orgId,
    segmentId: 'customer',
    stage: 'lead',
    steps: [
      { stepId: 'call', title: 'Call' },
      { stepId: 'meet', title: 'Meet' },
    ],
  },
  {
    type: 'DefineChecklist',
    actor: 'ann',
    orgId,
    segmentId: 'vip',
    stage: 'active',
    steps: [{ stepId: 'send', title: 'Send' }],
  },
  {
    type: 'DefineField',
    actor: 'ann',
    orgId,
    definition: {
      fieldId: 'amount',
      name: 'Amount',
      valueType: { type: 'decimal' },
      appliesTo: ['person', 'company', 'deal'],
    },
  },
  {
    type: 'DefineField',
    actor: 'ann',
    orgId,
    definition: {
      fieldId: 'tier',
      name: 'Tier',
      valueType: { type: 'text' },
      appliesTo: ['person'],
      stages: ['active'],
    },
  },
  ...USERS.slice(0, 3).flatMap((actor) =>
    CONTACTS.map((contactId) => ({
      type: 'AddContact',
      actor,
      orgId,
      contactId,
      kind: contactId === 'c2' ? 'company' : 'person',
      name: contactId,
    })),
  ),
  { type: 'CreateEngagement', actor: 'bob', orgId, engagementId: 'e1', kind: 'deal', name: 'Deal' },
];

const target = fc.constantFrom<Record<string, unknown>>({}, {}, {}, { target: 'team' });

/** Commands over small vocabularies, so that many are accepted. */
const command: fc.Arbitrary<Record<string, unknown>> = fc
  .record({
    actor: fc.constantFrom('ann', 'bob', 'cat', 'ann', 'bob', 'cat', 'dan'),
    orgId: fc.constantFrom(...ORGS),
    contactId: fc.constantFrom(...CONTACTS),
    target,
    body: fc.oneof(
      {
        weight: 1,
        arbitrary: fc.record({
          type: fc.constant('AddContact'),
          kind: fc.constantFrom('person', 'company'),
          name: fc.constantFrom('Ada', 'Bo'),
        }),
      },
      {
        weight: 4,
        arbitrary: fc.record({ type: fc.constant('SetSegment'), segmentId: fc.constantFrom(...SEGMENTS) }),
      },
      {
        weight: 3,
        arbitrary: fc.record({ type: fc.constant('SetStage'), stage: fc.constantFrom(...STAGES) }),
      },
      {
        weight: 1,
        arbitrary: fc.record({
          type: fc.constantFrom(
            'ClearStage',
            'ClearSegment',
            'ShareContact',
            'UnshareContact',
            'ArchiveContact',
            'RestoreContact',
            'CompleteNextStep',
          ),
        }),
      },
      {
        weight: 2,
        arbitrary: fc.record({ type: fc.constant('SetNextStep'), stepId: fc.constantFrom(...STEPS) }),
      },
      {
        weight: 3,
        arbitrary: fc.record({
          type: fc.constant('SetContactInfo'),
          item: fc.oneof(
            fc.record({
              itemId: fc.constantFrom('i1', 'i2'),
              kind: fc.constantFrom('email', 'phone', 'note'),
              value: fc.constantFrom('secret-1', 'secret-2'),
              personal: fc.constant(true),
            }),
            fc.record({
              itemId: fc.constantFrom('i1', 'i2'),
              kind: fc.constantFrom('email', 'phone', 'note'),
              value: fc.constantFrom('public-1', 'public-2'),
              personal: fc.constant(false),
            }),
          ),
        }),
      },
      {
        weight: 1,
        arbitrary: fc.record({ type: fc.constant('RemoveContactInfo'), itemId: fc.constantFrom('i1', 'i2') }),
      },
      {
        weight: 2,
        arbitrary: fc.record({
          type: fc.constantFrom('ApplyTag', 'RemoveTag'),
          tag: fc.constantFrom('VIP', ' vip', 'Golf'),
        }),
      },
      {
        weight: 2,
        arbitrary: fc.record({
          type: fc.constant('SetFieldValue'),
          fieldId: fc.constantFrom('amount', 'tier'),
          value: fc.constantFrom('10.50', 'x', 3, '1,000'),
        }),
      },
      {
        weight: 2,
        arbitrary: fc.record({
          type: fc.constantFrom('AssignUser', 'UnassignUser'),
          userId: fc.constantFrom(...USERS),
        }),
      },
      {
        weight: 1,
        arbitrary: fc.record({
          type: fc.constant('CreateEngagement'),
          engagementId: fc.constant('e1'),
          kind: fc.constantFrom('project', 'deal'),
          name: fc.constant('E'),
        }),
      },
      {
        weight: 2,
        arbitrary: fc.record({
          type: fc.constantFrom('AddMemberContact', 'RemoveMemberContact'),
          engagementId: fc.constant('e1'),
        }),
      },
      {
        weight: 1,
        arbitrary: fc.record({
          type: fc.constantFrom('AddTeamMember', 'RemoveTeamMember'),
          engagementId: fc.constant('e1'),
          userId: fc.constantFrom(...USERS),
        }),
      },
      {
        weight: 1,
        arbitrary: fc.record({ type: fc.constant('RemoveMember'), userId: fc.constantFrom('bob', 'cat') }),
      },
    ),
  })
  .map(({ body, target: copyTarget, ...common }) => {
    const type = body['type'] as string;
    const onCopy = ![
      'AddContact',
      'ShareContact',
      'UnshareContact',
      'AssignUser',
      'UnassignUser',
      'CreateEngagement',
      'AddMemberContact',
      'RemoveMemberContact',
      'AddTeamMember',
      'RemoveTeamMember',
      'RemoveMember',
    ].includes(type);
    const base: Record<string, unknown> = { ...common, ...body, ...(onCopy ? copyTarget : {}) };
    if (type.includes('Team') || type === 'CreateEngagement') delete base['contactId'];
    if (type === 'RemoveMember') {
      delete base['contactId'];
      base['actor'] = 'ann';
    }
    return base;
  });

const commands = fc.array(command, { minLength: 1, maxLength: 40 });

const fresh = async (): Promise<{ rapport: Rapport; store: ReturnType<typeof createInMemoryEventStore> }> => {
  const store = createInMemoryEventStore();
  let tick = 0;
  const rapport = createRapport({ store, clock: () => new Date(Date.UTC(2026, 0, 1) + tick++ * 3_600_000) });
  for (const orgId of ORGS)
    for (const c of setup(orgId)) expect((await executeInput(rapport, c))._tag).toBe('Right');
  return { rapport, store };
};

const rebuild = async (
  store: ReturnType<typeof createInMemoryEventStore>,
): Promise<RelationshipProjections> => {
  const projections = new RelationshipProjections();
  for await (const batch of store.readAll())
    for (const event of batch) {
      const decoded = decodeRecordedEvent(event);
      if (decoded._tag === 'Left') throw new Error(decoded.left.message);
      projections.apply(decoded.right);
    }
  return projections;
};

const RUNS = { numRuns: 60 };

/** Sync commands a user gives by hand on those contacts, over the fields the random commands change most. */
const syncCommand: fc.Arbitrary<Record<string, unknown>> = fc.record({
  type: fc.constantFrom('AcceptTeamChange', 'SendChangeToTeam'),
  actor: fc.constantFrom('ann', 'bob'),
  orgId: fc.constant('o1'),
  contactId: fc.constantFrom('c1', 'c2'),
  field: fc.constantFrom('stage', 'segment', 'name', 'tag:vip'),
});

/**
 * The random commands by ann and bob on one organization's first two contacts, so that they often
 * meet a state an earlier command left.
 */
const focused: fc.Arbitrary<Record<string, unknown>> = command.map((c) => ({
  ...c,
  orgId: 'o1',
  ...(c['contactId'] === 'c3' ? { contactId: 'c1' } : {}),
  ...(c['actor'] === 'cat' || c['actor'] === 'dan' ? { actor: 'bob' } : {}),
}));

/**
 * A facade over a fresh store, set up, whose clock and ids go on from one facade to the next:
 * facades given the same commands in the same order record the same events, ids and hashes.
 */
const recorder = async (): Promise<{
  readonly store: ReturnType<typeof createInMemoryEventStore>;
  readonly open: () => Rapport;
}> => {
  const store = createInMemoryEventStore();
  let tick = 0;
  let id = 0;
  const open = () =>
    createRapport({
      store,
      clock: () => new Date(Date.UTC(2026, 0, 1) + tick++ * 3_600_000),
      newId: () => `01JD${String(++id).padStart(22, '0')}`,
    });
  const rapport = open();
  for (const orgId of ORGS)
    for (const c of setup(orgId)) expect((await executeInput(rapport, c))._tag).toBe('Right');
  return { store, open };
};

describe('relationship properties over random command sequences', () => {
  it('R-SHARE-5: no sequence puts a personal-segment contact or a personal-labeled value in the team view', async () => {
    await fc.assert(
      fc.asyncProperty(commands, async (sequence) => {
        const { rapport } = await fresh();
        for (const c of sequence) {
          const result = await executeInput(rapport, c);
          const after = (await projectionsOf(rapport)).snapshot();
          if (result._tag === 'Right')
            for (const event of result.right) {
              if (event.type !== 'ContactShared') continue;
              // Sharing is the last change of its command, so the sharer's copy afterwards is the source.
              const data = event.data as {
                orgId: string;
                contactId: string;
                sharedBy: string;
                team: { segment: string | null };
              };
              const source = after.copies[`${data.orgId}/user:${data.sharedBy}`]?.[data.contactId];
              const org = after.organizations[data.orgId];
              expect(source).toBeDefined();
              if (org === undefined) throw new Error(`no organization ${data.orgId}`);
              if (source?.segment != null) expect(segmentKindOf(org, source.segment)).not.toBe('personal');
              if (data.team.segment !== null) expect(segmentKindOf(org, data.team.segment)).toBe('business');
            }
          for (const orgId of ORGS) {
            const org = after.organizations[orgId];
            for (const copy of Object.values(after.copies[`${orgId}/team`] ?? {})) {
              if (copy.segment !== null && org !== undefined)
                expect(segmentKindOf(org, copy.segment)).toBe('business');
              for (const item of Object.values(copy.info)) {
                expect(item.personal).toBe(false);
                expect(item.value).not.toMatch(/^secret/);
              }
            }
          }
        }
      }),
      RUNS,
    );
  });

  it('R-STAGE-2, R-SEG-3, R-STEP-2, R-STAGE-5: each copy has at most one stage, segment and step, and they agree', async () => {
    await fc.assert(
      fc.asyncProperty(commands, async (sequence) => {
        const { rapport } = await fresh();
        for (const c of sequence) await executeInput(rapport, c);
        const state = (await projectionsOf(rapport)).snapshot();
        for (const [key, copies] of Object.entries(state.copies)) {
          const org = state.organizations[key.slice(0, key.indexOf('/'))];
          if (org === undefined) throw new Error(`no organization for ${key}`);
          for (const copy of Object.values(copies)) {
            expect(copy.stage === null || STAGES.includes(copy.stage)).toBe(true);
            expect(copy.segment === null || typeof copy.segment === 'string').toBe(true);
            if (copy.segment !== null && segmentKindOf(org, copy.segment) === 'personal')
              expect(copy.stage).toBeNull();
            if (copy.step !== null) {
              expect(copy.segment).not.toBeNull();
              expect(copy.stage).not.toBeNull();
              if (copy.segment !== null && copy.stage !== null)
                expect(checklistOf(org, copy.segment, copy.stage).map((s) => s.stepId)).toContain(copy.step);
            }
            if (copy.archived) expect(['lead', 'potential', 'active']).not.toContain(copy.stage);
          }
        }
      }),
      RUNS,
    );
  });

  it("R-AUTH-1: no command of one user changes another user's copies", async () => {
    await fc.assert(
      fc.asyncProperty(commands, async (sequence) => {
        const { rapport } = await fresh();
        for (const c of sequence) {
          const before = (await projectionsOf(rapport)).snapshot();
          const result = await executeInput(rapport, c);
          if (result._tag === 'Left') continue;
          // R-AUTH-1 lets R-SYNC flows change another user's copy: the sync policy acts as that user.
          const synced = new Set<string>();
          for (const event of result.right) {
            const copy = (event.data as { copy?: { owner: string; userId?: string } }).copy;
            if (copy?.owner !== 'user') continue;
            if (event.causationId !== null && event.actor === copy.userId) synced.add(`/user:${copy.userId}`);
            else expect(copy.userId).toBe(c['actor']);
          }
          const after = (await projectionsOf(rapport)).snapshot();
          for (const key of new Set([...Object.keys(before.copies), ...Object.keys(after.copies)])) {
            if (key.endsWith('/team') || key.endsWith(`/user:${String(c['actor'])}`)) continue;
            if ([...synced].some((owner) => key.endsWith(owner))) continue;
            expect(after.copies[key]).toEqual(before.copies[key]);
          }
        }
      }),
      RUNS,
    );
  });

  it('R-AUDIT-3: projections rebuilt from the history equal the live ones', async () => {
    await fc.assert(
      fc.asyncProperty(commands, async (sequence) => {
        const { rapport, store } = await fresh();
        for (const c of sequence) await executeInput(rapport, c);
        const live = (await projectionsOf(rapport)).snapshot();
        expect((await rebuild(store)).snapshot()).toEqual(live);
        const reopened = createRapport({ store });
        expect((await projectionsOf(reopened)).snapshot()).toEqual(live);
        expect(RelationshipProjections.restore(live).snapshot()).toEqual(live);
      }),
      { numRuns: 40 },
    );
  });

  it('R-AUDIT-3: a facade restarted from a snapshot saved at any point reads as the live one', async () => {
    const reads = async (rapport: Rapport) => ({
      projections: (await projectionsOf(rapport)).snapshot(),
      members: await Promise.all(
        ORGS.flatMap((orgId) =>
          USERS.map(async (userId) => ({
            audiences: await rapport.as(userId).audiences(orgId),
            prompts: await rapport.as(userId).prompts(orgId),
          })),
        ),
      ),
    });
    await fc.assert(
      fc.asyncProperty(commands, fc.nat(), async (sequence, cut) => {
        const { rapport, store } = await fresh();
        const at = cut % (sequence.length + 1);
        for (const c of sequence.slice(0, at)) await executeInput(rapport, c);
        const saved = await createRapport({ store, snapshots: store }).saveSnapshot();
        expect(saved).toEqual({ _tag: 'Right', right: await store.headPosition() });
        for (const c of sequence.slice(at)) await executeInput(rapport, c);
        const restarted = createRapport({ store, snapshots: store });
        expect(await reads(restarted)).toEqual(await reads(rapport));
      }),
      { numRuns: 30 },
    );
  });

  it('R-AUDIT-2: a facade deciding on the states it cached gives and records what facades that read every state from the store give and record', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(focused, focused, focused, syncCommand), { minLength: 10, maxLength: 40 }),
        async (sequence) => {
          const cached = await recorder();
          const read = await recorder();
          const rapport = cached.open();
          for (const c of sequence)
            // A new facade holds no state: it reads from the store every state a decision needs.
            expect(await executeInput(rapport, c)).toEqual(await executeInput(read.open(), c));
          const everything = async (store: ReturnType<typeof createInMemoryEventStore>) => {
            const events: unknown[] = [];
            for await (const batch of store.readAll()) events.push(...batch);
            return events;
          };
          expect(await everything(cached.store)).toEqual(await everything(read.store));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('R-AUDIT-3: facades sharing a store, given commands at the same time, each read what the history holds', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(focused, focused, fc.boolean()), { minLength: 1, maxLength: 15 }),
        async (pairs) => {
          const { store, open } = await recorder();
          const [one, two] = [open(), open()];
          // Two commands at once, by the two facades or by the first alone.
          for (const [first, second, apart] of pairs)
            for (const result of await Promise.all([
              executeInput(one, first),
              executeInput(apart ? two : one, second),
            ]))
              // A write that met the other's is decided again on states read anew.
              expect(result._tag === 'Left' && result.left.code).not.toBe('CONCURRENCY_CONFLICT');
          const history = (await rebuild(store)).snapshot();
          expect((await projectionsOf(one)).snapshot()).toEqual(history);
          expect((await projectionsOf(two)).snapshot()).toEqual(history);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('R-AUDIT-1: any JSON value given as a command is a typed rejection or a command; a rejection appends nothing', async () => {
    const { rapport, store } = await fresh();
    const input = fc.oneof(
      fc.jsonValue(),
      fc.record({
        type: fc.constantFrom(...COMMAND_TYPES),
        actor: fc.jsonValue(),
        orgId: fc.jsonValue(),
        contactId: fc.jsonValue(),
      }),
      fc
        .dictionary(
          fc.constantFrom('type', 'actor', 'orgId', 'contactId', 'stage', 'item', 'tag', 'value', 'target'),
          fc.jsonValue(),
        )
        .map((d) => ({ ...d, type: 'SetStage' })),
      command.chain((c) =>
        fc
          .record({ key: fc.constantFrom(...Object.keys(c)), value: fc.jsonValue() })
          .map(({ key, value }) => ({ ...c, [key]: value })),
      ),
    );
    await fc.assert(
      fc.asyncProperty(input, async (value) => {
        const head = await store.headPosition();
        const result = await executeInput(rapport, value);
        if (result._tag === 'Left') {
          expect(typeof result.left.code).toBe('string');
          expect(result.left.message).toMatch(/^Rejected /);
          expect(await store.headPosition()).toBe(head);
        } else {
          expect(await store.headPosition()).toBe(head + result.right.length);
        }
      }),
      { numRuns: 300 },
    );
  });
});
