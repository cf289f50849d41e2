/**
 * Which organization a command is about: the one `--org` names, or the only one in the store.
 */
import { RapportError } from '@rapport/core';
import type { RelationshipProjections } from '@rapport/domain';

/**
 * The organization a read is about, among those of the projections or the ids given.
 *
 * @example
 * import { createInMemoryEventStore } from '@rapport/core';
 * import { createRapport, readModelsAt } from '@rapport/domain';
 * import { chooseOrganization } from './organization.js';
 * const store = createInMemoryEventStore();
 * await createRapport({ store }).execute({ type: 'CreateOrganization', actor: 'ann', orgId: 'acme', name: 'Acme' });
 * const { projections } = (await readModelsAt(store)).models;
 * chooseOrganization(projections, undefined); // 'acme': the only one
 * chooseOrganization(['acme', 'globex'], 'globex'); // 'globex'
 * try { chooseOrganization(projections, 'globex'); } catch (e) { (e as Error).message; } // 'organization globex does not exist (known: acme)'
 */
export const chooseOrganization = (
  from: RelationshipProjections | ReadonlyArray<string>,
  requested: string | undefined,
): string => {
  const known = 'snapshot' in from ? Object.keys(from.snapshot().organizations) : from;
  if (requested !== undefined) {
    if (!known.includes(requested))
      throw new RapportError(
        'ORGANIZATION_NOT_FOUND',
        `organization ${requested} does not exist${known.length > 0 ? ` (known: ${known.join(', ')})` : ''}`,
      );
    return requested;
  }
  const [only, ...others] = known;
  if (only === undefined)
    throw new RapportError('ORGANIZATION_NOT_FOUND', 'the store holds no organization yet');
  if (others.length > 0)
    throw new RapportError(
      'ORGANIZATION_REQUIRED',
      `the store holds several organizations (${known.join(', ')}): name one with --org`,
    );
  return only;
};
