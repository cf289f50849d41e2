/**
 * The reference evaluator of membership (R-AUD-4): the filter evaluated from scratch over every
 * copy of a view in the current projections. Incremental membership must always equal it.
 */
import type { CopyRef } from '../contact/model.js';
import { initialOrganizationState } from '../organization/state.js';
import type { RelationshipProjections } from '../projections/relationships.js';
import { copyFacts } from './facts.js';
import { evaluateFilter, type AudienceFilter } from './filter.js';

/**
 * The contact ids of a view that an audience's filter selects, evaluated from scratch, sorted.
 *
 * @example
 * import { RelationshipProjections } from '@rapport/domain';
 * import { referenceMembers } from './reference.js';
 * referenceMembers(new RelationshipProjections(), 'acme', { owner: 'team' }, { op: 'and', filters: [] }); // []
 */
export const referenceMembers = (
  projections: RelationshipProjections,
  orgId: string,
  view: CopyRef,
  filter: AudienceFilter,
): string[] => {
  const org = projections.organization(orgId) ?? initialOrganizationState;
  return [...projections.copies(orgId, view).values()]
    .filter((copy) => evaluateFilter(filter, copyFacts(org, copy, projections.links(orgId, copy.contactId))))
    .map((copy) => copy.contactId)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
};
