/**
 * The commands on contacts. Each names its actor, the organization and the contact. Commands that
 * change a copy change the actor's own copy (R-AUTH-1) unless `target` is `team`.
 * Rules: R-STAGE, R-SEG, R-STEP, R-FIELD-3, R-TAG, R-SHARE, R-TEAM-1, R-ARCH.
 */
import * as t from 'io-ts';
import { Id, Name } from '../ids.js';
import { Tag } from '../tags.js';
import { ContactKind, Stage } from '../vocabulary.js';
import { CopyTarget, InfoKind } from './model.js';

const base = { actor: Id, orgId: Id, contactId: Id };

const command = <T extends string, P extends t.Props>(type: T, props: P) =>
  t.type({ type: t.literal(type), ...base, ...props }, type);

const onCopy = <T extends string, P extends t.Props>(type: T, props: P) =>
  t.intersection(
    [t.type({ type: t.literal(type), ...base, ...props }), t.partial({ target: CopyTarget })],
    type,
  );

/**
 * Adds a person or a company to the actor's My People.
 *
 * @example
 * import { AddContact } from './commands.js';
 * AddContact.is({ type: 'AddContact', actor: 'ann', orgId: 'acme', contactId: 'c1', kind: 'person', name: 'Ada' }); // true
 */
export const AddContact = command('AddContact', { kind: ContactKind, name: Name });
export type AddContact = t.TypeOf<typeof AddContact>;

/**
 * Renames a copy of a contact.
 *
 * @example
 * import { RenameContact } from './commands.js';
 * RenameContact.is({ type: 'RenameContact', actor: 'ann', orgId: 'acme', contactId: 'c1', name: 'Ada King' }); // true
 */
export const RenameContact = onCopy('RenameContact', { name: Name });
export type RenameContact = t.TypeOf<typeof RenameContact>;

/**
 * The contact information item a command writes; `personal` defaults to false (R-SHARE-3).
 *
 * @example
 * import { ContactInfoInput } from './commands.js';
 * ContactInfoInput.is({ itemId: 'p1', kind: 'phone', value: '+44 20 7946 0000', personal: true }); // true
 */
export const ContactInfoInput = t.intersection(
  [t.type({ itemId: Id, kind: InfoKind, value: t.string }), t.partial({ personal: t.boolean })],
  'ContactInfoInput',
);
export type ContactInfoInput = t.TypeOf<typeof ContactInfoInput>;

/**
 * Adds or replaces one item of contact information, optionally labeled personal.
 *
 * @example
 * import { SetContactInfo } from './commands.js';
 * SetContactInfo.is({
 *   type: 'SetContactInfo', actor: 'ann', orgId: 'acme', contactId: 'c1',
 *   item: { itemId: 'e1', kind: 'email', value: 'ada@example.com' },
 * }); // true
 */
export const SetContactInfo = onCopy('SetContactInfo', { item: ContactInfoInput });
export type SetContactInfo = t.TypeOf<typeof SetContactInfo>;

/**
 * Removes one item of contact information.
 *
 * @example
 * import { RemoveContactInfo } from './commands.js';
 * RemoveContactInfo.is({ type: 'RemoveContactInfo', actor: 'ann', orgId: 'acme', contactId: 'c1', itemId: 'e1' }); // true
 */
export const RemoveContactInfo = onCopy('RemoveContactInfo', { itemId: Id });
export type RemoveContactInfo = t.TypeOf<typeof RemoveContactInfo>;

/**
 * Sets the stage of a copy (R-STAGE-2, R-STAGE-3, R-STAGE-5).
 *
 * @example
 * import { SetStage } from './commands.js';
 * SetStage.is({ type: 'SetStage', actor: 'ann', orgId: 'acme', contactId: 'c1', stage: 'lead' }); // true
 */
export const SetStage = onCopy('SetStage', { stage: Stage });
export type SetStage = t.TypeOf<typeof SetStage>;

/**
 * Clears the stage of a copy.
 *
 * @example
 * import { ClearStage } from './commands.js';
 * ClearStage.is({ type: 'ClearStage', actor: 'ann', orgId: 'acme', contactId: 'c1' }); // true
 */
export const ClearStage = onCopy('ClearStage', {});
export type ClearStage = t.TypeOf<typeof ClearStage>;

/**
 * Sets the segment of a copy, built in or custom (R-SEG-3).
 *
 * @example
 * import { SetSegment } from './commands.js';
 * SetSegment.is({ type: 'SetSegment', actor: 'ann', orgId: 'acme', contactId: 'c1', segmentId: 'customer' }); // true
 */
export const SetSegment = onCopy('SetSegment', { segmentId: Id });
export type SetSegment = t.TypeOf<typeof SetSegment>;

