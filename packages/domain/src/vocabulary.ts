/**
 * The words of the domain, as io-ts codecs: stages (R-STAGE-1), built-in segments (R-SEG-1),
 * entity kinds and organization roles (R-AUTH-2). Every other module speaks in these.
 */
import * as t from 'io-ts';

const keys = <K extends string>(values: readonly K[]): { [key in K]: null } =>
  Object.fromEntries(values.map((value) => [value, null])) as { [key in K]: null };

/**
 * The stages of a business relationship, in their usual order (R-STAGE-1).
 *
 * @example
 * import { STAGES } from '@rapport/domain';
 * STAGES[0]; // 'lead'
 */
export const STAGES = ['lead', 'potential', 'active', 'inactive', 'lost'] as const;

/**
 * A stage.
 *
 * @example
 * import { Stage } from '@rapport/domain';
 * Stage.is('potential'); // true
 * Stage.is('won'); // false
 */
export const Stage = t.keyof(keys(STAGES), 'Stage');
export type Stage = t.TypeOf<typeof Stage>;

/**
 * Built-in business segments (R-SEG-1).
 *
 * @example
 * import { BUSINESS_SEGMENTS } from '@rapport/domain';
 * BUSINESS_SEGMENTS.includes('partner'); // true
 */
export const BUSINESS_SEGMENTS = [
  'customer',
  'buyer',
  'seller',
  'partner',
  'supplier',
  'investor',
  'adviser',
  'competitor',
  'coworker',
] as const;

/**
 * Built-in personal segments (R-SEG-1).
 *
 * @example
 * import { PERSONAL_SEGMENTS } from '@rapport/domain';
 * PERSONAL_SEGMENTS.includes('family'); // true
 */
export const PERSONAL_SEGMENTS = ['family', 'friend', 'connection', 'sphere_of_influence'] as const;

/**
 * Whether a segment is for business or personal relationships.
 *
 * @example
 * import { SegmentKind } from '@rapport/domain';
 * SegmentKind.is('personal'); // true
 */
export const SegmentKind = t.keyof({ business: null, personal: null }, 'SegmentKind');
export type SegmentKind = t.TypeOf<typeof SegmentKind>;

/**
 * The kind of a built-in segment, or undefined for a name that is not built in.
 *
 * @example
 * import { builtInSegmentKind } from './vocabulary.js';
 * builtInSegmentKind('family'); // 'personal'
 * builtInSegmentKind('customer'); // 'business'
 * builtInSegmentKind('golfers'); // undefined
 */
export const builtInSegmentKind = (segmentId: string): SegmentKind | undefined =>
  (BUSINESS_SEGMENTS as readonly string[]).includes(segmentId)
    ? 'business'
    : (PERSONAL_SEGMENTS as readonly string[]).includes(segmentId)
      ? 'personal'
      : undefined;

/**
 * Contacts are persons and companies; engagements are projects and deals.
 *
 * @example
 * import { ENTITY_KINDS } from '@rapport/domain';
 * ENTITY_KINDS.length; // 4
 */
export const ENTITY_KINDS = ['person', 'company', 'project', 'deal'] as const;

/**
 * The kind of an entity.
 *
 * @example
 * import { EntityKind } from '@rapport/domain';
 * EntityKind.is('deal'); // true
 */
export const EntityKind = t.keyof(keys(ENTITY_KINDS), 'EntityKind');
export type EntityKind = t.TypeOf<typeof EntityKind>;

/**
 * The kind of a contact.
 *
 * @example
 * import { ContactKind } from '@rapport/domain';
 * ContactKind.is('company'); // true
 * ContactKind.is('deal'); // false
 */
export const ContactKind = t.keyof({ person: null, company: null }, 'ContactKind');
export type ContactKind = t.TypeOf<typeof ContactKind>;

/**
 * The kind of an engagement.
 *
 * @example
 * import { EngagementKind } from '@rapport/domain';
 * EngagementKind.is('project'); // true
 */
export const EngagementKind = t.keyof({ project: null, deal: null }, 'EngagementKind');
export type EngagementKind = t.TypeOf<typeof EngagementKind>;

/**
 * Organization roles, strongest first (R-AUTH-2).
 *
 * @example
 * import { ROLES } from '@rapport/domain';
 * ROLES[0]; // 'administrator'
 */
export const ROLES = ['administrator', 'manager', 'member'] as const;

/**
 * An organization role.
 *
 * @example
 * import { Role } from '@rapport/domain';
 * Role.is('manager'); // true
 */
export const Role = t.keyof(keys(ROLES), 'Role');
export type Role = t.TypeOf<typeof Role>;
