import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReadModels } from '../audit/readModels.js';
import { decodeRecordedEvent, type RecordedDomainEvent } from '../events.js';
import { flowingState, syncCommands } from './policy.js';
import { syncStateOf } from './read.js';
import { CONTACTS, freshWorld, ORG, USERS, worldStep, answerCommand } from './internal/world.js';
import { executeInput } from '../testing/execute.js';

const steps = fc.array(worldStep, { minLength: 10, maxLength: 40 });

describe('the sync policy reads a state only where flows may start', () => {
  it('R-SYNC-5: after every event of random histories, flowingState gives the commands of the full sync state of every pair', async () => {
    let pairsWithFlows = 0;
    await fc.assert(
      fc.asyncProperty(steps, async (sequence) => {
        const { rapport, store } = await freshWorld();
        for (const step of sequence) {
          if ('command' in step) {
            await executeInput(rapport, step.command);
            continue;
          }
          const prompts = await rapport.as(step.prompt.actor).prompts(ORG);
          const command = prompts._tag === 'Left' ? undefined : answerCommand(step.prompt, prompts.right);
          if (command !== undefined) await executeInput(rapport, command);
        }
        // Every point of the history, including those between a change and the flows it caused.
        const models = new ReadModels();
        for await (const batch of store.readAll())
          for (const stored of batch) {
            const event = decodeRecordedEvent(stored);
            if (event._tag === 'Left') throw new Error(event.left.message);
            models.applyAll([event.right as RecordedDomainEvent]);
            for (const userId of USERS)
              for (const contactId of CONTACTS) {
                const full = syncStateOf(models.projections, models.syncPoints, ORG, userId, contactId);
                const quick = flowingState(models.projections, models.syncPoints, {
                  orgId: ORG,
                  userId,
                  contactId,
                });
                const expected = full === null ? [] : syncCommands(ORG, full);
                if (expected.length > 0) pairsWithFlows += 1;
                expect(quick === null ? [] : syncCommands(ORG, quick), `${userId}/${contactId}`).toEqual(
                  expected,
                );
                if (quick !== null) expect(quick).toEqual(full);
              }
          }
      }),
      { numRuns: 40 },
    );
    // The histories reach states with flows pending, so the property checks both answers.
    expect(pairsWithFlows).toBeGreaterThan(0);
  });
});