/**
 * Clears the segment of a copy.
 *
 * @example
 * import { ClearSegment } from './commands.js';
 * ClearSegment.is({ type: 'ClearSegment', actor: 'ann', orgId: 'acme', contactId: 'c1' }); // true
 */
export const ClearSegment = onCopy('ClearSegment', {});
export type ClearSegment = t.TypeOf<typeof ClearSegment>;

/**
 * Makes a step of the copy's (segment, stage) checklist current (R-STEP-2).
 *
 * @example
 * import { SetNextStep } from './commands.js';
 * SetNextStep.is({ type: 'SetNextStep', actor: 'ann', orgId: 'acme', contactId: 'c1', stepId: 'call' }); // true
 */
export const SetNextStep = onCopy('SetNextStep', { stepId: Id });
export type SetNextStep = t.TypeOf<typeof SetNextStep>;

/**
 * Completes the current step; the next one of the checklist becomes current (R-STEP-3).
 * `stepId`, when given, must be the current step: a guard against completing a step twice.
 *
 * @example
 * import { CompleteNextStep } from './commands.js';
 * CompleteNextStep.is({ type: 'CompleteNextStep', actor: 'ann', orgId: 'acme', contactId: 'c1' }); // true
 */
export const CompleteNextStep = t.intersection(
  [t.type({ type: t.literal('CompleteNextStep'), ...base }), t.partial({ target: CopyTarget, stepId: Id })],
  'CompleteNextStep',
);
export type CompleteNextStep = t.TypeOf<typeof CompleteNextStep>;

/**
 * Sets a custom field value; `value` is raw input, checked against the field's type (R-FIELD-3).
 *
 * @example
 * import { SetFieldValue } from './commands.js';
 * SetFieldValue.is({ type: 'SetFieldValue', actor: 'ann', orgId: 'acme', contactId: 'c1', fieldId: 'budget', value: '1,000.25' }); // true
 */
export const SetFieldValue = onCopy('SetFieldValue', { fieldId: Id, value: t.unknown });
export type SetFieldValue = t.TypeOf<typeof SetFieldValue>;

/**
 * Clears a custom field value.
 *
 * @example
 * import { ClearFieldValue } from './commands.js';
 * ClearFieldValue.is({ type: 'ClearFieldValue', actor: 'ann', orgId: 'acme', contactId: 'c1', fieldId: 'budget' }); // true
 */
export const ClearFieldValue = onCopy('ClearFieldValue', { fieldId: Id });
export type ClearFieldValue = t.TypeOf<typeof ClearFieldValue>;

/**
 * Applies a tag (R-TAG-2).
 *
 * @example
 * import { ApplyTag } from './commands.js';
 * ApplyTag.is({ type: 'ApplyTag', actor: 'ann', orgId: 'acme', contactId: 'c1', tag: 'VIP' }); // true
 */
export const ApplyTag = onCopy('ApplyTag', { tag: Tag });
export type ApplyTag = t.TypeOf<typeof ApplyTag>;

/**
 * Removes a tag, whatever its spelling (R-TAG-2).
 *
 * @example
 * import { RemoveTag } from './commands.js';
 * RemoveTag.is({ type: 'RemoveTag', actor: 'ann', orgId: 'acme', contactId: 'c1', tag: 'vip' }); // true
 */
export const RemoveTag = onCopy('RemoveTag', { tag: Tag });
export type RemoveTag = t.TypeOf<typeof RemoveTag>;

/**
 * Shares the actor's copy into the team view (R-SHARE-2, R-SHARE-3, R-SHARE-4).
 *
 * @example
 * import { ShareContact } from './commands.js';
 * ShareContact.is({ type: 'ShareContact', actor: 'ann', orgId: 'acme', contactId: 'c1' }); // true
 */
export const ShareContact = command('ShareContact', {});
export type ShareContact = t.TypeOf<typeof ShareContact>;

/**
 * Withdraws the team copy from the team view (R-SHARE-8): its sharer may when no one else holds it
 * (no other user's copy exchanged a value with it, no one else is assigned, no project or deal has
 * it as a member contact); a manager or an administrator may withdraw any team copy. Withdrawn is
 * not erased: the history keeps it, and sharing again brings it back.
 *
 * @example
 * import { UnshareContact } from './commands.js';
 * UnshareContact.is({ type: 'UnshareContact', actor: 'ann', orgId: 'acme', contactId: 'c1' }); // true
 */
export const UnshareContact = command('UnshareContact', {});
export type UnshareContact = t.TypeOf<typeof UnshareContact>;

