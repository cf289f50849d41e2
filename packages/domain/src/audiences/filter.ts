/**
 * The filter language of audiences (R-AUD-1): a tree over tags (any, all, none), stage, segment,
 * segment kind, keep-in-touch, assignee, current step, contact kind and custom field predicates
 * (equals, in, range, is set), combined with and, or and not; and its evaluation over the facts
 * of one copy. Evaluation is pure and reads only the copy's facts, so membership can be kept
 * event by event (R-AUD-3, R-AUD-4).
 */
import * as t from 'io-ts';
import { Id } from '../ids.js';
import { Tag, tagKey } from '../tags.js';
import { ContactKind, SegmentKind, Stage } from '../vocabulary.js';
import { compareFieldValues, FieldValue } from '../fields/index.js';
import { entryOf } from '../internal/idRecords.js';

/**
 * A test on one custom field value: equal to a value, one of several, within a range (either bound
 * may be left out; bounds are inclusive), or set at all.
 *
 * @example
 * import { FieldTest } from './filter.js';
 * FieldTest.is({ is: 'range', min: { type: 'decimal', value: '1000' } }); // true
 * FieldTest.is({ is: 'set' }); // true
 */
export const FieldTest = t.union(
  [
    t.type({ is: t.literal('equals'), value: FieldValue }),
    t.type({ is: t.literal('in'), values: t.array(FieldValue) }),
    t.intersection([t.type({ is: t.literal('range') }), t.partial({ min: FieldValue, max: FieldValue })]),
    t.type({ is: t.literal('set') }),
  ],
  'FieldTest',
);
export type FieldTest = t.TypeOf<typeof FieldTest>;

/**
 * How a tag test matches: the copy has any of the tags, all of them, or none of them.
 *
 * @example
 * import { TagMatch } from './filter.js';
 * TagMatch.is('none'); // true
 */
export const TagMatch = t.keyof({ any: null, all: null, none: null }, 'TagMatch');
export type TagMatch = t.TypeOf<typeof TagMatch>;

// io-ts needs the type of a recursive codec spelled out once; it is checked against the codec below.
/**
 * An audience filter: a tree of tests combined with and, or and not (R-AUD-1).
 *
 * @example
 * import type { AudienceFilter } from '@rapport/domain';
 * const focus: AudienceFilter = { op: 'and', filters: [{ op: 'keepInTouch', is: true }, { op: 'kind', in: ['person'] }] };
 */
export type AudienceFilter =
  | { op: 'and'; filters: AudienceFilter[] }
  | { op: 'or'; filters: AudienceFilter[] }
  | { op: 'not'; filter: AudienceFilter }
  | { op: 'tags'; match: TagMatch; tags: string[] }
  | { op: 'stage'; in: Array<Stage | null> }
  | { op: 'segment'; in: Array<string | null> }
  | { op: 'segmentKind'; is: SegmentKind }
  | { op: 'keepInTouch'; is: boolean }
  | { op: 'assignee'; in: string[] }
  | { op: 'step'; in: Array<string | null> }
  | { op: 'kind'; in: ContactKind[] }
  | { op: 'field'; fieldId: string; test: FieldTest };

/**
 * The codec of an audience filter. `null` in `stage`, `segment` or `step` lists means "none set".
 * An `and` of no filters holds for every contact; an `or` of none for no contact.
 *
 * @example
 * import { AudienceFilter } from '@rapport/domain';
 * AudienceFilter.is({
 *   op: 'and',
 *   filters: [
 *     { op: 'tags', match: 'any', tags: ['Holiday card'] },
 *     { op: 'not', filter: { op: 'segmentKind', is: 'personal' } },
 *   ],
 * }); // true
 */
