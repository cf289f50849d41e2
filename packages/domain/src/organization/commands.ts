/**
 * The commands of an organization: its creation, its members and their roles (R-AUTH-2), and its
 * settings: custom segments (R-SEG-2), next-step checklists (R-STEP-1), custom fields and sections
 * (R-FIELD-2, R-FIELD-5). Every command names its actor.
 */
import * as t from 'io-ts';
import { Id, Name } from '../ids.js';
import { Role, SegmentKind, Stage } from '../vocabulary.js';
import { FieldDefinition } from '../fields/index.js';
import { ChecklistSteps } from '../steps/index.js';

/**
 * Creates an organization; its creator becomes its first administrator.
 *
 * @example
 * import { CreateOrganization } from './commands.js';
 * CreateOrganization.is({ type: 'CreateOrganization', actor: 'ann', orgId: 'acme', name: 'Acme' }); // true
 */
export const CreateOrganization = t.type(
  { type: t.literal('CreateOrganization'), actor: Id, orgId: Id, name: Name },
  'CreateOrganization',
);
export type CreateOrganization = t.TypeOf<typeof CreateOrganization>;

/**
 * Adds a user to an organization with a role (administrators only).
 *
 * @example
 * import { AddMember } from './commands.js';
 * AddMember.is({ type: 'AddMember', actor: 'ann', orgId: 'acme', userId: 'bob', role: 'member' }); // true
 */
export const AddMember = t.type(
  { type: t.literal('AddMember'), actor: Id, orgId: Id, userId: Id, role: Role },
  'AddMember',
);
export type AddMember = t.TypeOf<typeof AddMember>;

/**
 * Gives a member another role (administrators only).
 *
 * @example
 * import { ChangeMemberRole } from './commands.js';
 * ChangeMemberRole.is({ type: 'ChangeMemberRole', actor: 'ann', orgId: 'acme', userId: 'bob', role: 'manager' }); // true
 */
export const ChangeMemberRole = t.type(
  { type: t.literal('ChangeMemberRole'), actor: Id, orgId: Id, userId: Id, role: Role },
  'ChangeMemberRole',
);
export type ChangeMemberRole = t.TypeOf<typeof ChangeMemberRole>;

/**
 * Removes a member (administrators only); from that event on they lose access (R-AUTH-3).
 *
 * @example
 * import { RemoveMember } from './commands.js';
 * RemoveMember.is({ type: 'RemoveMember', actor: 'ann', orgId: 'acme', userId: 'bob' }); // true
 */
export const RemoveMember = t.type(
  { type: t.literal('RemoveMember'), actor: Id, orgId: Id, userId: Id },
  'RemoveMember',
);
export type RemoveMember = t.TypeOf<typeof RemoveMember>;

/**
 * Defines a custom segment, business or personal, with an id no other segment has (R-SEG-2).
 *
 * @example
 * import { DefineSegment } from './commands.js';
 * DefineSegment.is({ type: 'DefineSegment', actor: 'ann', orgId: 'acme', segmentId: 'golfers', name: 'Golfers', kind: 'personal' }); // true
 */
export const DefineSegment = t.type(
  { type: t.literal('DefineSegment'), actor: Id, orgId: Id, segmentId: Id, name: Name, kind: SegmentKind },
  'DefineSegment',
);
export type DefineSegment = t.TypeOf<typeof DefineSegment>;

/**
 * Defines (or replaces) the ordered checklist of next steps of a (segment, stage) pair (R-STEP-1).
 *
 * @example
 * import { DefineChecklist } from './commands.js';
 * DefineChecklist.is({
 *   type: 'DefineChecklist', actor: 'ann', orgId: 'acme', segmentId: 'customer', stage: 'lead',
 *   steps: [{ stepId: 'call', title: 'Call them', reminder: { afterDays: 2 } }],
 * }); // true
 */
