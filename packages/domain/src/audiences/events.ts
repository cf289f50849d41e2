/**
 * The events of an organization's audiences stream (R-AUD-1): an audience was defined, redefined
 * or deleted. A change carries what it replaced.
 */
import * as t from 'io-ts';
import { Id, Name } from '../ids.js';
import { AudienceFilter } from './filter.js';
import { Audience } from './model.js';

/**
 * A custom audience was defined.
 *
 * @example
 * import { AudienceDefined } from './events.js';
 * AudienceDefined.is({ type: 'AudienceDefined', data: { orgId: 'acme',
 *   audience: { audienceId: 'vips', name: 'VIPs', owner: { owner: 'organization' }, filter: { op: 'tags', match: 'any', tags: ['VIP'] } } } }); // true
 */
export const AudienceDefined = t.type(
  { type: t.literal('AudienceDefined'), data: t.type({ orgId: Id, audience: Audience }) },
  'AudienceDefined',
);
export type AudienceDefined = t.TypeOf<typeof AudienceDefined>;

/**
 * A custom audience got a new name and filter; `previous` holds the ones it had.
 *
 * @example
 * import { AudienceRedefined } from './events.js';
 * AudienceRedefined.is({ type: 'AudienceRedefined', data: { orgId: 'acme', audienceId: 'vips', name: 'VIPs',
 *   filter: { op: 'tags', match: 'all', tags: ['VIP'] },
 *   previous: { name: 'VIPs', filter: { op: 'tags', match: 'any', tags: ['VIP'] } } } }); // true
 */
export const AudienceRedefined = t.type(
  {
    type: t.literal('AudienceRedefined'),
    data: t.type({
      orgId: Id,
      audienceId: Id,
      name: Name,
      filter: AudienceFilter,
      previous: t.type({ name: Name, filter: AudienceFilter }),
    }),
  },
  'AudienceRedefined',
);
export type AudienceRedefined = t.TypeOf<typeof AudienceRedefined>;

/**
 * A custom audience was deleted; `previous` is the audience as it was.
 *
 * @example
 * import { AudienceDeleted } from './events.js';
 * AudienceDeleted.is({ type: 'AudienceDeleted', data: { orgId: 'acme', audienceId: 'vips',
 *   previous: { audienceId: 'vips', name: 'VIPs', owner: { owner: 'organization' }, filter: { op: 'and', filters: [] } } } }); // true
 */
export const AudienceDeleted = t.type(
  {
    type: t.literal('AudienceDeleted'),
    data: t.type({ orgId: Id, audienceId: Id, previous: Audience }),
  },
  'AudienceDeleted',
);
export type AudienceDeleted = t.TypeOf<typeof AudienceDeleted>;

/**
 * Any event of an audiences stream.
 *
 * @example
 * import { AudienceEvent } from './events.js';
 * AudienceEvent.is({ type: 'AudienceDeleted', data: { orgId: 'acme', audienceId: 'vips',
 *   previous: { audienceId: 'vips', name: 'VIPs', owner: { owner: 'organization' }, filter: { op: 'and', filters: [] } } } }); // true
 */
export const AudienceEvent = t.union([AudienceDefined, AudienceRedefined, AudienceDeleted], 'AudienceEvent');
export type AudienceEvent = t.TypeOf<typeof AudienceEvent>;

/**
 * The stream of an organization's audiences.
 *
 * @example
 * import { audienceStream } from './events.js';
 * audienceStream('acme'); // 'audiences-acme'
 */
export const audienceStream = (orgId: string): string => `audiences-${orgId}`;