export const AudienceFilter: t.Type<AudienceFilter> = t.recursion('AudienceFilter', () =>
  t.union([
    t.type({ op: t.literal('and'), filters: t.array(AudienceFilter) }),
    t.type({ op: t.literal('or'), filters: t.array(AudienceFilter) }),
    t.type({ op: t.literal('not'), filter: AudienceFilter }),
    t.type({ op: t.literal('tags'), match: TagMatch, tags: t.array(Tag) }),
    t.type({ op: t.literal('stage'), in: t.array(t.union([Stage, t.null])) }),
    t.type({ op: t.literal('segment'), in: t.array(t.union([Id, t.null])) }),
    t.type({ op: t.literal('segmentKind'), is: SegmentKind }),
    t.type({ op: t.literal('keepInTouch'), is: t.boolean }),
    t.type({ op: t.literal('assignee'), in: t.array(Id) }),
    t.type({ op: t.literal('step'), in: t.array(t.union([Id, t.null])) }),
    t.type({ op: t.literal('kind'), in: t.array(ContactKind) }),
    t.type({ op: t.literal('field'), fieldId: Id, test: FieldTest }),
  ]),
);

/**
 * What a filter reads of one copy: the facts the membership index keeps per copy. `tags` holds
 * the compared form of each tag; `fields` only the values a reader sees (in scope, not retired).
 *
 * @example
 * import { CopyFacts } from './filter.js';
 * CopyFacts.is({
 *   kind: 'person', stage: 'lead', segment: 'customer', segmentKind: 'business', keepInTouch: true,
 *   step: null, tags: ['vip'], assignees: [], fields: {}, archived: false,
 * }); // true
 */
export const CopyFacts = t.type(
  {
    kind: ContactKind,
    stage: t.union([Stage, t.null]),
    segment: t.union([t.string, t.null]),
    segmentKind: t.union([SegmentKind, t.null]),
    keepInTouch: t.boolean,
    step: t.union([t.string, t.null]),
    tags: t.array(t.string),
    assignees: t.array(t.string),
    fields: t.record(t.string, FieldValue),
    archived: t.boolean,
  },
  'CopyFacts',
);
export type CopyFacts = t.TypeOf<typeof CopyFacts>;

const equal = (a: FieldValue, b: FieldValue): boolean => compareFieldValues(a, b) === 0;

/**
 * Whether a field value passes a field test.
 *
 * @example
 * import { fieldTestHolds } from './filter.js';
 * fieldTestHolds({ is: 'range', min: { type: 'decimal', value: '10' } }, { type: 'decimal', value: '12.5' }); // true
 * fieldTestHolds({ is: 'set' }, undefined); // false
 */
export const fieldTestHolds = (test: FieldTest, value: FieldValue | undefined): boolean => {
  if (value === undefined) return false;
  switch (test.is) {
    case 'set':
      return true;
    case 'equals':
      return equal(value, test.value);
    case 'in':
      return test.values.some((candidate) => equal(value, candidate));
    case 'range': {
      const above = test.min === undefined ? 0 : compareFieldValues(value, test.min);
      const below = test.max === undefined ? 0 : compareFieldValues(value, test.max);
      return above !== undefined && below !== undefined && above >= 0 && below <= 0;
    }
  }
};

/**
 * A filter made ready to evaluate many copies: what can be worked out once (the compared form of
 * its tags, the shape of its tree) is, so that evaluating a copy allocates nothing.
 */
export type FilterPredicate = (facts: CopyFacts) => boolean;

const includesAny = <T>(values: ReadonlyArray<T>, present: ReadonlyArray<T>): boolean => {
  for (const value of values) if (present.includes(value)) return true;
  return false;
};

const includesAll = <T>(values: ReadonlyArray<T>, present: ReadonlyArray<T>): boolean => {
  for (const value of values) if (!present.includes(value)) return false;
  return true;
};

const compileLeaf = (filter: Exclude<AudienceFilter, { op: 'and' | 'or' | 'not' }>): FilterPredicate => {
  switch (filter.op) {
    case 'tags': {
      const keys = filter.tags.map(tagKey);
      return filter.match === 'any'
        ? (facts) => includesAny(keys, facts.tags)
        : filter.match === 'all'
          ? (facts) => includesAll(keys, facts.tags)
          : (facts) => !includesAny(keys, facts.tags);
    }
    case 'stage': {
      const stages = filter.in;
      return (facts) => stages.includes(facts.stage);
    }
    case 'segment': {
      const segments = filter.in;
      return (facts) => segments.includes(facts.segment);
    }
    case 'segmentKind': {
      const kind = filter.is;
      return (facts) => facts.segmentKind === kind;
    }
    case 'keepInTouch': {
      const wanted = filter.is;
      return (facts) => facts.keepInTouch === wanted;
    }
    case 'assignee': {
      const users = filter.in;
      return (facts) => includesAny(users, facts.assignees);
    }
    case 'step': {
      const steps = filter.in;
      return (facts) => steps.includes(facts.step);
    }
    case 'kind': {
      const kinds = filter.in;
      return (facts) => kinds.includes(facts.kind);
    }
    case 'field': {
      const { fieldId, test } = filter;
      return (facts) => fieldTestHolds(test, entryOf(facts.fields, fieldId));
    }
  }
};

