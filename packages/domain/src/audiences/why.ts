/**
 * Why a contact is, or is not, in an audience: the filter's tree with, for each test, whether it
 * holds for the copy and the events that last changed what it reads (R-AUD-1, R-AUD-3), or the
 * archive that took the copy out of every audience (R-ARCH-2).
 */
import * as t from 'io-ts';
import { tagKey } from '../tags.js';
import { CopyRef } from '../contact/model.js';
import { ChangeMark, type CopyDocument } from '../projections/documents.js';
import { copyFacts } from './facts.js';
import { leafHolds, type AudienceFilter, type CopyFacts } from './filter.js';
import type { OrganizationState } from '../organization/state.js';
import type { ContactLinks } from '../projections/documents.js';
import { entryOf } from '../internal/idRecords.js';

// io-ts needs the type of a recursive codec spelled out once; it is checked against the codec below.
/**
 * One test of a filter and whether it holds, with the events behind it.
 *
 * @example
 * import type { FilterReason } from './why.js';
 * const reason: FilterReason = { test: 'keep-in-touch is enabled', holds: false, events: [], because: [] };
 */
export interface FilterReason {
  test: string;
  holds: boolean;
  events: ChangeMark[];
  because: FilterReason[];
}

/**
 * The codec of a reason: a test in words, whether it holds, the last changes of what it reads,
 * and the reasons of its parts (for and, or, not).
 *
 * @example
 * import { FilterReason } from './why.js';
 * FilterReason.is({ test: 'stage is one of lead', holds: true, events: [], because: [] }); // true
 */
export const FilterReason: t.Type<FilterReason> = t.recursion('FilterReason', () =>
  t.type({ test: t.string, holds: t.boolean, events: t.array(ChangeMark), because: t.array(FilterReason) }),
);

/**
 * Why a contact is or is not a member of an audience in one view. `rule` names the rule that
 * decided: R-ARCH-2 when the copy is archived, R-AUD-1 when the filter did.
 *
 * @example
 * import { MembershipExplanation } from '@rapport/domain';
 * MembershipExplanation.is({ audienceId: 'leads', contactId: 'c1', view: { owner: 'team' }, member: false,
 *   rule: 'R-ARCH-2', summary: 'c1 is archived', archived: null, reason: null }); // true
 */
export const MembershipExplanation = t.type(
  {
    audienceId: t.string,
    contactId: t.string,
    view: CopyRef,
    member: t.boolean,
    rule: t.string,
    summary: t.string,
    archived: t.union([ChangeMark, t.null]),
    reason: t.union([FilterReason, t.null]),
  },
  'MembershipExplanation',
);
export type MembershipExplanation = t.TypeOf<typeof MembershipExplanation>;

const list = (values: ReadonlyArray<unknown>): string =>
  values.map((value) => (value === null ? 'none' : String(value))).join(', ');

const describe = (filter: Exclude<AudienceFilter, { op: 'and' | 'or' | 'not' }>): string => {
  switch (filter.op) {
    case 'tags':
      return `tagged with ${filter.match === 'any' ? 'any of' : filter.match === 'all' ? 'all of' : 'none of'} ${list(filter.tags)}`;
    case 'stage':
      return `stage is one of ${list(filter.in)}`;
    case 'segment':
      return `segment is one of ${list(filter.in)}`;
    case 'segmentKind':
      return `segment is a ${filter.is} segment`;
    case 'keepInTouch':
      return `keep-in-touch is ${filter.is ? 'enabled' : 'disabled'}`;
    case 'assignee':
      return `assigned to any of ${list(filter.in)}`;
    case 'step':
      return `current step is one of ${list(filter.in)}`;
    case 'kind':
      return `is a ${filter.in.join(' or a ')}`;
    case 'field':
      return `field ${filter.fieldId} ${
        filter.test.is === 'set'
          ? 'is set'
          : filter.test.is === 'equals'
            ? `equals ${JSON.stringify(filter.test.value.value)}`
            : filter.test.is === 'in'
              ? `is one of ${list(filter.test.values.map((value) => JSON.stringify(value.value)))}`
              : `is within ${filter.test.min === undefined ? '…' : JSON.stringify(filter.test.min.value)} to ${
                  filter.test.max === undefined ? '…' : JSON.stringify(filter.test.max.value)
                }`
      }`;
  }
};

