/**
 * What a decision knows of an organization: its members with their roles (R-AUTH-2) and its
 * settings: custom segments (R-SEG-2), checklists (R-STEP-1), fields and sections (R-FIELD-2).
 * The same value is the organization's read model.
 */
import * as t from 'io-ts';
import { Id, Name } from '../ids.js';
import { builtInSegmentKind, Role, type SegmentKind, type Stage } from '../vocabulary.js';
import { FieldDefinition } from '../fields/index.js';
import { NextStepDefinition } from '../steps/index.js';
import { absurd } from '../internal/absurd.js';
import { entryOf, removeEntry, setEntry } from '../internal/idRecords.js';
import { CustomSegment, Section, type OrganizationEvent } from './events.js';

/**
 * A custom field of an organization and whether it was retired.
 *
 * @example
 * import { FieldSetting } from './state.js';
 * FieldSetting.is({ definition: { fieldId: 'source', name: 'Source', valueType: { type: 'text' }, appliesTo: ['person'] }, retired: false }); // true
 */
export const FieldSetting = t.type({ definition: FieldDefinition, retired: t.boolean }, 'FieldSetting');
export type FieldSetting = t.TypeOf<typeof FieldSetting>;

/**
 * An organization's state. `orgId` is null until the organization is created. Checklists are
 * keyed by `checklistKey(segmentId, stage)`.
 *
 * @example
 * import { OrganizationState, initialOrganizationState } from '@rapport/domain';
 * OrganizationState.is(initialOrganizationState); // true
 */
export const OrganizationState = t.type(
  {
    orgId: t.union([Id, t.null]),
    name: t.union([Name, t.null]),
    members: t.record(t.string, Role),
    segments: t.record(t.string, CustomSegment),
    checklists: t.record(t.string, t.array(NextStepDefinition)),
    fields: t.record(t.string, FieldSetting),
    sections: t.record(t.string, Section),
  },
  'OrganizationState',
);
export type OrganizationState = t.TypeOf<typeof OrganizationState>;

/**
 * The state of an organization that does not exist yet.
 *
 * @example
 * import { initialOrganizationState } from '@rapport/domain';
 * initialOrganizationState.orgId; // null
 */
export const initialOrganizationState: OrganizationState = {
  orgId: null,
  name: null,
  members: {},
  segments: {},
  checklists: {},
  fields: {},
  sections: {},
};

/**
 * The key of a (segment, stage) checklist.
 *
 * @example
 * import { checklistKey } from './state.js';
 * checklistKey('customer', 'lead'); // 'customer/lead'
 */
export const checklistKey = (segmentId: string, stage: Stage): string => `${segmentId}/${stage}`;

/**
 * The kind of a segment, built in or custom, or undefined for a segment the organization does not know.
 *
 * @example
 * import { initialOrganizationState } from '@rapport/domain';
 * import { segmentKindOf } from './state.js';
 * segmentKindOf(initialOrganizationState, 'family'); // 'personal'
 * segmentKindOf(initialOrganizationState, 'golfers'); // undefined
 */
export const segmentKindOf = (org: OrganizationState, segmentId: string): SegmentKind | undefined =>
  builtInSegmentKind(segmentId) ?? entryOf(org.segments, segmentId)?.kind;

/**
 * The steps of the checklist of a (segment, stage) pair; empty when none is defined.
 *
 * @example
 * import { initialOrganizationState } from '@rapport/domain';
 * import { checklistOf } from './state.js';
 * checklistOf(initialOrganizationState, 'customer', 'lead'); // []
 */
export const checklistOf = (
  org: OrganizationState,
  segmentId: string,
  stage: Stage,
): ReadonlyArray<NextStepDefinition> => entryOf(org.checklists, checklistKey(segmentId, stage)) ?? [];

/**
 * The role of a user in an organization, or undefined when they are not a member.
 *
 * @example
 * import { initialOrganizationState } from '@rapport/domain';
 * import { roleOf } from './state.js';
 * roleOf({ ...initialOrganizationState, members: { ann: 'administrator' } }, 'ann'); // 'administrator'
 */
export const roleOf = (org: OrganizationState, userId: string): Role | undefined =>
  entryOf(org.members, userId);

/**
 * Changes an organization in place as an event says: meant for fresh copies, never for immer
 * drafts, which refuse the definition of an entry named `__proto__` (R-FIELD-7).
 *
 * @example
 * import { initialOrganizationState } from '@rapport/domain';
 * import { applyToOrganization } from './state.js';
 * const org = structuredClone(initialOrganizationState);
 * applyToOrganization(org, { type: 'MemberAdded', data: { orgId: 'acme', userId: 'bob', role: 'member' } });
 * org.members; // { bob: 'member' }
 */
export const applyToOrganization = (org: OrganizationState, event: OrganizationEvent): void => {
  switch (event.type) {
    case 'OrganizationCreated':
      org.orgId = event.data.orgId;
      org.name = event.data.name;
      return;
    case 'MemberAdded':
    case 'MemberRoleChanged':
      setEntry(org.members, event.data.userId, event.data.role);
      return;
    case 'MemberRemoved':
      removeEntry(org.members, event.data.userId);
      return;
    case 'SegmentDefined':
      setEntry(org.segments, event.data.segment.segmentId, event.data.segment);
      return;
    case 'ChecklistDefined':
      setEntry(org.checklists, checklistKey(event.data.segmentId, event.data.stage), event.data.steps);
      return;
    case 'FieldDefined':
      setEntry(org.fields, event.data.definition.fieldId, {
        definition: event.data.definition,
        retired: false,
      });
      return;
    case 'FieldRedefined': {
      const field = entryOf(org.fields, event.data.definition.fieldId);
      if (field !== undefined)
        setEntry(org.fields, event.data.definition.fieldId, { ...field, definition: event.data.definition });
      return;
    }
    case 'FieldRetired': {
      // Replaced rather than changed in place: the projections' batches copy an organization's
      // containers, and share what they hold.
      const field = entryOf(org.fields, event.data.fieldId);
      if (field !== undefined) setEntry(org.fields, event.data.fieldId, { ...field, retired: true });
      return;
    }
    case 'SectionDefined':
      setEntry(org.sections, event.data.section.sectionId, event.data.section);
      return;
    default:
      absurd(event);
  }
};

/** The container of an organization's state each event changes; null for the name. */
const CONTAINER: {
  readonly [K in OrganizationEvent['type']]:
    'members' | 'segments' | 'checklists' | 'fields' | 'sections' | null;
} = {
  OrganizationCreated: null,
  MemberAdded: 'members',
  MemberRoleChanged: 'members',
  MemberRemoved: 'members',
  SegmentDefined: 'segments',
  ChecklistDefined: 'checklists',
  FieldDefined: 'fields',
  FieldRedefined: 'fields',
  FieldRetired: 'fields',
  SectionDefined: 'sections',
};

/**
 * Folds one event into an organization's state, without changing the given state: the state and
 * the one container the event changes are copied, the others shared.
 *
 * @example
 * import { initialOrganizationState } from '@rapport/domain';
 * import { evolveOrganization } from './state.js';
 * evolveOrganization(initialOrganizationState, { type: 'OrganizationCreated', data: { orgId: 'acme', name: 'Acme', createdBy: 'ann' } }).orgId; // 'acme'
 */
export const evolveOrganization = (org: OrganizationState, event: OrganizationEvent): OrganizationState => {
  const next = { ...org };
  const container = CONTAINER[event.type];
  if (container !== null) next[container] = { ...org[container] } as never;
  applyToOrganization(next, event);
  return next;
};
