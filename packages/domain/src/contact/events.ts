/**
 * The events of a contact's stream. Each names the organization and the contact; a change to a
 * copy names whose copy it changed (`copy`) and carries the previous value (R-STAGE-3).
 * Rules: R-STAGE, R-SEG, R-STEP, R-FIELD, R-TAG, R-SHARE-4, R-TEAM-1, R-ARCH.
 */
import * as t from 'io-ts';
import { Id, Name } from '../ids.js';
import { ContactKind, SegmentKind, Stage } from '../vocabulary.js';
import { FieldValue } from '../fields/index.js';
import { ContactInfoItem, CopyContent, CopyRef } from './model.js';

const event = <T extends string, D extends t.Props>(type: T, data: D) =>
  t.type({ type: t.literal(type), data: t.type({ orgId: Id, contactId: Id, ...data }) }, type);

const onCopy = <T extends string, D extends t.Props>(type: T, data: D) =>
  event(type, { copy: CopyRef, ...data });

const nullable = <C extends t.Mixed>(codec: C) => t.union([codec, t.null]);

/**
 * A user added the contact to their My People.
 *
 * @example
 * import { ContactAdded } from './events.js';
 * ContactAdded.is({ type: 'ContactAdded', data: { orgId: 'acme', contactId: 'c1', copy: { owner: 'user', userId: 'ann' }, kind: 'person', name: 'Ada' } }); // true
 */
export const ContactAdded = onCopy('ContactAdded', { kind: ContactKind, name: Name });
export type ContactAdded = t.TypeOf<typeof ContactAdded>;

/**
 * A copy was renamed.
 *
 * @example
 * import { ContactRenamed } from './events.js';
 * ContactRenamed.is({ type: 'ContactRenamed', data: { orgId: 'acme', contactId: 'c1', copy: { owner: 'team' }, name: 'Ada King', previous: 'Ada' } }); // true
 */
export const ContactRenamed = onCopy('ContactRenamed', { name: Name, previous: Name });
export type ContactRenamed = t.TypeOf<typeof ContactRenamed>;

/**
 * An item of contact information was added or replaced.
 *
 * @example
 * import { ContactInfoSet } from './events.js';
 * ContactInfoSet.is({ type: 'ContactInfoSet', data: { orgId: 'acme', contactId: 'c1', copy: { owner: 'team' },
 *   item: { itemId: 'e1', kind: 'email', value: 'ada@example.com', personal: false }, previous: null } }); // true
 */
export const ContactInfoSet = onCopy('ContactInfoSet', {
  item: ContactInfoItem,
  previous: nullable(ContactInfoItem),
});
export type ContactInfoSet = t.TypeOf<typeof ContactInfoSet>;

/**
 * An item of contact information was removed.
 *
 * @example
 * import { ContactInfoRemoved } from './events.js';
 * ContactInfoRemoved.is({ type: 'ContactInfoRemoved', data: { orgId: 'acme', contactId: 'c1', copy: { owner: 'team' },
 *   itemId: 'e1', previous: { itemId: 'e1', kind: 'email', value: 'ada@example.com', personal: false } } }); // true
 */
export const ContactInfoRemoved = onCopy('ContactInfoRemoved', { itemId: Id, previous: ContactInfoItem });
export type ContactInfoRemoved = t.TypeOf<typeof ContactInfoRemoved>;

/**
 * An item of contact information was withdrawn from the team copy because a user labeled the item
 * with the same id personal in their own copy (R-SHARE-6): `labeledBy` names that user. Not a
 * divergence: the item takes no part in sync until a holder shares it again by an explicit send.
 *
 * @example
 * import { ContactInfoWithdrawn } from './events.js';
 * ContactInfoWithdrawn.is({ type: 'ContactInfoWithdrawn', data: { orgId: 'acme', contactId: 'c1', copy: { owner: 'team' },
 *   itemId: 'e1', previous: { itemId: 'e1', kind: 'email', value: 'ada@example.com', personal: false }, labeledBy: 'ann' } }); // true
 */
export const ContactInfoWithdrawn = onCopy('ContactInfoWithdrawn', {
  itemId: Id,
  previous: ContactInfoItem,
  labeledBy: Id,
});
export type ContactInfoWithdrawn = t.TypeOf<typeof ContactInfoWithdrawn>;