/**
 * Ends a former member's hold on the team copy (R-SHARE-7, R-TEAM-3): the removal policy issues
 * it, as an administrator, for each contact the removed member held, so that what they held
 * blocks no withdrawal afterwards. Refused for a current member.
 *
 * @example
 * import { ReleaseTeamCopy } from './commands.js';
 * ReleaseTeamCopy.is({ type: 'ReleaseTeamCopy', actor: 'ann', orgId: 'acme', contactId: 'c1', userId: 'bob' }); // true
 */
export const ReleaseTeamCopy = command('ReleaseTeamCopy', { userId: Id });
export type ReleaseTeamCopy = t.TypeOf<typeof ReleaseTeamCopy>;

/**
 * Withdraws from the team copy the item of contact information the actor's own copy labels
 * personal (R-SHARE-6). The withdrawal policy issues it, as the user who labeled the item, after
 * the label change; the item's other holders keep their copies.
 *
 * @example
 * import { WithdrawContactInfo } from './commands.js';
 * WithdrawContactInfo.is({ type: 'WithdrawContactInfo', actor: 'ann', orgId: 'acme', contactId: 'c1', itemId: 'e1' }); // true
 */
export const WithdrawContactInfo = command('WithdrawContactInfo', { itemId: Id });
export type WithdrawContactInfo = t.TypeOf<typeof WithdrawContactInfo>;

/**
 * Assigns a member to the team contact (R-TEAM-1, R-AUTH-2).
 *
 * @example
 * import { AssignUser } from './commands.js';
 * AssignUser.is({ type: 'AssignUser', actor: 'ann', orgId: 'acme', contactId: 'c1', userId: 'bob' }); // true
 */
export const AssignUser = command('AssignUser', { userId: Id });
export type AssignUser = t.TypeOf<typeof AssignUser>;

/**
 * Unassigns a user from the team contact (R-AUTH-2).
 *
 * @example
 * import { UnassignUser } from './commands.js';
 * UnassignUser.is({ type: 'UnassignUser', actor: 'ann', orgId: 'acme', contactId: 'c1', userId: 'bob' }); // true
 */
export const UnassignUser = command('UnassignUser', { userId: Id });
export type UnassignUser = t.TypeOf<typeof UnassignUser>;

/**
 * Archives a copy (R-ARCH-1).
 *
 * @example
 * import { ArchiveContact } from './commands.js';
 * ArchiveContact.is({ type: 'ArchiveContact', actor: 'ann', orgId: 'acme', contactId: 'c1' }); // true
 */
export const ArchiveContact = onCopy('ArchiveContact', {});
export type ArchiveContact = t.TypeOf<typeof ArchiveContact>;

/**
 * Restores an archived copy (R-ARCH-2).
 *
 * @example
 * import { RestoreContact } from './commands.js';
 * RestoreContact.is({ type: 'RestoreContact', actor: 'ann', orgId: 'acme', contactId: 'c1' }); // true
 */
export const RestoreContact = onCopy('RestoreContact', {});
export type RestoreContact = t.TypeOf<typeof RestoreContact>;

/**
 * The codec of every contact command, keyed by its `type`.
 *
 * @example
 * import { contactCommandCodecs } from './commands.js';
 * contactCommandCodecs.RenameContact.is({ type: 'RenameContact', actor: 'ann', orgId: 'acme', contactId: 'c1', name: 'Ada' }); // true
 * 'CreateOrganization' in contactCommandCodecs; // false
 */
export const contactCommandCodecs = {
  AddContact,
  RenameContact,
  SetContactInfo,
  RemoveContactInfo,
  SetStage,
  ClearStage,
  SetSegment,
  ClearSegment,
  SetNextStep,
  CompleteNextStep,
  SetFieldValue,
  ClearFieldValue,
  ApplyTag,
  RemoveTag,
  ShareContact,
  UnshareContact,
  ReleaseTeamCopy,
  WithdrawContactInfo,
  AssignUser,
  UnassignUser,
  ArchiveContact,
  RestoreContact,
} as const;

/**
 * Any contact command.
 *
 * @example
 * import { ContactCommand } from './commands.js';
 * ContactCommand.is({ type: 'ClearStage', actor: 'ann', orgId: 'acme', contactId: 'c1' }); // true
 */
export const ContactCommand = t.union(
  [
    AddContact,
    RenameContact,
    SetContactInfo,
    RemoveContactInfo,
    SetStage,
    ClearStage,
    SetSegment,
    ClearSegment,
    SetNextStep,
    CompleteNextStep,
    SetFieldValue,
    ClearFieldValue,
    ApplyTag,
    RemoveTag,
    ShareContact,
    UnshareContact,
    ReleaseTeamCopy,
    WithdrawContactInfo,
    AssignUser,
    UnassignUser,
    ArchiveContact,
    RestoreContact,
  ],
  'ContactCommand',
);
export type ContactCommand = t.TypeOf<typeof ContactCommand>;