const compileTree = (filter: AudienceFilter): FilterPredicate => {
  switch (filter.op) {
    case 'and': {
      const inner = filter.filters.map(compileTree);
      return (facts) => {
        for (const holds of inner) if (!holds(facts)) return false;
        return true;
      };
    }
    case 'or': {
      const inner = filter.filters.map(compileTree);
      return (facts) => {
        for (const holds of inner) if (holds(facts)) return true;
        return false;
      };
    }
    case 'not': {
      const inner = compileTree(filter.filter);
      return (facts) => !inner(facts);
    }
    default:
      return compileLeaf(filter);
  }
};

/**
 * A filter as a predicate over copies' facts, for evaluating it over many copies (membership
 * does, for every copy an event changes). An archived copy belongs to no audience (R-ARCH-2).
 *
 * @example
 * import { compileFilter } from './filter.js';
 * const facts = { kind: 'person' as const, stage: 'lead' as const, segment: null, segmentKind: null,
 *   keepInTouch: false, step: null, tags: ['vip'], assignees: [], fields: {}, archived: false };
 * const vip = compileFilter({ op: 'tags', match: 'any', tags: ['VIP'] });
 * vip(facts); // true
 * vip({ ...facts, tags: [] }); // false
 * vip({ ...facts, archived: true }); // false
 */
export const compileFilter = (filter: AudienceFilter): FilterPredicate => {
  const holds = compileTree(filter);
  return (facts) => !facts.archived && holds(facts);
};

/**
 * Whether one test (not and, or, not) holds for a copy's facts.
 *
 * @example
 * import { leafHolds } from './filter.js';
 * const facts = { kind: 'person' as const, stage: null, segment: null, segmentKind: null, keepInTouch: false,
 *   step: null, tags: ['vip'], assignees: [], fields: {}, archived: false };
 * leafHolds({ op: 'tags', match: 'any', tags: ['VIP '] }, facts); // true
 */
export const leafHolds = (
  filter: Exclude<AudienceFilter, { op: 'and' | 'or' | 'not' }>,
  facts: CopyFacts,
): boolean => compileLeaf(filter)(facts);

/**
 * Evaluates a filter over one copy's facts. An archived copy belongs to no audience (R-ARCH-2).
 * To evaluate one filter over many copies, compile it once with `compileFilter`.
 *
 * @example
 * import { evaluateFilter } from './filter.js';
 * const facts = { kind: 'person' as const, stage: 'lead' as const, segment: 'customer', segmentKind: 'business' as const,
 *   keepInTouch: true, step: null, tags: [], assignees: [], fields: {}, archived: false };
 * evaluateFilter({ op: 'or', filters: [{ op: 'stage', in: ['active'] }, { op: 'keepInTouch', is: true }] }, facts); // true
 * evaluateFilter({ op: 'and', filters: [] }, { ...facts, archived: true }); // false
 */
export const evaluateFilter = (filter: AudienceFilter, facts: CopyFacts): boolean =>
  compileFilter(filter)(facts);

/**
 * The custom fields a filter reads: retiring one of them changes what the filter sees.
 *
 * @example
 * import { fieldsRead } from './filter.js';
 * fieldsRead({ op: 'not', filter: { op: 'field', fieldId: 'tier', test: { is: 'set' } } }); // ['tier']
 */
export const fieldsRead = (filter: AudienceFilter): string[] => {
  switch (filter.op) {
    case 'and':
    case 'or':
      return [...new Set(filter.filters.flatMap(fieldsRead))];
    case 'not':
      return fieldsRead(filter.filter);
    case 'field':
      return [filter.fieldId];
    default:
      return [];
  }
};
