import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRapport } from '../rapport/facade.js';
import { freshWorld, ORG, USERS } from '../sync/internal/world.js';
import type { AudienceFilter } from './filter.js';
import { commandOf, decimal, step } from './internal/arbitraries.js';
import { referenceMembers } from './reference.js';
import { projectionsOf } from '../testing/projections.js';
import { executeInput } from '../testing/execute.js';

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
