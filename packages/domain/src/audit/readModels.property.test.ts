import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { audienceReport } from './audienceReport.js';
import { relationshipCommand, freshWorld, ORG, redefineTier } from '../sync/internal/world.js';
import { readHistory } from './history.js';
import { ReadModels, readModelsAt } from './readModels.js';
import { syncReport } from './syncReport.js';
import { auditFixture, populate } from './internal/fixture.js';
import { commandArbitrary } from './internal/commandArbitrary.js';
import { projectionsOf } from '../testing/projections.js';
import { executeInput } from '../testing/execute.js';

const orgId = fc.constant('acme');
const actor = fc.constantFrom('ann', 'bob');
const contactId = fc.constantFrom('ada', 'bo', 'cy');

/** The audit world's commands, with team-copy changes, sync answers, audiences and the deal team. */
const syncingCommand: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  commandArbitrary,
  fc.record({
    type: fc.constant('SetStage'),
    actor,
    orgId,
    contactId,
    stage: fc.constantFrom('lead', 'active'),
    target: fc.constant('team'),
  }),
  fc.record({
    type: fc.constant('ApplyTag'),
    actor,
    orgId,
    contactId,
    tag: fc.constantFrom('VIP', 'Holiday card'),
    target: fc.constant('team'),
  }),
  fc.record({
    type: fc.constantFrom('AcceptTeamChange', 'SendChangeToTeam'),
    actor,
    orgId,
    contactId,
    field: fc.constantFrom('stage', 'segment', 'tag:vip', 'tag:holiday card', 'name'),
  }),
  fc.record({
    type: fc.constant('DefineAudience'),
    actor,
    orgId,
    audienceId: fc.constantFrom('cards', 'vips'),
    name: fc.constant('Holiday cards'),
    filter: fc.constantFrom(
      { op: 'tags', match: 'any', tags: ['Holiday card'] },
      { op: 'tags', match: 'all', tags: ['VIP'] },
    ),
    scope: fc.constantFrom('user', 'organization'),
  }),
  fc.record({
    type: fc.constant('AddTeamMember'),
    actor: fc.constant('ann'),
    orgId,
    engagementId: fc.constant('d1'),
    userId: actor,
  }),
);

/** What the facade shows a member of acme: every audience with its members, and every prompt. */
const liveReads = async (f: Awaited<ReturnType<typeof auditFixture>>, userId: string) => {
  const list = await f.rapport.as(userId).audiences('acme');
  if (list._tag === 'Left') throw new Error(list.left.message);
  const audiences: Record<string, ReadonlyArray<string>> = {};
  for (const audience of [...list.right.defaults, ...list.right.custom]) {
    const members = await f.rapport.as(userId).members('acme', audience.audienceId);
    if (members._tag === 'Left') throw new Error(members.left.message);
    audiences[audience.audienceId] = members.right;
  }
  const prompts = await f.rapport.as(userId).prompts('acme');
  if (prompts._tag === 'Left') throw new Error(prompts.left.message);
  return { audiences, prompts: prompts.right };
};