/**
 * The stage of a copy was set (R-STAGE-3).
 *
 * @example
 * import { StageSet } from './events.js';
 * StageSet.is({ type: 'StageSet', data: { orgId: 'acme', contactId: 'c1', copy: { owner: 'team' }, stage: 'active', previous: 'potential' } }); // true
 */
export const StageSet = onCopy('StageSet', { stage: Stage, previous: nullable(Stage) });
export type StageSet = t.TypeOf<typeof StageSet>;

/**
 * Why a stage was cleared: by a command, or because the copy moved to a personal segment (R-STAGE-5).
 *
 * @example
 * import { StageClearReason } from './events.js';
 * StageClearReason.is('personal_segment'); // true
 */
export const StageClearReason = t.keyof({ command: null, personal_segment: null }, 'StageClearReason');
export type StageClearReason = t.TypeOf<typeof StageClearReason>;

/**
 * The stage of a copy was cleared.
 *
 * @example
 * import { StageCleared } from './events.js';
 * StageCleared.is({ type: 'StageCleared', data: { orgId: 'acme', contactId: 'c1', copy: { owner: 'team' }, previous: 'lead', reason: 'command' } }); // true
 */
export const StageCleared = onCopy('StageCleared', { previous: Stage, reason: StageClearReason });
export type StageCleared = t.TypeOf<typeof StageCleared>;

/**
 * The segment of a copy was set; `segmentKind` tells business from personal.
 *
 * @example
 * import { SegmentSet } from './events.js';
 * SegmentSet.is({ type: 'SegmentSet', data: { orgId: 'acme', contactId: 'c1', copy: { owner: 'team' }, segment: 'customer', segmentKind: 'business', previous: null } }); // true
 */
export const SegmentSet = onCopy('SegmentSet', {
  segment: Id,
  segmentKind: SegmentKind,
  previous: nullable(Id),
});
export type SegmentSet = t.TypeOf<typeof SegmentSet>;

/**
 * The segment of a copy was cleared.
 *
 * @example
 * import { SegmentCleared } from './events.js';
 * SegmentCleared.is({ type: 'SegmentCleared', data: { orgId: 'acme', contactId: 'c1', copy: { owner: 'team' }, previous: 'customer' } }); // true
 */
export const SegmentCleared = onCopy('SegmentCleared', { previous: Id });
export type SegmentCleared = t.TypeOf<typeof SegmentCleared>;

/**
 * A step became the copy's current step; the reminder counts from this event's time (R-STEP-5).
 *
 * @example
 * import { NextStepSet } from './events.js';
 * NextStepSet.is({ type: 'NextStepSet', data: { orgId: 'acme', contactId: 'c1', copy: { owner: 'team' }, stepId: 'call', previous: null } }); // true
 */
export const NextStepSet = onCopy('NextStepSet', { stepId: Id, previous: nullable(Id) });
export type NextStepSet = t.TypeOf<typeof NextStepSet>;

/**
 * The current step was completed; `next` became current, or none after the last step (R-STEP-3).
 *
 * @example
 * import { NextStepCompleted } from './events.js';
 * NextStepCompleted.is({ type: 'NextStepCompleted', data: { orgId: 'acme', contactId: 'c1', copy: { owner: 'team' }, stepId: 'call', next: 'meet' } }); // true
 */
export const NextStepCompleted = onCopy('NextStepCompleted', { stepId: Id, next: nullable(Id) });
export type NextStepCompleted = t.TypeOf<typeof NextStepCompleted>;

/**
 * Why a current step was cleared: the stage or the segment changed (R-STEP-4), or sync took the
 * other copy's "no step" (R-SYNC).
 *
 * @example
 * import { StepClearReason } from './events.js';
 * StepClearReason.is('stage_changed'); // true
 */
export const StepClearReason = t.keyof(
  { stage_changed: null, segment_changed: null, synced: null },
  'StepClearReason',
);
export type StepClearReason = t.TypeOf<typeof StepClearReason>;

/**
 * The current step was cleared because the stage or the segment changed (R-STEP-4).
 *
 * @example
 * import { NextStepCleared } from './events.js';
 * NextStepCleared.is({ type: 'NextStepCleared', data: { orgId: 'acme', contactId: 'c1', copy: { owner: 'team' }, previous: 'call', reason: 'stage_changed' } }); // true
 */
