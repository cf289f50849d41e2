/**
 * The events of a project's or deal's stream (R-TEAM-2): creation, team, member contacts, stage,
 * tags (R-TAG-1) and custom field values. A change event carries the previous value.
 */
import * as t from 'io-ts';
import { Id, Name } from '../ids.js';
import { EngagementKind, Stage } from '../vocabulary.js';
import { FieldValue } from '../fields/index.js';

const event = <T extends string, D extends t.Props>(type: T, data: D) =>
  t.type({ type: t.literal(type), data: t.type({ orgId: Id, engagementId: Id, ...data }) }, type);

/**
 * A project or deal was created.
 *
 * @example
 * import { EngagementCreated } from './events.js';
 * EngagementCreated.is({ type: 'EngagementCreated', data: { orgId: 'acme', engagementId: 'd1', kind: 'deal', name: 'Big deal' } }); // true
 */
export const EngagementCreated = event('EngagementCreated', { kind: EngagementKind, name: Name });
export type EngagementCreated = t.TypeOf<typeof EngagementCreated>;

/**
 * A user joined the team of a project or deal.
 *
 * @example
 * import { TeamMemberAdded } from './events.js';
 * TeamMemberAdded.is({ type: 'TeamMemberAdded', data: { orgId: 'acme', engagementId: 'd1', userId: 'bob' } }); // true
 */
export const TeamMemberAdded = event('TeamMemberAdded', { userId: Id });
export type TeamMemberAdded = t.TypeOf<typeof TeamMemberAdded>;

/**
 * A user left the team of a project or deal.
 *
 * @example
 * import { TeamMemberRemoved } from './events.js';
 * TeamMemberRemoved.is({ type: 'TeamMemberRemoved', data: { orgId: 'acme', engagementId: 'd1', userId: 'bob' } }); // true
 */
export const TeamMemberRemoved = event('TeamMemberRemoved', { userId: Id });
export type TeamMemberRemoved = t.TypeOf<typeof TeamMemberRemoved>;

/**
 * A contact became a member of a project or deal.
 *
 * @example
 * import { MemberContactAdded } from './events.js';
 * MemberContactAdded.is({ type: 'MemberContactAdded', data: { orgId: 'acme', engagementId: 'd1', contactId: 'c1' } }); // true
 */
export const MemberContactAdded = event('MemberContactAdded', { contactId: Id });
export type MemberContactAdded = t.TypeOf<typeof MemberContactAdded>;

/**
 * A contact stopped being a member of a project or deal.
 *
 * @example
 * import { MemberContactRemoved } from './events.js';
 * MemberContactRemoved.is({ type: 'MemberContactRemoved', data: { orgId: 'acme', engagementId: 'd1', contactId: 'c1' } }); // true
 */
export const MemberContactRemoved = event('MemberContactRemoved', { contactId: Id });
export type MemberContactRemoved = t.TypeOf<typeof MemberContactRemoved>;

/**
 * A project or deal moved to a stage.
 *
 * @example
 * import { EngagementStageSet } from './events.js';
 * EngagementStageSet.is({ type: 'EngagementStageSet', data: { orgId: 'acme', engagementId: 'd1', stage: 'active', previous: 'potential' } }); // true
 */
export const EngagementStageSet = event('EngagementStageSet', {
  stage: Stage,
  previous: t.union([Stage, t.null]),
});
export type EngagementStageSet = t.TypeOf<typeof EngagementStageSet>;

/**
 * The stage of a project or deal was cleared.
 *
 * @example
 * import { EngagementStageCleared } from './events.js';
 * EngagementStageCleared.is({ type: 'EngagementStageCleared', data: { orgId: 'acme', engagementId: 'd1', previous: 'lost' } }); // true
 */
export const EngagementStageCleared = event('EngagementStageCleared', { previous: Stage });
export type EngagementStageCleared = t.TypeOf<typeof EngagementStageCleared>;

/**
 * A tag was applied to a project or deal (R-TAG-2: the kept spelling).
 *
 * @example
 * import { EngagementTagApplied } from './events.js';
 * EngagementTagApplied.is({ type: 'EngagementTagApplied', data: { orgId: 'acme', engagementId: 'd1', tag: 'Q4' } }); // true
 */
export const EngagementTagApplied = event('EngagementTagApplied', { tag: t.string });
export type EngagementTagApplied = t.TypeOf<typeof EngagementTagApplied>;

/**
 * A tag was removed from a project or deal.
 *
 * @example
 * import { EngagementTagRemoved } from './events.js';
 * EngagementTagRemoved.is({ type: 'EngagementTagRemoved', data: { orgId: 'acme', engagementId: 'd1', tag: 'Q4' } }); // true
 */
export const EngagementTagRemoved = event('EngagementTagRemoved', { tag: t.string });
export type EngagementTagRemoved = t.TypeOf<typeof EngagementTagRemoved>;

/**
 * A custom field value of a project or deal was set.
 *
 * @example
 * import { EngagementFieldValueSet } from './events.js';
 * EngagementFieldValueSet.is({ type: 'EngagementFieldValueSet', data: { orgId: 'acme', engagementId: 'd1',
 *   fieldId: 'closing', value: { type: 'date', value: '2026-03-31' }, previous: null } }); // true
 */
export const EngagementFieldValueSet = event('EngagementFieldValueSet', {
  fieldId: Id,
  value: FieldValue,
  previous: t.union([FieldValue, t.null]),
});
export type EngagementFieldValueSet = t.TypeOf<typeof EngagementFieldValueSet>;

/**
 * A custom field value of a project or deal was cleared.
 *
 * @example
 * import { EngagementFieldValueCleared } from './events.js';
 * EngagementFieldValueCleared.is({ type: 'EngagementFieldValueCleared', data: { orgId: 'acme', engagementId: 'd1',
 *   fieldId: 'closing', previous: { type: 'date', value: '2026-03-31' } } }); // true
 */
export const EngagementFieldValueCleared = event('EngagementFieldValueCleared', {
  fieldId: Id,
  previous: FieldValue,
});
export type EngagementFieldValueCleared = t.TypeOf<typeof EngagementFieldValueCleared>;

/**
 * Any event of a project's or deal's stream.
 *
 * @example
 * import { EngagementEvent } from './events.js';
 * EngagementEvent.is({ type: 'TeamMemberAdded', data: { orgId: 'acme', engagementId: 'd1', userId: 'bob' } }); // true
 */
export const EngagementEvent = t.union(
  [
    EngagementCreated,
    TeamMemberAdded,
    TeamMemberRemoved,
    MemberContactAdded,
    MemberContactRemoved,
    EngagementStageSet,
    EngagementStageCleared,
    EngagementTagApplied,
    EngagementTagRemoved,
    EngagementFieldValueSet,
    EngagementFieldValueCleared,
  ],
  'EngagementEvent',
);
export type EngagementEvent = t.TypeOf<typeof EngagementEvent>;
