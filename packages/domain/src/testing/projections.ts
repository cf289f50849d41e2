/**
 * The read models of a whole history, for tests that compare them with a model or with a replay:
 * read through the audit capability (R-AUTH-6), as an auditor would, since they hold every user's
 * private copies.
 */
import type { RelationshipProjections } from '../projections/relationships.js';
import { grantAudit } from '../rapport/auditCapability.js';
import type { Rapport } from '../rapport/facade.js';

const TESTS = grantAudit('tests: the whole read models');

/**
 * The facade's projections, caught up with its store; a rejection (the store cannot be read) is
 * thrown, failing the test.
 *
 * @example
 * import { createInMemoryEventStore } from '@rapport/core';
 * import { createRapport } from '@rapport/domain';
 * import { projectionsOf } from '@rapport/domain/testing';
 * const rapport = createRapport({ store: createInMemoryEventStore() });
 * await rapport.as('ann').execute({ type: 'CreateOrganization', orgId: 'acme', name: 'Acme' });
 * (await projectionsOf(rapport)).checkpoint; // 2
 */
export const projectionsOf = async (rapport: Rapport): Promise<RelationshipProjections> => {
  const projections = await rapport.audit(TESTS).projections();
  if (projections._tag === 'Left')
    throw new Error(`The projections cannot be read: ${projections.left.message}`);
  return projections.right;
};