export const NextStepCleared = onCopy('NextStepCleared', { previous: Id, reason: StepClearReason });
export type NextStepCleared = t.TypeOf<typeof NextStepCleared>;

/**
 * A custom field value was set; `value` is normalized (exact decimals, calendar dates).
 *
 * @example
 * import { FieldValueSet } from './events.js';
 * FieldValueSet.is({ type: 'FieldValueSet', data: { orgId: 'acme', contactId: 'c1', copy: { owner: 'team' },
 *   fieldId: 'budget', value: { type: 'decimal', value: '1000.25' }, previous: null } }); // true
 */
export const FieldValueSet = onCopy('FieldValueSet', {
  fieldId: Id,
  value: FieldValue,
  previous: nullable(FieldValue),
});
export type FieldValueSet = t.TypeOf<typeof FieldValueSet>;

/**
 * A custom field value was cleared.
 *
 * @example
 * import { FieldValueCleared } from './events.js';
 * FieldValueCleared.is({ type: 'FieldValueCleared', data: { orgId: 'acme', contactId: 'c1', copy: { owner: 'team' },
 *   fieldId: 'budget', previous: { type: 'decimal', value: '1000.25' } } }); // true
 */
export const FieldValueCleared = onCopy('FieldValueCleared', { fieldId: Id, previous: FieldValue });
export type FieldValueCleared = t.TypeOf<typeof FieldValueCleared>;

/**
 * A tag was applied, in the spelling kept for display (R-TAG-2). It was absent before.
 *
 * @example
 * import { TagApplied } from './events.js';
 * TagApplied.is({ type: 'TagApplied', data: { orgId: 'acme', contactId: 'c1', copy: { owner: 'team' }, tag: 'VIP' } }); // true
 */
export const TagApplied = onCopy('TagApplied', { tag: t.string });
export type TagApplied = t.TypeOf<typeof TagApplied>;

/**
 * A tag was removed; `tag` is the spelling that was present.
 *
 * @example
 * import { TagRemoved } from './events.js';
 * TagRemoved.is({ type: 'TagRemoved', data: { orgId: 'acme', contactId: 'c1', copy: { owner: 'team' }, tag: 'VIP' } }); // true
 */
export const TagRemoved = onCopy('TagRemoved', { tag: t.string });
export type TagRemoved = t.TypeOf<typeof TagRemoved>;

/**
 * A user shared their copy: `team` is the team copy's content afterwards, `previous` before
 * (null when sharing created it; the withdrawn content when sharing brought it back, R-SHARE-8).
 * Personal information is never in `team` (R-SHARE-3, R-SHARE-4).
 *
 * @example
 * import { ContactShared } from './events.js';
 * const content = { name: 'Ada', stage: null, segment: 'customer', step: null, fields: {}, tags: [], info: {} };
 * ContactShared.is({ type: 'ContactShared', data: { orgId: 'acme', contactId: 'c1', kind: 'person', sharedBy: 'ann', team: content, previous: null } }); // true
 */
export const ContactShared = event('ContactShared', {
  kind: ContactKind,
  sharedBy: Id,
  team: CopyContent,
  previous: nullable(CopyContent),
});
export type ContactShared = t.TypeOf<typeof ContactShared>;

/**
 * The team copy left the team view (R-SHARE-7, R-SHARE-8): `by` moved the last copy holding it to
 * a personal segment (`personal_segment`), or unshared it (`unshared`). Withdrawn is not erased:
 * `team` is the content it had, kept in the contact's state, and a later share brings it back as
 * it was (a `ContactShared` whose `previous` is that content). Its assignees are unassigned by the
 * same decision; the projects and deals that had it as a member contact drop it by a reaction.
 *
 * @example
 * import { ContactUnshared } from './events.js';
 * const team = { name: 'Ada', stage: null, segment: 'customer', step: null, fields: {}, tags: [], info: {} };
 * ContactUnshared.is({ type: 'ContactUnshared', data: { orgId: 'acme', contactId: 'c1', by: 'ann', reason: 'unshared', team } }); // true
 */
export const ContactUnshared = event('ContactUnshared', {
  by: Id,
  reason: t.keyof({ personal_segment: null, unshared: null }),
  team: CopyContent,
});
export type ContactUnshared = t.TypeOf<typeof ContactUnshared>;

