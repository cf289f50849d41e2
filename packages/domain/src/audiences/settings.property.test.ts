import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson } from '@rapport/core';
import { createRapport } from '../rapport/facade.js';
import { CONTACTS, freshWorld, ORG, USERS } from '../sync/internal/world.js';
import type { AudienceFilter } from './filter.js';
import { commandOf, step } from './internal/arbitraries.js';
import { referenceMembers } from './reference.js';
import { projectionsOf } from '../testing/projections.js';
import { executeInput } from '../testing/execute.js';

/** An audience as the commands accepted so far define it: its owner, its name and its filter. */
interface ModelAudience {
  readonly owner: string;
  readonly name: string;
  readonly filter: AudienceFilter;
}

/** The audiences the model expects a user to see: the organization's and their own, by id. */
const expectedFor = (model: ReadonlyMap<string, ModelAudience>, userId: string) =>
  [...model.entries()]
    .filter(([, audience]) => audience.owner === 'organization' || audience.owner === userId)
    .map(([audienceId, { name, filter }]) => ({ audienceId, name, filter }))
    .sort((a, b) => (a.audienceId < b.audienceId ? -1 : 1));

describe('audiences that change (R-SET-3)', () => {
  it('R-SET-3: renamed, refiltered and deleted at random, an audience shows the name and filter in force; its members and whyMember follow that filter; the history keeps what it was', async () => {
    const seen = { renamed: 0, refiltered: 0, deleted: 0, explained: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.array(step, { minLength: 10, maxLength: 40 }),
        fc.constantFrom(...CONTACTS),
        async (sequence, probe) => {
          const { rapport, store } = await freshWorld();
          // The model: kept from the commands the facade accepted, not from what it reads back.
          const model = new Map<string, ModelAudience>();
          for (const next of sequence) {
            const command = await commandOf(rapport, next);
            if (command === undefined) continue;
            const result = await executeInput(rapport, command);
            if (result._tag === 'Left') continue;
            const audienceId = String(command['audienceId']);
            const filter = command['filter'] as AudienceFilter;
            const before = model.get(audienceId);
            if (command['type'] === 'DefineAudience')
              model.set(audienceId, {
                owner: command['scope'] === 'organization' ? 'organization' : String(command['actor']),
                name: String(command['name']),
                filter,
              });
            else if (command['type'] === 'RedefineAudience' && before !== undefined) {
              const name = typeof command['name'] === 'string' ? command['name'] : before.name;
              const redefined = result.right.find((event) => event.type === 'AudienceRedefined');
              // The history keeps what the audience was (R-AUDIT-2); a redefinition that changes
              // nothing records nothing.
              if (redefined === undefined)
                expect({ name, filter: canonicalJson(filter) }).toEqual({
                  name: before.name,
                  filter: canonicalJson(before.filter),
                });
              else
                expect(redefined.data).toMatchObject({
                  previous: { name: before.name, filter: before.filter },
                });
              if (name !== before.name) seen.renamed += 1;
              if (JSON.stringify(filter) !== JSON.stringify(before.filter)) seen.refiltered += 1;
              model.set(audienceId, { ...before, name, filter });
            } else if (command['type'] === 'DeleteAudience') {
              expect(result.right.map((event) => event.type)).toEqual(['AudienceDeleted']);
              seen.deleted += 1;
              model.delete(audienceId);
            }
          }
          const projections = await projectionsOf(rapport);
          const rebuilt = createRapport({ store });
          for (const userId of USERS) {
            const list = await rapport.as(userId).audiences(ORG);
            if (list._tag === 'Left') throw new Error(list.left.message);
            const custom = [...list.right.custom]
              .map(({ audienceId, name, filter }) => ({ audienceId, name, filter }))
              .sort((a, b) => (a.audienceId < b.audienceId ? -1 : 1));
            expect(custom, userId).toEqual(expectedFor(model, userId));
            expect(await rebuilt.as(userId).audiences(ORG)).toEqual(list);
            for (const { audienceId, filter } of expectedFor(model, userId))
              for (const view of ['mine', 'team'] as const) {
                const owner =
                  view === 'team' ? { owner: 'team' as const } : { owner: 'user' as const, userId };
                const expected = referenceMembers(projections, ORG, owner, filter);
                expect(await rapport.as(userId).members(ORG, audienceId, view)).toEqual({
                  _tag: 'Right',
                  right: expected,
                });
                const why = await rapport.as(userId).whyMember(ORG, audienceId, probe, view);
                if (why._tag === 'Left') continue;
                expect(why.right.member).toBe(expected.includes(probe));
                seen.explained += 1;
              }
          }
        },
      ),
      { numRuns: 40 },
    );
    expect(seen.renamed).toBeGreaterThan(0);
    expect(seen.refiltered).toBeGreaterThan(0);
    expect(seen.deleted).toBeGreaterThan(0);
    expect(seen.explained).toBeGreaterThan(0);
  });
});
