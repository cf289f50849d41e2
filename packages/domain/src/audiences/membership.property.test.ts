import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRapport, type Rapport } from '../rapport/facade.js';
import { answerCommand, freshWorld, ORG, USERS, worldStep, type WorldStep } from '../sync/internal/world.js';
import type { AudienceFilter } from './filter.js';
import { referenceMembers } from './reference.js';
import { projectionsOf } from '../testing/projections.js';
import { executeInput } from '../testing/execute.js';

const decimal = (value: string) => ({ type: 'decimal' as const, value });

/** Filters over the world's vocabulary, nested up to three levels. */
const filter: fc.Arbitrary<AudienceFilter> = fc.letrec<{ filter: AudienceFilter }>((tie) => ({
  filter: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.record({
      op: fc.constant('tags' as const),
      match: fc.constantFrom('any' as const, 'all' as const, 'none' as const),
      tags: fc.subarray(['VIP', 'golf', 'Cards']),
    }),
    fc.record({
      op: fc.constant('stage' as const),
      in: fc.subarray(['lead', 'active', 'lost', null] as const).map((a) => [...a]),
    }),
    fc.record({
      op: fc.constant('segment' as const),
      in: fc.subarray(['customer', 'partner', 'family', null]),
    }),
    fc.record({
      op: fc.constant('segmentKind' as const),
      is: fc.constantFrom('business' as const, 'personal' as const),
    }),
    fc.record({ op: fc.constant('keepInTouch' as const), is: fc.boolean() }),
    fc.record({ op: fc.constant('assignee' as const), in: fc.subarray([...USERS]) }),
    fc.record({ op: fc.constant('step' as const), in: fc.subarray(['call', 'meet', null]) }),
    fc.record({
      op: fc.constant('kind' as const),
      in: fc.subarray(['person', 'company'] as const).map((a) => [...a]),
    }),
    fc.record({
      op: fc.constant('field' as const),
      fieldId: fc.constantFrom('amount', 'tier'),
      test: fc.constant({ is: 'set' as const }),
    }),
    fc.record({
      op: fc.constant('field' as const),
      fieldId: fc.constant('amount'),
      test: fc.oneof(
        fc.record({
          is: fc.constant('equals' as const),
          value: fc.constantFrom(decimal('10.5'), decimal('99')),
        }),
        fc.record({ is: fc.constant('range' as const), min: fc.constant(decimal('11')) }),
      ),
    }),
    fc.record({
      op: fc.constantFrom('and' as const, 'or' as const),
      filters: fc.array(tie('filter'), { maxLength: 3 }),
    }),
    fc.record({ op: fc.constant('not' as const), filter: tie('filter') }),
  ),
})).filter;

const audienceIds = fc.constantFrom('a1', 'a2', 'a3');

/** Audience commands: some by their owner, some refused (another user, a non-administrator for the organization). */
const audienceCommand: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc
    .record({
      actor: fc.constantFrom(...USERS),
      audienceId: audienceIds,
      filter,
      scope: fc.constantFrom('user', 'user', 'organization'),
    })
    .map((c) => ({ type: 'DefineAudience', orgId: ORG, name: c.audienceId, ...c })),
  fc
    .record({ actor: fc.constantFrom(...USERS), audienceId: audienceIds, filter })
    .map((c) => ({ type: 'RedefineAudience', orgId: ORG, ...c })),
  fc
    .record({ actor: fc.constantFrom(...USERS), audienceId: audienceIds })
    .map((c) => ({ type: 'DeleteAudience', orgId: ORG, ...c })),
);

const step: fc.Arbitrary<WorldStep> = fc.oneof(
  { weight: 3, arbitrary: worldStep },
  { weight: 2, arbitrary: audienceCommand.map((command) => ({ command })) },
);

const commandOf = async (rapport: Rapport, next: WorldStep): Promise<Record<string, unknown> | undefined> => {
  if ('command' in next) return next.command;
  const prompts = await rapport.as(next.prompt.actor).prompts(ORG);
  return prompts._tag === 'Left' ? undefined : answerCommand(next.prompt, prompts.right);
};

/** One organization audience per kind of test, so every kind is followed in every run. */
const standing: ReadonlyArray<AudienceFilter> = [
  { op: 'tags', match: 'any', tags: ['vip', 'Cards'] },
  { op: 'tags', match: 'none', tags: ['golf'] },
  { op: 'stage', in: ['active', null] },
  { op: 'segment', in: ['partner'] },
  { op: 'segmentKind', is: 'personal' },
  { op: 'keepInTouch', is: false },
  { op: 'assignee', in: ['bob', 'cat'] },
  { op: 'step', in: ['call'] },
  { op: 'kind', in: ['company'] },
  { op: 'field', fieldId: 'amount', test: { is: 'range', max: decimal('50') } },
  { op: 'field', fieldId: 'tier', test: { is: 'set' } },
];

describe('audience membership over random command sequences', () => {
  it('R-AUD-4: incremental membership equals the filter evaluated from scratch, including after an audience is redefined; a rebuild from history agrees', async () => {
    let redefined = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(step, { minLength: 10, maxLength: 40 }), async (sequence) => {
        const { rapport, store } = await freshWorld();
        for (const [index, standingFilter] of standing.entries()) {
          const defined = await rapport.execute({
            type: 'DefineAudience',
            actor: 'ann',
            orgId: ORG,
            audienceId: `s${index}`,
            name: `Standing ${index}`,
            filter: standingFilter,
            scope: 'organization',
          });
          expect(defined._tag).toBe('Right');
        }
        for (const next of sequence) {
          const command = await commandOf(rapport, next);
          if (command === undefined) continue;
          const result = await executeInput(rapport, command);
          if (result._tag === 'Right' && result.right.some((event) => event.type === 'AudienceRedefined'))
            redefined += 1;
          const projections = await projectionsOf(rapport);
          for (const userId of USERS) {
            const list = await rapport.as(userId).audiences(ORG);
            if (list._tag === 'Left') throw new Error(list.left.message);
            for (const audience of [...list.right.defaults, ...list.right.custom])
              for (const view of ['mine', 'team'] as const) {
                const incremental = await rapport.as(userId).members(ORG, audience.audienceId, view);
                const owner =
                  view === 'team' ? { owner: 'team' as const } : { owner: 'user' as const, userId };
                expect(incremental, `${userId} ${audience.audienceId} ${view}`).toEqual({
                  _tag: 'Right',
                  right: referenceMembers(projections, ORG, owner, audience.filter),
                });
              }
          }
        }
        // R-AUDIT-3: a facade reading the same history from scratch sees the same audiences and prompts.
        const rebuilt = createRapport({ store });
        for (const userId of USERS) {
          const list = await rapport.as(userId).audiences(ORG);
          expect(await rebuilt.as(userId).audiences(ORG)).toEqual(list);
          expect(await rebuilt.as(userId).prompts(ORG)).toEqual(await rapport.as(userId).prompts(ORG));
          if (list._tag === 'Left') continue;
          for (const audience of [...list.right.defaults, ...list.right.custom])
            for (const view of ['mine', 'team'] as const)
              expect(await rebuilt.as(userId).members(ORG, audience.audienceId, view)).toEqual(
                await rapport.as(userId).members(ORG, audience.audienceId, view),
              );
        }
      }),
      { numRuns: 40 },
    );
    expect(redefined).toBeGreaterThan(0);
  });
});