export const DefineChecklist = t.type(
  {
    type: t.literal('DefineChecklist'),
    actor: Id,
    orgId: Id,
    segmentId: Id,
    stage: Stage,
    steps: ChecklistSteps,
  },
  'DefineChecklist',
);
export type DefineChecklist = t.TypeOf<typeof DefineChecklist>;

/**
 * Defines a custom field: its type, the entity kinds it applies to and its optional limits (R-FIELD-2).
 *
 * @example
 * import { DefineField } from './commands.js';
 * DefineField.is({
 *   type: 'DefineField', actor: 'ann', orgId: 'acme',
 *   definition: { fieldId: 'source', name: 'Lead source', valueType: { type: 'text' }, appliesTo: ['person'] },
 * }); // true
 */
export const DefineField = t.type(
  { type: t.literal('DefineField'), actor: Id, orgId: Id, definition: FieldDefinition },
  'DefineField',
);
export type DefineField = t.TypeOf<typeof DefineField>;

/**
 * Retires a custom field: its values are hidden, history keeps them (R-FIELD-5).
 *
 * @example
 * import { RetireField } from './commands.js';
 * RetireField.is({ type: 'RetireField', actor: 'ann', orgId: 'acme', fieldId: 'source' }); // true
 */
export const RetireField = t.type(
  { type: t.literal('RetireField'), actor: Id, orgId: Id, fieldId: Id },
  'RetireField',
);
export type RetireField = t.TypeOf<typeof RetireField>;

/**
 * Changes a custom field's definition (R-SET-1): its name, the entity kinds it applies to, its
 * limits, its section, the options of a pick field (options left out are retired: the values
 * that hold them stay and are reported so). Its id and the kind of its values stay.
 *
 * @example
 * import { RedefineField } from './commands.js';
 * RedefineField.is({
 *   type: 'RedefineField', actor: 'ann', orgId: 'acme',
 *   definition: { fieldId: 'source', name: 'How they found us', valueType: { type: 'text' }, appliesTo: ['person'] },
 * }); // true
 */
export const RedefineField = t.type(
  { type: t.literal('RedefineField'), actor: Id, orgId: Id, definition: FieldDefinition },
  'RedefineField',
);
export type RedefineField = t.TypeOf<typeof RedefineField>;

/**
 * Defines a custom section that custom fields may belong to (R-FIELD-2).
 *
 * @example
 * import { DefineSection } from './commands.js';
 * DefineSection.is({ type: 'DefineSection', actor: 'ann', orgId: 'acme', sectionId: 'billing', name: 'Billing' }); // true
 */
export const DefineSection = t.type(
  { type: t.literal('DefineSection'), actor: Id, orgId: Id, sectionId: Id, name: Name },
  'DefineSection',
);
export type DefineSection = t.TypeOf<typeof DefineSection>;

/**
 * The codec of every organization command, keyed by its `type`.
 *
 * @example
 * import { organizationCommandCodecs } from './commands.js';
 * organizationCommandCodecs.CreateOrganization.is({ type: 'CreateOrganization', actor: 'ann', orgId: 'acme', name: 'Acme' }); // true
 */
export const organizationCommandCodecs = {
  CreateOrganization,
  AddMember,
  ChangeMemberRole,
  RemoveMember,
  DefineSegment,
  DefineChecklist,
  DefineField,
  RedefineField,
  RetireField,
  DefineSection,
} as const;

/**
 * Any organization command.
 *
 * @example
 * import { OrganizationCommand } from './commands.js';
 * OrganizationCommand.is({ type: 'RemoveMember', actor: 'ann', orgId: 'acme', userId: 'bob' }); // true
 */
export const OrganizationCommand = t.union(
  [
    CreateOrganization,
    AddMember,
    ChangeMemberRole,
    RemoveMember,
    DefineSegment,
    DefineChecklist,
    DefineField,
    RedefineField,
    RetireField,
    DefineSection,
  ],
  'OrganizationCommand',
);
export type OrganizationCommand = t.TypeOf<typeof OrganizationCommand>;
