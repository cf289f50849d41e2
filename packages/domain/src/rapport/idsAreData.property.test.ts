import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createTempDir, readEverything } from '@rapport/core/testing';
import { openSqliteEventStore, verifySqliteStore } from '@rapport/store-sqlite';
import { loadReadModels, readModelsAt } from '../audit/readModels.js';
import { COMMAND_TYPES, type CommandType } from '../commands.js';
import { decodeRecordedEvent } from '../events.js';
import { createRapport, type Rapport } from './facade.js';
import { projectionsOf } from '../testing/projections.js';
import { executeInput } from '../testing/execute.js';

const temp = createTempDir('ids-are-data');
afterAll(() => temp.remove());

/** Every name `Object.prototype` holds, `__proto__`, `constructor` and `toString` among them. */
const PROTOTYPE_NAMES = Object.getOwnPropertyNames(Object.prototype);

/**
 * Text no id codec should choke on: combining marks, right-to-left letters, an emoji, NUL, a lone
 * surrogate, and one character more than an id may have. Ids refuse them (COMMAND_INVALID); tags
 * and names take most of them, so they reach the deciders and the store.
 */
const ODD = ['e\u0301', '\u05E9\u05DC\u05D5\u05DD', '\u{1F600}', 'a\u0000b', '\uD800', 'x'.repeat(129)];

const ORGS = ['__proto__', 'toString'] as const;
const ADMIN = 'constructor';
const MEMBERS = ['hasOwnProperty', 'valueOf', '__proto__'] as const;
const ACTORS = [ADMIN, ...MEMBERS] as const;
const FIELDS = ['__proto__', 'toString', 'isPrototypeOf'] as const;
const CONTACTS = ['__proto__', 'toString', 'constructor'] as const;

/** Mostly ids the set-up made, so that many commands are accepted; sometimes any prototype name or odd text. */
const id = (known: ReadonlyArray<string>): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...known) },
    { weight: 3, arbitrary: fc.constantFrom(...PROTOTYPE_NAMES) },
    { weight: 1, arbitrary: fc.constantFrom(...ODD) },
  );

const anyId = id(PROTOTYPE_NAMES);
const fieldId = id(FIELDS);
const name = fc.constantFrom('Ada', '\u05E9\u05DC\u05D5\u05DD', 'e\u0301\u{1F600}');
const tag = fc.oneof(fc.constantFrom(...PROTOTYPE_NAMES), fc.constantFrom(...ODD));
const stage = fc.constantFrom('lead', 'potential', 'active', 'inactive', 'lost');
const value = fc.constantFrom('gold', '1.5', '2026-01-01');
const syncField = fc.oneof(
  fc.constantFrom('name', 'stage', 'segment', 'step'),
  fc.tuple(fc.constantFrom('info:', 'field:', 'tag:'), fc.oneof(fieldId, tag)).map(([p, k]) => `${p}${k}`),
);
const filter = fc.oneof(
  fieldId.map((f) => ({ op: 'field', fieldId: f, test: { is: 'set' } })),
  tag.map((t) => ({ op: 'tags', match: 'any', tags: [t] })),
  anyId.map((s) => ({ op: 'segment', in: [s] })),
);

const r = <T extends Record<string, fc.Arbitrary<unknown>>>(fields: T) => fc.record(fields);

