/**
 * The commands on projects and deals (R-TEAM-2): creation, the team of users, the member contacts,
 * the stage, tags (R-TAG-1) and custom field values (R-FIELD-2). Each names its actor.
 */
import * as t from 'io-ts';
import { Id, Name } from '../ids.js';
import { Tag } from '../tags.js';
import { EngagementKind, Stage } from '../vocabulary.js';

const command = <T extends string, P extends t.Props>(type: T, props: P) =>
  t.type({ type: t.literal(type), actor: Id, orgId: Id, engagementId: Id, ...props }, type);

/**
 * Creates a project or a deal; its creator joins its team.
 *
 * @example
 * import { CreateEngagement } from './commands.js';
 * CreateEngagement.is({ type: 'CreateEngagement', actor: 'ann', orgId: 'acme', engagementId: 'd1', kind: 'deal', name: 'Big deal' }); // true
 */
export const CreateEngagement = command('CreateEngagement', { kind: EngagementKind, name: Name });
export type CreateEngagement = t.TypeOf<typeof CreateEngagement>;

/**
 * Adds a member of the organization to the team of a project or deal.
 *
 * @example
 * import { AddTeamMember } from './commands.js';
 * AddTeamMember.is({ type: 'AddTeamMember', actor: 'ann', orgId: 'acme', engagementId: 'd1', userId: 'bob' }); // true
 */
export const AddTeamMember = command('AddTeamMember', { userId: Id });
export type AddTeamMember = t.TypeOf<typeof AddTeamMember>;

/**
 * Removes a user from the team of a project or deal.
 *
 * @example
 * import { RemoveTeamMember } from './commands.js';
 * RemoveTeamMember.is({ type: 'RemoveTeamMember', actor: 'ann', orgId: 'acme', engagementId: 'd1', userId: 'bob' }); // true
 */
export const RemoveTeamMember = command('RemoveTeamMember', { userId: Id });
export type RemoveTeamMember = t.TypeOf<typeof RemoveTeamMember>;

/**
 * Adds a contact to the members of a project or deal; this auto-shares it (R-SHARE-1).
 *
 * @example
 * import { AddMemberContact } from './commands.js';
 * AddMemberContact.is({ type: 'AddMemberContact', actor: 'ann', orgId: 'acme', engagementId: 'd1', contactId: 'c1' }); // true
 */
export const AddMemberContact = command('AddMemberContact', { contactId: Id });
export type AddMemberContact = t.TypeOf<typeof AddMemberContact>;

/**
 * Removes a contact from the members of a project or deal.
 *
 * @example
 * import { RemoveMemberContact } from './commands.js';
 * RemoveMemberContact.is({ type: 'RemoveMemberContact', actor: 'ann', orgId: 'acme', engagementId: 'd1', contactId: 'c1' }); // true
 */
export const RemoveMemberContact = command('RemoveMemberContact', { contactId: Id });
export type RemoveMemberContact = t.TypeOf<typeof RemoveMemberContact>;

/**
 * Moves a project or deal to a stage (R-TEAM-2).
 *
 * @example
 * import { SetEngagementStage } from './commands.js';
 * SetEngagementStage.is({ type: 'SetEngagementStage', actor: 'ann', orgId: 'acme', engagementId: 'd1', stage: 'active' }); // true
 */
export const SetEngagementStage = command('SetEngagementStage', { stage: Stage });
export type SetEngagementStage = t.TypeOf<typeof SetEngagementStage>;

/**
 * Clears the stage of a project or deal.
 *
 * @example
 * import { ClearEngagementStage } from './commands.js';
 * ClearEngagementStage.is({ type: 'ClearEngagementStage', actor: 'ann', orgId: 'acme', engagementId: 'd1' }); // true
 */
export const ClearEngagementStage = command('ClearEngagementStage', {});
export type ClearEngagementStage = t.TypeOf<typeof ClearEngagementStage>;

/**
 * Applies a tag to a project or deal (R-TAG-1).
 *
 * @example
 * import { ApplyEngagementTag } from './commands.js';
 * ApplyEngagementTag.is({ type: 'ApplyEngagementTag', actor: 'ann', orgId: 'acme', engagementId: 'd1', tag: 'Q4' }); // true
 */
export const ApplyEngagementTag = command('ApplyEngagementTag', { tag: Tag });
export type ApplyEngagementTag = t.TypeOf<typeof ApplyEngagementTag>;

/**
 * Removes a tag from a project or deal.
 *
 * @example
 * import { RemoveEngagementTag } from './commands.js';
 * RemoveEngagementTag.is({ type: 'RemoveEngagementTag', actor: 'ann', orgId: 'acme', engagementId: 'd1', tag: 'q4' }); // true
 */
export const RemoveEngagementTag = command('RemoveEngagementTag', { tag: Tag });
export type RemoveEngagementTag = t.TypeOf<typeof RemoveEngagementTag>;

/**
 * Sets a custom field value on a project or deal (R-FIELD-3).
 *
 * @example
 * import { SetEngagementFieldValue } from './commands.js';
 * SetEngagementFieldValue.is({ type: 'SetEngagementFieldValue', actor: 'ann', orgId: 'acme', engagementId: 'd1', fieldId: 'closing', value: '2026-03-31' }); // true
 */
export const SetEngagementFieldValue = command('SetEngagementFieldValue', { fieldId: Id, value: t.unknown });
export type SetEngagementFieldValue = t.TypeOf<typeof SetEngagementFieldValue>;

/**
 * Clears a custom field value of a project or deal.
 *
 * @example
 * import { ClearEngagementFieldValue } from './commands.js';
 * ClearEngagementFieldValue.is({ type: 'ClearEngagementFieldValue', actor: 'ann', orgId: 'acme', engagementId: 'd1', fieldId: 'closing' }); // true
 */
export const ClearEngagementFieldValue = command('ClearEngagementFieldValue', { fieldId: Id });
export type ClearEngagementFieldValue = t.TypeOf<typeof ClearEngagementFieldValue>;

/**
 * The codec of every engagement command, keyed by its `type`.
 *
 * @example
 * import { engagementCommandCodecs } from './commands.js';
 * Object.keys(engagementCommandCodecs).includes('CreateEngagement'); // true
 */
export const engagementCommandCodecs = {
  CreateEngagement,
  AddTeamMember,
  RemoveTeamMember,
  AddMemberContact,
  RemoveMemberContact,
  SetEngagementStage,
  ClearEngagementStage,
  ApplyEngagementTag,
  RemoveEngagementTag,
  SetEngagementFieldValue,
  ClearEngagementFieldValue,
} as const;

/**
 * Any command on a project or deal.
 *
 * @example
 * import { EngagementCommand } from './commands.js';
 * EngagementCommand.is({ type: 'ClearEngagementStage', actor: 'ann', orgId: 'acme', engagementId: 'd1' }); // true
 */
export const EngagementCommand = t.union(
  [
    CreateEngagement,
    AddTeamMember,
    RemoveTeamMember,
    AddMemberContact,
    RemoveMemberContact,
    SetEngagementStage,
    ClearEngagementStage,
    ApplyEngagementTag,
    RemoveEngagementTag,
    SetEngagementFieldValue,
    ClearEngagementFieldValue,
  ],
  'EngagementCommand',
);
export type EngagementCommand = t.TypeOf<typeof EngagementCommand>;