/**
 * A user's copy exchanged a value with the team copy for the first time since the user last
 * held it (a flow, an accepted prompt, a send, a resolved conflict, or a share that sent
 * something): the user holds the team copy (R-SHARE-7) until `TeamCopyReleased`. Sharing makes
 * the sharer a holder by itself.
 *
 * @example
 * import { TeamCopyExchanged } from './events.js';
 * TeamCopyExchanged.is({ type: 'TeamCopyExchanged', data: { orgId: 'acme', contactId: 'c1', userId: 'bob' } }); // true
 */
export const TeamCopyExchanged = event('TeamCopyExchanged', { userId: Id });
export type TeamCopyExchanged = t.TypeOf<typeof TeamCopyExchanged>;

/**
 * A user holds the team copy no more (R-SHARE-7): their copy moved to a personal segment
 * (`personal_segment`), or they left the organization (`member_removed`, R-TEAM-3). They hold it
 * again when their copy next exchanges a value with it.
 *
 * @example
 * import { TeamCopyReleased } from './events.js';
 * TeamCopyReleased.is({ type: 'TeamCopyReleased', data: { orgId: 'acme', contactId: 'c1', userId: 'bob', reason: 'member_removed' } }); // true
 */
export const TeamCopyReleased = event('TeamCopyReleased', {
  userId: Id,
  reason: t.keyof({ personal_segment: null, member_removed: null }),
});
export type TeamCopyReleased = t.TypeOf<typeof TeamCopyReleased>;

/**
 * A member was assigned to the contact (R-TEAM-1).
 *
 * @example
 * import { UserAssigned } from './events.js';
 * UserAssigned.is({ type: 'UserAssigned', data: { orgId: 'acme', contactId: 'c1', userId: 'bob' } }); // true
 */
export const UserAssigned = event('UserAssigned', { userId: Id });
export type UserAssigned = t.TypeOf<typeof UserAssigned>;

/**
 * A user was unassigned from the contact.
 *
 * @example
 * import { UserUnassigned } from './events.js';
 * UserUnassigned.is({ type: 'UserUnassigned', data: { orgId: 'acme', contactId: 'c1', userId: 'bob' } }); // true
 */
export const UserUnassigned = event('UserUnassigned', { userId: Id });
export type UserUnassigned = t.TypeOf<typeof UserUnassigned>;

/**
 * A copy was archived (R-ARCH-1).
 *
 * @example
 * import { ContactArchived } from './events.js';
 * ContactArchived.is({ type: 'ContactArchived', data: { orgId: 'acme', contactId: 'c1', copy: { owner: 'user', userId: 'ann' } } }); // true
 */
export const ContactArchived = onCopy('ContactArchived', {});
export type ContactArchived = t.TypeOf<typeof ContactArchived>;

/**
 * An archived copy was restored (R-ARCH-2).
 *
 * @example
 * import { ContactRestored } from './events.js';
 * ContactRestored.is({ type: 'ContactRestored', data: { orgId: 'acme', contactId: 'c1', copy: { owner: 'user', userId: 'ann' } } }); // true
 */
export const ContactRestored = onCopy('ContactRestored', {});
export type ContactRestored = t.TypeOf<typeof ContactRestored>;

/**
 * Any event of a contact's stream.
 *
 * @example
 * import { ContactEvent } from './events.js';
 * ContactEvent.is({ type: 'UserAssigned', data: { orgId: 'acme', contactId: 'c1', userId: 'bob' } }); // true
 */
export const ContactEvent = t.union(
  [
    ContactAdded,
    ContactRenamed,
    ContactInfoSet,
    ContactInfoRemoved,
    ContactInfoWithdrawn,
    StageSet,
    StageCleared,
    SegmentSet,
    SegmentCleared,
    NextStepSet,
    NextStepCompleted,
    NextStepCleared,
    FieldValueSet,
    FieldValueCleared,
    TagApplied,
    TagRemoved,
    ContactShared,
    ContactUnshared,
    TeamCopyExchanged,
    TeamCopyReleased,
    UserAssigned,
    UserUnassigned,
    ContactArchived,
    ContactRestored,
  ],
  'ContactEvent',
);
export type ContactEvent = t.TypeOf<typeof ContactEvent>;

/** A contact event that changes one copy: it carries `copy`. */
export type CopyEvent = Extract<ContactEvent, { readonly data: { readonly copy: CopyRef } }>;
