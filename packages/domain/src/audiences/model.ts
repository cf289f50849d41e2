/**
 * What an audience is (R-AUD-1, R-AUD-2): a saved, named filter that belongs to a user or to the
 * organization, and the default audiences every user has from the start.
 */
import * as t from 'io-ts';
import { Id, Name } from '../ids.js';
import { STAGES, type Stage } from '../vocabulary.js';
import { AudienceFilter } from './filter.js';

/**
 * Whose an audience is: one user's, or the organization's (shared with every member).
 *
 * @example
 * import { AudienceOwner } from './model.js';
 * AudienceOwner.is({ owner: 'user', userId: 'ann' }); // true
 * AudienceOwner.is({ owner: 'organization' }); // true
 */
export const AudienceOwner = t.union(
  [t.type({ owner: t.literal('user'), userId: Id }), t.type({ owner: t.literal('organization') })],
  'AudienceOwner',
);
export type AudienceOwner = t.TypeOf<typeof AudienceOwner>;

/**
 * A custom audience: its id (unique in the organization), its name, its owner and its filter.
 *
 * @example
 * import { Audience } from '@rapport/domain';
 * Audience.is({ audienceId: 'vips', name: 'VIPs', owner: { owner: 'organization' }, filter: { op: 'tags', match: 'any', tags: ['VIP'] } }); // true
 */
export const Audience = t.type(
  { audienceId: Id, name: Name, owner: AudienceOwner, filter: AudienceFilter },
  'Audience',
);
export type Audience = t.TypeOf<typeof Audience>;

/**
 * A default audience: the same for every user, defined by no command (R-AUD-2).
 *
 * @example
 * import { DefaultAudience } from './model.js';
 * DefaultAudience.is({ audienceId: 'my-focus', name: 'My Focus', filter: { op: 'keepInTouch', is: true } }); // true
 */
export const DefaultAudience = t.type(
  { audienceId: Id, name: Name, filter: AudienceFilter },
  'DefaultAudience',
);
export type DefaultAudience = t.TypeOf<typeof DefaultAudience>;

const STAGE_AUDIENCE: { readonly [S in Stage]: readonly [string, string] } = {
  lead: ['leads', 'Leads'],
  potential: ['potential', 'Potential'],
  active: ['active', 'Active'],
  inactive: ['inactive', 'Inactive'],
  lost: ['lost', 'Lost'],
};

/**
 * The default audiences (R-AUD-2): "My People" (every contact not archived), "My Focus"
 * (keep-in-touch enabled) and one per stage of business contacts.
 *
 * @example
 * import { DEFAULT_AUDIENCES } from '@rapport/domain';
 * DEFAULT_AUDIENCES.map((audience) => audience.audienceId);
 * // ['my-people', 'my-focus', 'leads', 'potential', 'active', 'inactive', 'lost']
 */
export const DEFAULT_AUDIENCES: ReadonlyArray<DefaultAudience> = [
  { audienceId: 'my-people', name: 'My People', filter: { op: 'and', filters: [] } },
  { audienceId: 'my-focus', name: 'My Focus', filter: { op: 'keepInTouch', is: true } },
  ...STAGES.map((stage) => ({
    audienceId: STAGE_AUDIENCE[stage][0],
    name: STAGE_AUDIENCE[stage][1],
    filter: {
      op: 'and' as const,
      filters: [
        { op: 'segmentKind' as const, is: 'business' as const },
        { op: 'stage' as const, in: [stage] },
      ],
    },
  })),
];

/**
 * The default audience with this id, or undefined.
 *
 * @example
 * import { defaultAudience } from './model.js';
 * defaultAudience('leads')?.name; // 'Leads'
 * defaultAudience('vips'); // undefined
 */
export const defaultAudience = (audienceId: string): DefaultAudience | undefined =>
  DEFAULT_AUDIENCES.find((audience) => audience.audienceId === audienceId);

/**
 * Whether a user sees an audience: their own, or the organization's.
 *
 * @example
 * import { audienceVisibleTo } from './model.js';
 * audienceVisibleTo({ owner: { owner: 'organization' } }, 'bob'); // true
 * audienceVisibleTo({ owner: { owner: 'user', userId: 'ann' } }, 'bob'); // false
 */
export const audienceVisibleTo = (audience: { readonly owner: AudienceOwner }, userId: string): boolean =>
  audience.owner.owner === 'organization' || audience.owner.userId === userId;