/** What each command type takes besides its type, actor and organization: every type has one. */
const BODIES: { readonly [K in CommandType]: fc.Arbitrary<Record<string, unknown>> } = {
  CreateOrganization: r({ name }),
  AddMember: r({ userId: anyId, role: fc.constantFrom('member', 'manager', 'administrator') }),
  ChangeMemberRole: r({ userId: id(MEMBERS), role: fc.constantFrom('member', 'manager') }),
  RemoveMember: r({ userId: id(MEMBERS) }),
  DefineSegment: r({ segmentId: anyId, name, kind: fc.constantFrom('business', 'personal') }),
  DefineChecklist: r({
    segmentId: id(['customer', 'constructor']),
    stage,
    steps: fc
      .uniqueArray(anyId, { maxLength: 3 })
      .map((ids) => ids.map((stepId) => ({ stepId, title: 'Step' }))),
  }),
  DefineField: r({
    definition: r({
      fieldId: anyId,
      name,
      valueType: fc.constant({ type: 'text' }),
      appliesTo: fc.constant(['person', 'company', 'deal']),
    }),
  }),
  RedefineField: r({
    definition: r({
      fieldId,
      name,
      valueType: fc.constant({ type: 'text' }),
      appliesTo: fc.constant(['person', 'company']),
    }),
  }),
  RetireField: r({ fieldId }),
  DefineSection: r({ sectionId: anyId, name }),
  AddContact: r({ contactId: id(CONTACTS), kind: fc.constantFrom('person', 'company'), name }),
  RenameContact: r({ contactId: id(CONTACTS), name }),
  SetContactInfo: r({
    contactId: id(CONTACTS),
    item: r({
      itemId: anyId,
      kind: fc.constantFrom('email', 'note'),
      value: fc.constantFrom('ada@example.com', 'e\u0301'),
      personal: fc.boolean(),
    }),
  }),
  RemoveContactInfo: r({ contactId: id(CONTACTS), itemId: anyId }),
  SetStage: r({ contactId: id(CONTACTS), stage }),
  ClearStage: r({ contactId: id(CONTACTS) }),
  SetSegment: r({ contactId: id(CONTACTS), segmentId: id(['customer', 'constructor', 'family']) }),
  ClearSegment: r({ contactId: id(CONTACTS) }),
  SetNextStep: r({ contactId: id(CONTACTS), stepId: id(['__proto__', 'toString']) }),
  CompleteNextStep: r({ contactId: id(CONTACTS) }),
  SetFieldValue: r({ contactId: id(CONTACTS), fieldId, value }),
  ClearFieldValue: r({ contactId: id(CONTACTS), fieldId }),
  ApplyTag: r({ contactId: id(CONTACTS), tag }),
  RemoveTag: r({ contactId: id(CONTACTS), tag }),
  ShareContact: r({ contactId: id(CONTACTS) }),
  UnshareContact: r({ contactId: id(CONTACTS) }),
  ReleaseTeamCopy: r({ contactId: id(CONTACTS), userId: anyId }),
  WithdrawContactInfo: r({ contactId: id(CONTACTS), itemId: anyId }),
  AssignUser: r({ contactId: id(CONTACTS), userId: id(ACTORS) }),
  UnassignUser: r({ contactId: id(CONTACTS), userId: id(ACTORS) }),
  ArchiveContact: r({ contactId: id(CONTACTS) }),
  RestoreContact: r({ contactId: id(CONTACTS) }),
  CreateEngagement: r({ engagementId: anyId, kind: fc.constantFrom('deal', 'project'), name }),
  AddTeamMember: r({ engagementId: id(['__proto__']), userId: id(ACTORS) }),
  RemoveTeamMember: r({ engagementId: id(['__proto__']), userId: id(ACTORS) }),
  AddMemberContact: r({ engagementId: id(['__proto__']), contactId: id(CONTACTS) }),
  RemoveMemberContact: r({ engagementId: id(['__proto__']), contactId: id(CONTACTS) }),
  SetEngagementStage: r({ engagementId: id(['__proto__']), stage }),
  ClearEngagementStage: r({ engagementId: id(['__proto__']) }),
  ApplyEngagementTag: r({ engagementId: id(['__proto__']), tag }),
  RemoveEngagementTag: r({ engagementId: id(['__proto__']), tag }),
  SetEngagementFieldValue: r({ engagementId: id(['__proto__']), fieldId, value }),
  ClearEngagementFieldValue: r({ engagementId: id(['__proto__']), fieldId }),
  DefineAudience: r({ audienceId: anyId, name, filter, scope: fc.constantFrom('user', 'organization') }),
  RedefineAudience: r({ audienceId: anyId, filter }),
  DeleteAudience: r({ audienceId: anyId }),
  AcceptTeamChange: r({ contactId: id(CONTACTS), field: syncField }),
  SendChangeToTeam: r({ contactId: id(CONTACTS), field: syncField }),
  ResolveSyncConflict: r({
    contactId: id(CONTACTS),
    field: syncField,
    keep: fc.constantFrom('mine', 'theirs'),
  }),
  DismissSyncPrompt: r({ contactId: id(CONTACTS), promptId: anyId }),
  ImportTeamChanges: r({
    contactId: id(CONTACTS),
    fields: fc.array(syncField, { minLength: 1, maxLength: 3 }),
  }),
  SendChangesToTeam: r({
    contactId: id(CONTACTS),
    fields: fc.array(syncField, { minLength: 1, maxLength: 3 }),
  }),
};

/** The administrator twice as often as each member, so that settings change often too. */
const command: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(fc.constantFrom(...COMMAND_TYPES), id([ADMIN, ...ACTORS]), fc.constantFrom(...ORGS))
  .chain(([type, actor, orgId]) => BODIES[type].map((body) => ({ type, actor, orgId, ...body })));