describe('read models as of a point', () => {
  it('R-AUDIT-3: audience membership and sync prompts rebuilt to any position equal the live ones then', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(syncingCommand, { minLength: 1, maxLength: 20 }), async (commands) => {
        const f = await auditFixture();
        await populate(f);
        const live: { position: number; reads: Record<string, unknown> }[] = [];
        for (const command of commands) {
          await executeInput(f.rapport, command);
          const position = (await projectionsOf(f.rapport)).checkpoint;
          live.push({
            position,
            reads: { ann: await liveReads(f, 'ann'), bob: await liveReads(f, 'bob') },
          });
        }
        for (const point of live) {
          const { models } = await readModelsAt(f.store, { position: point.position });
          const rebuilt: Record<string, unknown> = {};
          for (const userId of ['ann', 'bob']) {
            const audiences = audienceReport(models, 'acme', userId);
            const sync = syncReport(models, 'acme', userId);
            if (audiences._tag === 'Left' || sync._tag === 'Left') throw new Error('acme member refused');
            rebuilt[userId] = {
              audiences: Object.fromEntries(
                audiences.right.audiences.map((entry) => [
                  entry.audienceId,
                  entry.members.map((member) => member.contactId).sort(),
                ]),
              ),
              prompts: sync.right.contacts.flatMap((contact) => contact.prompts),
            };
          }
          expect(rebuilt).toEqual(point.reads);
        }
      }),
      { numRuns: 30 },
    );
  });

  it('R-AUDIT-3: resuming from a snapshot taken at any point gives what a replay from the beginning gives', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(syncingCommand, { minLength: 1, maxLength: 20 }),
        fc.nat(),
        async (commands, pick) => {
          const f = await auditFixture();
          await populate(f);
          for (const command of commands) await executeInput(f.rapport, command);
          const head = (await readModelsAt(f.store)).position;
          const cut = await readModelsAt(f.store, { position: pick % (head + 1) });
          expect(cut.snapshot).not.toBeNull();
          if (cut.snapshot === null) return;
          const resumed = await readModelsAt(f.store, undefined, { from: cut.snapshot });
          const scratch = await readModelsAt(f.store);
          expect(resumed.restoredFrom).toBe(cut.snapshot.checkpoint);
          expect(resumed.position).toBe(scratch.position);
          expect(resumed.models.state()).toEqual(scratch.models.state());
          expect(resumed.snapshot).toEqual(scratch.snapshot);
        },
      ),
      { numRuns: 30 },
    );
  });
});

/** Whether a value and everything in it is frozen. */
const deeplyFrozen = (value: unknown): boolean =>
  typeof value !== 'object' ||
  value === null ||
  (Object.isFrozen(value) && Object.values(value).every(deeplyFrozen));

/** Every document the projections hold (a snapshot's records hold the documents themselves). */
const documentsOf = (models: ReadModels): unknown[] => {
  const { organizations, copies, links, engagements } = models.projections.snapshot();
  return [
    ...Object.values(organizations),
    ...[copies, links, engagements].flatMap((byKey) => Object.values(byKey).flatMap(Object.values)),
  ];
};

/** The world's commands, with the organization's field changes and retirements and audiences among them. */
const worldCommand: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  { weight: 12, arbitrary: relationshipCommand },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('RetireField'),
      actor: fc.constant('ann'),
      orgId: fc.constant(ORG),
      fieldId: fc.constantFrom('amount', 'tier'),
    }),
  },
  { weight: 1, arbitrary: redefineTier },
  {
    weight: 1,
    arbitrary: fc.record({
      type: fc.constant('DefineAudience'),
      actor: fc.constant('ann'),
      orgId: fc.constant(ORG),
      audienceId: fc.constant('vips'),
      name: fc.constant('VIPs'),
      filter: fc.constant({ op: 'tags', match: 'any', tags: ['VIP'] }),
      scope: fc.constant('organization'),
    }),
  },
);

describe('read models folded in batches', () => {
  it('R-AUDIT-3, R-SET-1: folding a history, field changes among its events, in batches of any sizes gives what folding it event by event gives, every document deeply frozen', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(worldCommand, { minLength: 1, maxLength: 30 }),
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 20 }),
        async (commands, sizes) => {
          const { rapport, store } = await freshWorld();
          for (const command of commands) await executeInput(rapport, command);
          const { events } = await readHistory(store);
          const oneByOne = new ReadModels();
          for (const event of events) oneByOne.apply(event);
          const batched = new ReadModels();
          // Documents handed out between batches must not change when later batches fold.
          const handedOut: Array<{ readonly doc: unknown; readonly json: string }> = [];
          let from = 0;
          for (let cut = 0; from < events.length; cut++) {
            const size = sizes[cut % sizes.length] ?? 1;
            batched.applyAll(events.slice(from, from + size));
            from += size;
            for (const doc of Object.values(batched.projections.snapshot().copies[`${ORG}/team`] ?? {}))
              handedOut.push({ doc, json: JSON.stringify(doc) });
          }
          expect(batched.state()).toEqual(oneByOne.state());
          expect(batched.state()).toEqual((await readModelsAt(store)).models.state());
          expect(documentsOf(batched).every(deeplyFrozen)).toBe(true);
          expect(documentsOf(oneByOne).every(deeplyFrozen)).toBe(true);
          for (const { doc, json } of handedOut) expect(JSON.stringify(doc)).toBe(json);
        },
      ),
      { numRuns: 40 },
    );
  });
});
