/**
 * The events of an organization's stream: creation, members and roles (R-AUTH-2, R-AUTH-3) and
 * settings (R-SEG-2, R-STEP-1, R-FIELD-2, R-FIELD-5). A change event carries the previous value.
 */
import * as t from 'io-ts';
import { Id, Name } from '../ids.js';
import { Role, SegmentKind, Stage } from '../vocabulary.js';
import { FieldDefinition } from '../fields/index.js';
import { NextStepDefinition } from '../steps/index.js';

const event = <T extends string, D extends t.Props>(type: T, data: D) =>
  t.type({ type: t.literal(type), data: t.type(data) }, type);

/**
 * An organization was created by `createdBy`, who became its first administrator.
 *
 * @example
 * import { OrganizationCreated } from './events.js';
 * OrganizationCreated.is({ type: 'OrganizationCreated', data: { orgId: 'acme', name: 'Acme', createdBy: 'ann' } }); // true
 */
export const OrganizationCreated = event('OrganizationCreated', { orgId: Id, name: Name, createdBy: Id });
export type OrganizationCreated = t.TypeOf<typeof OrganizationCreated>;

/**
 * A user joined the organization with a role.
 *
 * @example
 * import { MemberAdded } from './events.js';
 * MemberAdded.is({ type: 'MemberAdded', data: { orgId: 'acme', userId: 'bob', role: 'member' } }); // true
 */
export const MemberAdded = event('MemberAdded', { orgId: Id, userId: Id, role: Role });
export type MemberAdded = t.TypeOf<typeof MemberAdded>;

/**
 * A member's role changed from `previous` to `role`.
 *
 * @example
 * import { MemberRoleChanged } from './events.js';
 * MemberRoleChanged.is({ type: 'MemberRoleChanged', data: { orgId: 'acme', userId: 'bob', role: 'manager', previous: 'member' } }); // true
 */
export const MemberRoleChanged = event('MemberRoleChanged', {
  orgId: Id,
  userId: Id,
  role: Role,
  previous: Role,
});
export type MemberRoleChanged = t.TypeOf<typeof MemberRoleChanged>;

/**
 * A member left the organization; `previous` is the role they had.
 *
 * @example
 * import { MemberRemoved } from './events.js';
 * MemberRemoved.is({ type: 'MemberRemoved', data: { orgId: 'acme', userId: 'bob', previous: 'member' } }); // true
 */
export const MemberRemoved = event('MemberRemoved', { orgId: Id, userId: Id, previous: Role });
export type MemberRemoved = t.TypeOf<typeof MemberRemoved>;

/**
 * A custom segment of the organization.
 *
 * @example
 * import { CustomSegment } from './events.js';
 * CustomSegment.is({ segmentId: 'golfers', name: 'Golfers', kind: 'personal' }); // true
 */
export const CustomSegment = t.type({ segmentId: Id, name: Name, kind: SegmentKind }, 'CustomSegment');
export type CustomSegment = t.TypeOf<typeof CustomSegment>;

/**
 * A custom segment was defined.
 *
 * @example
 * import { SegmentDefined } from './events.js';
 * SegmentDefined.is({ type: 'SegmentDefined', data: { orgId: 'acme', segment: { segmentId: 'golfers', name: 'Golfers', kind: 'personal' } } }); // true
 */
export const SegmentDefined = event('SegmentDefined', { orgId: Id, segment: CustomSegment });
export type SegmentDefined = t.TypeOf<typeof SegmentDefined>;

/**
 * The checklist of a (segment, stage) pair was defined; `previous` is the one it replaced.
 *
 * @example
 * import { ChecklistDefined } from './events.js';
 * ChecklistDefined.is({ type: 'ChecklistDefined', data: { orgId: 'acme', segmentId: 'customer', stage: 'lead', steps: [], previous: null } }); // true
 */
export const ChecklistDefined = event('ChecklistDefined', {
  orgId: Id,
  segmentId: Id,
  stage: Stage,
  steps: t.array(NextStepDefinition),
  previous: t.union([t.array(NextStepDefinition), t.null]),
});
export type ChecklistDefined = t.TypeOf<typeof ChecklistDefined>;

/**
 * A custom field was defined.
 *
 * @example
 * import { FieldDefined } from './events.js';
 * FieldDefined.is({ type: 'FieldDefined', data: { orgId: 'acme', definition: { fieldId: 'source', name: 'Source', valueType: { type: 'text' }, appliesTo: ['person'] } } }); // true
 */
export const FieldDefined = event('FieldDefined', { orgId: Id, definition: FieldDefinition });
export type FieldDefined = t.TypeOf<typeof FieldDefined>;

/**
 * A custom field's definition changed (R-SET-1), with the definition it had.
 *
 * @example
 * import { FieldRedefined } from './events.js';
 * const definition = { fieldId: 'source', name: 'Source', valueType: { type: 'text' }, appliesTo: ['person'] };
 * FieldRedefined.is({ type: 'FieldRedefined', data: { orgId: 'acme', definition: { ...definition, name: 'Found via' }, previous: definition } }); // true
 */
export const FieldRedefined = event('FieldRedefined', {
  orgId: Id,
  definition: FieldDefinition,
  previous: FieldDefinition,
});
export type FieldRedefined = t.TypeOf<typeof FieldRedefined>;

/**
 * A custom field was retired: its values are hidden from now on (R-FIELD-5).
 *
 * @example
 * import { FieldRetired } from './events.js';
 * FieldRetired.is({ type: 'FieldRetired', data: { orgId: 'acme', fieldId: 'source' } }); // true
 */
export const FieldRetired = event('FieldRetired', { orgId: Id, fieldId: Id });
export type FieldRetired = t.TypeOf<typeof FieldRetired>;

/**
 * A custom section of the organization.
 *
 * @example
 * import { Section } from './events.js';
 * Section.is({ sectionId: 'billing', name: 'Billing' }); // true
 */
export const Section = t.type({ sectionId: Id, name: Name }, 'Section');
export type Section = t.TypeOf<typeof Section>;

/**
 * A custom section was defined.
 *
 * @example
 * import { SectionDefined } from './events.js';
 * SectionDefined.is({ type: 'SectionDefined', data: { orgId: 'acme', section: { sectionId: 'billing', name: 'Billing' } } }); // true
 */
export const SectionDefined = event('SectionDefined', { orgId: Id, section: Section });
export type SectionDefined = t.TypeOf<typeof SectionDefined>;

/**
 * Any event of an organization's stream.
 *
 * @example
 * import { OrganizationEvent } from './events.js';
 * OrganizationEvent.is({ type: 'FieldRetired', data: { orgId: 'acme', fieldId: 'source' } }); // true
 */
export const OrganizationEvent = t.union(
  [
    OrganizationCreated,
    MemberAdded,
    MemberRoleChanged,
    MemberRemoved,
    SegmentDefined,
    ChecklistDefined,
    FieldDefined,
    FieldRedefined,
    FieldRetired,
    SectionDefined,
  ],
  'OrganizationEvent',
);
export type OrganizationEvent = t.TypeOf<typeof OrganizationEvent>;