/** Each organization, its members, fields, a segment, a checklist and contacts, all named like prototype members. */
const setup = (orgId: string): Record<string, unknown>[] => {
  const admin = { actor: ADMIN, orgId };
  return [
    { type: 'CreateOrganization', ...admin, name: 'Proto' },
    ...MEMBERS.map((userId) => ({ type: 'AddMember', ...admin, userId, role: 'member' })),
    { type: 'DefineSegment', ...admin, segmentId: 'constructor', name: 'Ctor', kind: 'business' },
    ...FIELDS.map((f) => ({
      type: 'DefineField',
      ...admin,
      definition: {
        fieldId: f,
        name: f,
        valueType: { type: 'text' },
        appliesTo: ['person', 'company', 'deal'],
      },
    })),
    {
      type: 'DefineChecklist',
      ...admin,
      segmentId: 'constructor',
      stage: 'lead',
      steps: [
        { stepId: '__proto__', title: 'Call' },
        { stepId: 'toString', title: 'Meet' },
      ],
    },
    ...ACTORS.flatMap((actor) =>
      CONTACTS.map((contactId) => ({
        type: 'AddContact',
        actor,
        orgId,
        contactId,
        kind: 'person',
        name: 'Ada',
      })),
    ),
    {
      type: 'CreateEngagement',
      actor: '__proto__',
      orgId,
      engagementId: '__proto__',
      kind: 'deal',
      name: 'Deal',
    },
  ];
};

/** What a member reads through the facade: their contacts, audiences with members, and prompts. */
const reads = async (rapport: Rapport): Promise<unknown> => {
  const seen: unknown[] = [];
  for (const orgId of ORGS)
    for (const userId of ACTORS) {
      seen.push(await rapport.as(userId).myPeople(orgId), await rapport.as(userId).prompts(orgId));
      const audiences = await rapport.as(userId).audiences(orgId);
      seen.push(audiences);
      if (audiences._tag === 'Right')
        for (const audience of [...audiences.right.defaults, ...audiences.right.custom])
          seen.push(await rapport.as(userId).members(orgId, audience.audienceId, 'mine'));
    }
  return seen;
};

let runs = 0;

describe('ids named like Object.prototype members and odd text, through every command', () => {
  it('R-FIELD-7, R-AUDIT-8: every command type with such ids leaves a durable store that reads back, replays to the live read models and verifies', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(command, { minLength: 20, maxLength: 80 }), async (commands) => {
        const path = temp.file(`run-${++runs}.db`);
        const store = await openSqliteEventStore({ path, synchronous: 'NORMAL' });
        let live: unknown;
        let liveProjections: unknown;
        let fields: Map<string, Set<string>>;
        try {
          const rapport = createRapport({ store, snapshots: store });
          for (const orgId of ORGS)
            for (const c of setup(orgId))
              expect((await executeInput(rapport, c))._tag, JSON.stringify(c)).toBe('Right');
          // The model of the fields each organization defines: accepted DefineField adds, nothing removes.
          fields = new Map(ORGS.map((orgId) => [orgId, new Set<string>(FIELDS)]));
          for (const c of commands) {
            const result = await executeInput(rapport, c);
            const org = fields.get(c['orgId'] as string);
            if (c['type'] === 'DefineField' && result._tag === 'Right') {
              const defined = (c['definition'] as { fieldId: string }).fieldId;
              expect(org?.has(defined), `${defined} defined twice`).toBe(false);
              org?.add(defined);
            }
            if (
              (c['type'] === 'RetireField' ||
                c['type'] === 'ClearFieldValue' ||
                c['type'] === 'SetFieldValue') &&
              !(org?.has(c['fieldId'] as string) ?? false)
            )
              expect(result._tag, `${String(c['type'])} of an undefined field ${String(c['fieldId'])}`).toBe(
                'Left',
              );
            if (result._tag === 'Left') expect(result.left.code).not.toBe('EVENT_WOULD_NOT_READ');
          }
          const projections = await projectionsOf(rapport);
          for (const orgId of ORGS)
            expect(Object.keys(projections.organization(orgId)?.fields ?? {}).sort()).toEqual(
              [...(fields.get(orgId) ?? [])].sort(),
            );
          liveProjections = projections.snapshot();
          live = await reads(rapport);
          const saved = await rapport.saveSnapshot();
          expect(saved._tag === 'Left' ? saved.left : 'saved').toBe('saved');
        } finally {
          await store.close();
        }

        const reopened = await openSqliteEventStore({ path });
        try {
          const stored = await readEverything(reopened);
          const unreadable = stored.flatMap((event) => {
            const decoded = decodeRecordedEvent(event);
            return decoded._tag === 'Left' ? [decoded.left.message] : [];
          });
          expect(unreadable).toEqual([]);
          const replayed = await readModelsAt(reopened);
          expect(replayed.unreadable).toEqual([]);
          expect(replayed.models.projections.snapshot()).toEqual(liveProjections);
          expect(await reads(createRapport({ store: reopened }))).toEqual(live);
          // The snapshot decodes (an entry named __proto__ included) and the facade starts from it.
          expect((await loadReadModels(reopened, reopened))?.state.projections).toEqual(liveProjections);
          const restored = createRapport({ store: reopened, snapshots: reopened });
          expect(await reads(restored)).toEqual(live);
          expect((await projectionsOf(restored)).snapshot()).toEqual(liveProjections);
        } finally {
          await reopened.close();
        }
        const report = await verifySqliteStore(path);
        expect(report.ok, JSON.stringify(report)).toBe(true);
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
