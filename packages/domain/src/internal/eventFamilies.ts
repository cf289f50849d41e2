/**
 * Events are told apart by their type tag, never by which properties their data holds: these
 * tables say, for every domain event type, which concept's stream it belongs to and whether it
 * changes one copy of a contact. Each table is typed by the event union, so the compiler refuses a
 * type added to a union and missing here.
 */
import type { AudienceEvent } from '../audiences/events.js';
import type { ContactEvent, CopyEvent } from '../contact/events.js';
import type { EngagementEvent } from '../engagement/events.js';
import type { DomainEvent } from '../events.js';
import type { OrganizationEvent } from '../organization/events.js';
import type { SyncEvent } from '../sync/events.js';

/** The concept whose events a type is: the union of events it belongs to. */
export type EventFamily = 'organization' | 'contact' | 'engagement' | 'audience' | 'sync';

const FAMILY: { readonly [T in DomainEvent['type']]: EventFamily } = {
  OrganizationCreated: 'organization',
  MemberAdded: 'organization',
  MemberRoleChanged: 'organization',
  MemberRemoved: 'organization',
  SegmentDefined: 'organization',
  ChecklistDefined: 'organization',
  FieldDefined: 'organization',
  FieldRedefined: 'organization',
  FieldRetired: 'organization',
  SectionDefined: 'organization',
  ContactAdded: 'contact',
  ContactRenamed: 'contact',
  ContactInfoSet: 'contact',
  ContactInfoRemoved: 'contact',
  ContactInfoWithdrawn: 'contact',
  StageSet: 'contact',
  StageCleared: 'contact',
  SegmentSet: 'contact',
  SegmentCleared: 'contact',
  NextStepSet: 'contact',
  NextStepCompleted: 'contact',
  NextStepCleared: 'contact',
  FieldValueSet: 'contact',
  FieldValueCleared: 'contact',
  TagApplied: 'contact',
  TagRemoved: 'contact',
  ContactShared: 'contact',
  ContactUnshared: 'contact',
  TeamCopyExchanged: 'contact',
  TeamCopyReleased: 'contact',
  UserAssigned: 'contact',
  UserUnassigned: 'contact',
  ContactArchived: 'contact',
  ContactRestored: 'contact',
  EngagementCreated: 'engagement',
  TeamMemberAdded: 'engagement',
  TeamMemberRemoved: 'engagement',
  MemberContactAdded: 'engagement',
  MemberContactRemoved: 'engagement',
  EngagementStageSet: 'engagement',
  EngagementStageCleared: 'engagement',
  EngagementTagApplied: 'engagement',
  EngagementTagRemoved: 'engagement',
  EngagementFieldValueSet: 'engagement',
  EngagementFieldValueCleared: 'engagement',
  AudienceDefined: 'audience',
  AudienceRedefined: 'audience',
  AudienceDeleted: 'audience',
  SyncPromptDismissed: 'sync',
};

/**
 * The family of an event type.
 *
 * @example
 * import { eventFamily } from './eventFamilies.js';
 * eventFamily('TeamMemberAdded'); // 'engagement'
 */
export const eventFamily = (type: DomainEvent['type']): EventFamily => FAMILY[type];

/**
 * Whether an event is a contact's (its stream is the contact's).
 *
 * @example
 * import { isContactEvent } from './eventFamilies.js';
 * isContactEvent({ type: 'UserAssigned', data: { orgId: 'acme', contactId: 'c1', userId: 'bob' } }); // true
 */
export const isContactEvent = <E extends DomainEvent>(event: E): event is E & ContactEvent =>
  FAMILY[event.type] === 'contact';

/**
 * Whether an event is a project's or deal's.
 *
 * @example
 * import { isEngagementEvent } from './eventFamilies.js';
 * isEngagementEvent({ type: 'MemberContactAdded', data: { orgId: 'acme', engagementId: 'd1', contactId: 'c1' } }); // true
 */
export const isEngagementEvent = <E extends DomainEvent>(event: E): event is E & EngagementEvent =>
  FAMILY[event.type] === 'engagement';

/**
 * Whether an event is an organization's.
 *
 * @example
 * import { isOrganizationEvent } from './eventFamilies.js';
 * isOrganizationEvent({ type: 'FieldRetired', data: { orgId: 'acme', fieldId: 'f' } }); // true
 */
export const isOrganizationEvent = <E extends DomainEvent>(event: E): event is E & OrganizationEvent =>
  FAMILY[event.type] === 'organization';

/**
 * Whether an event is an audience's.
 *
 * @example
 * import { isAudienceEvent } from './eventFamilies.js';
 * isAudienceEvent({ type: 'AudienceDeleted', data: { orgId: 'acme', audienceId: 'vips',
 *   previous: { audienceId: 'vips', name: 'VIPs', owner: { owner: 'organization' }, filter: { op: 'and', filters: [] } } } }); // true
 */
export const isAudienceEvent = <E extends DomainEvent>(event: E): event is E & AudienceEvent =>
  FAMILY[event.type] === 'audience';

/**
 * Whether an event is of a user's sync stream.
 *
 * @example
 * import { isSyncEvent } from './eventFamilies.js';
 * isSyncEvent({ type: 'SyncPromptDismissed', data: { orgId: 'acme', userId: 'ann',
 *   prompt: { promptId: 'p', contactId: 'c1', field: 'name', kind: 'send' } } }); // true
 */
export const isSyncEvent = <E extends DomainEvent>(event: E): event is E & SyncEvent =>
  FAMILY[event.type] === 'sync';

const CHANGES_A_COPY: { readonly [T in ContactEvent['type']]: T extends CopyEvent['type'] ? true : false } = {
  ContactAdded: true,
  ContactRenamed: true,
  ContactInfoSet: true,
  ContactInfoRemoved: true,
  ContactInfoWithdrawn: true,
  StageSet: true,
  StageCleared: true,
  SegmentSet: true,
  SegmentCleared: true,
  NextStepSet: true,
  NextStepCompleted: true,
  NextStepCleared: true,
  FieldValueSet: true,
  FieldValueCleared: true,
  TagApplied: true,
  TagRemoved: true,
  ContactShared: false,
  ContactUnshared: false,
  TeamCopyExchanged: false,
  TeamCopyReleased: false,
  UserAssigned: false,
  UserUnassigned: false,
  ContactArchived: true,
  ContactRestored: true,
};

/**
 * Whether a contact event changes one copy (it names the copy in `copy`).
 *
 * @example
 * import { isCopyEvent } from './eventFamilies.js';
 * isCopyEvent({ type: 'ContactArchived', data: { orgId: 'acme', contactId: 'c1', copy: { owner: 'team' } } }); // true
 */
export const isCopyEvent = <E extends ContactEvent>(event: E): event is E & CopyEvent =>
  CHANGES_A_COPY[event.type];
