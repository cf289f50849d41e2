/**
 * Generators of the audience properties: filters over the sync world's vocabulary, audience
 * commands (some refused), and steps of a story that mixes them with the world's commands.
 */
import fc from 'fast-check';
import type { Rapport } from '../../rapport/facade.js';
import { answerCommand, ORG, USERS, worldStep, type WorldStep } from '../../sync/internal/world.js';
import type { AudienceFilter } from '../filter.js';

export const decimal = (value: string) => ({ type: 'decimal' as const, value });

/** Filters over the world's vocabulary, nested up to three levels. */
export const filter: fc.Arbitrary<AudienceFilter> = fc.letrec<{ filter: AudienceFilter }>((tie) => ({
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

export const audienceIds = fc.constantFrom('a1', 'a2', 'a3');

/** Audience commands: some by their owner, some refused (another user, a non-administrator for the organization). */
export const audienceCommand: fc.Arbitrary<Record<string, unknown>> = fc.oneof(
  fc
    .record({
      actor: fc.constantFrom(...USERS),
      audienceId: audienceIds,
      filter,
      scope: fc.constantFrom('user', 'user', 'organization'),
    })
    .map((c) => ({ type: 'DefineAudience', orgId: ORG, name: c.audienceId, ...c })),
  fc
    .record(
      {
        actor: fc.constantFrom(...USERS),
        audienceId: audienceIds,
        filter,
        name: fc.constantFrom('Renamed', 'Again'),
      },
      { requiredKeys: ['actor', 'audienceId', 'filter'] },
    )
    .map((c) => ({ type: 'RedefineAudience', orgId: ORG, ...c })),
  fc
    .record({ actor: fc.constantFrom(...USERS), audienceId: audienceIds })
    .map((c) => ({ type: 'DeleteAudience', orgId: ORG, ...c })),
);

export const step: fc.Arbitrary<WorldStep> = fc.oneof(
  { weight: 3, arbitrary: worldStep },
  { weight: 2, arbitrary: audienceCommand.map((command) => ({ command })) },
);

export const commandOf = async (
  rapport: Rapport,
  next: WorldStep,
): Promise<Record<string, unknown> | undefined> => {
  if ('command' in next) return next.command;
  const prompts = await rapport.as(next.prompt.actor).prompts(ORG);
  return prompts._tag === 'Left' ? undefined : answerCommand(next.prompt, prompts.right);
};