/** The keys of `CopyDocument.changes` a test reads. */
const keysRead = (filter: Exclude<AudienceFilter, { op: 'and' | 'or' | 'not' }>): string[] => {
  switch (filter.op) {
    case 'tags':
      return filter.tags.map((tag) => `tag:${tagKey(tag)}`);
    case 'stage':
      return ['stage'];
    case 'segment':
    case 'segmentKind':
      return ['segment'];
    case 'keepInTouch':
      return ['stage', 'segment'];
    case 'step':
      return ['step'];
    case 'field':
      return [`field:${filter.fieldId}`, 'stage', 'segment'];
    case 'assignee':
    case 'kind':
      return [];
  }
};

const reasonOf = (filter: AudienceFilter, facts: CopyFacts, copy: CopyDocument): FilterReason => {
  switch (filter.op) {
    case 'and':
    case 'or': {
      const because = filter.filters.map((inner) => reasonOf(inner, facts, copy));
      const holds = filter.op === 'and' ? because.every((r) => r.holds) : because.some((r) => r.holds);
      return {
        test:
          filter.filters.length === 0 ? (filter.op === 'and' ? 'every contact' : 'no contact') : filter.op,
        holds,
        events: [],
        because,
      };
    }
    case 'not': {
      const inner = reasonOf(filter.filter, facts, copy);
      return { test: 'not', holds: !inner.holds, events: [], because: [inner] };
    }
    default: {
      const events = keysRead(filter)
        .map((key) => entryOf(copy.changes, key))
        .filter((mark): mark is ChangeMark => mark !== undefined)
        .filter((mark, index, all) => all.findIndex((other) => other.eventId === mark.eventId) === index);
      return { test: describe(filter), holds: leafHolds(filter, facts), events, because: [] };
    }
  }
};

/**
 * Explains the membership of one copy in one audience.
 *
 * @example
 * import { initialOrganizationState } from '@rapport/domain';
 * import { explainMembership } from './why.js';
 * const copy = { contactId: 'c1', kind: 'person' as const, owner: { owner: 'team' as const }, name: 'Ada', stage: 'lead' as const,
 *   segment: 'customer', step: null, fields: {}, tags: [], info: {}, archived: false, stepSetAt: null, stepDefinition: null, changes: {} };
 * explainMembership(initialOrganizationState, copy, { contactId: 'c1', assignees: [], engagements: [], withdrawn: [] },
 *   { audienceId: 'leads', filter: { op: 'stage', in: ['lead'] } }).member; // true
 */
export const explainMembership = (
  org: OrganizationState,
  copy: CopyDocument,
  links: ContactLinks,
  audience: { readonly audienceId: string; readonly filter: AudienceFilter },
): MembershipExplanation => {
  const facts = copyFacts(org, copy, links);
  if (copy.archived)
    return {
      audienceId: audience.audienceId,
      contactId: copy.contactId,
      view: copy.owner,
      member: false,
      rule: 'R-ARCH-2',
      summary: `${copy.name} is archived, and an archived copy belongs to no audience`,
      archived: copy.changes['archived'] ?? null,
      reason: null,
    };
  const reason = reasonOf(audience.filter, facts, copy);
  return {
    audienceId: audience.audienceId,
    contactId: copy.contactId,
    view: copy.owner,
    member: reason.holds,
    rule: 'R-AUD-1',
    summary: `${copy.name} ${reason.holds ? 'is' : 'is not'} in audience ${audience.audienceId}: the filter ${
      reason.holds ? 'holds' : 'does not hold'
    }`,
    archived: null,
    reason,
  };
};
