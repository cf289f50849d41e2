/**
 * Workload 1, the command pipeline in memory: commands given to the facade as plain objects are
 * decoded, decided against cached state, appended to the in-memory store with expected versions,
 * projected inline (My People, team view, audiences, sync points) and followed by the auto-share
 * and sync policies. `prof-pipeline.ts` runs the same commands alone, to profile them.
 */
import { InMemoryEventStore } from '@rapport/core';
import { createRapport } from '@rapport/domain';
import { figure, type Measured } from '../internal/figure.js';
import { executeAll, orgIdOf, setupCommands, teamCommands } from '../internal/history.js';
import { measureRate } from '../internal/measure.js';
import type { Workload, WorkloadContext } from '../internal/workload.js';
import { stringifyAndHashLimit } from './limits.js';

const run = async (context: WorkloadContext): Promise<ReadonlyArray<Measured>> => {
  const { sizes } = context;
  const contacts = Math.ceil(sizes.pipelineCommands / 6);
  const limit = await stringifyAndHashLimit(context, 'pipeline');
  const measured = await measureRate({
    ...sizes.repeats,
    setup: async () => {
      const rapport = createRapport({ store: new InMemoryEventStore() });
      await executeAll(rapport, setupCommands(orgIdOf(0)));
      return { rapport, commands: teamCommands(orgIdOf(0), contacts) };
    },
    run: ({ rapport, commands }) => executeAll(rapport, commands),
  });
  return [
    limit,
    figure(
      {
        workload: 'pipeline',
        id: 'pipeline.memory',
        label: 'commands through the facade, in-memory store, inline projections',
        unit: 'commands/s',
        target: { kind: 'atLeast', value: 100_000 },
        limitId: limit.id,
        note: `${contacts.toLocaleString('en-US')} contacts × 6 commands; 4 in 5 contacts are shared by the auto-share policy (one more command each, not counted)`,
      },
      measured,
    ),
  ];
};

/**
 * Workload 1, the command pipeline, as the suite runs it.
 *
 * @example
 * import { pipeline } from './pipeline.js';
 * pipeline.name; // 'pipeline'
 */
export const pipeline: Workload = { name: 'pipeline', title: '1. Command pipeline', run };
