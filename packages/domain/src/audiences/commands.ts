/**
 * The commands on audiences (R-AUD-1, R-AUD-2): define, redefine and delete a custom audience of
 * the actor or of the organization. Organization audiences are settings: they need an
 * administrator (R-AUTH-2).
 */
import * as t from 'io-ts';
import { Id, Name } from '../ids.js';
import { AudienceFilter } from './filter.js';

/**
 * Whose audience a definition makes: the actor's own (`user`, the default) or the organization's.
 *
 * @example
 * import { AudienceScope } from './commands.js';
 * AudienceScope.is('organization'); // true
 */
export const AudienceScope = t.keyof({ user: null, organization: null }, 'AudienceScope');
export type AudienceScope = t.TypeOf<typeof AudienceScope>;

/**
 * Defines a custom audience with an id no other audience of the organization has.
 *
 * @example
 * import { DefineAudience } from './commands.js';
 * DefineAudience.is({
 *   type: 'DefineAudience', actor: 'ann', orgId: 'acme', audienceId: 'cards', name: 'Holiday cards',
 *   filter: { op: 'tags', match: 'any', tags: ['Holiday card'] },
 * }); // true
 */
export const DefineAudience = t.intersection(
  [
    t.type({
      type: t.literal('DefineAudience'),
      actor: Id,
      orgId: Id,
      audienceId: Id,
      name: Name,
      filter: AudienceFilter,
    }),
    t.partial({ scope: AudienceScope }),
  ],
  'DefineAudience',
);
export type DefineAudience = t.TypeOf<typeof DefineAudience>;

/**
 * Gives a custom audience a new filter, and optionally a new name; membership follows (R-AUD-3).
 *
 * @example
 * import { RedefineAudience } from './commands.js';
 * RedefineAudience.is({
 *   type: 'RedefineAudience', actor: 'ann', orgId: 'acme', audienceId: 'cards',
 *   filter: { op: 'tags', match: 'all', tags: ['Holiday card', 'VIP'] },
 * }); // true
 */
export const RedefineAudience = t.intersection(
  [
    t.type({
      type: t.literal('RedefineAudience'),
      actor: Id,
      orgId: Id,
      audienceId: Id,
      filter: AudienceFilter,
    }),
    t.partial({ name: Name }),
  ],
  'RedefineAudience',
);
export type RedefineAudience = t.TypeOf<typeof RedefineAudience>;

/**
 * Deletes a custom audience.
 *
 * @example
 * import { DeleteAudience } from './commands.js';
 * DeleteAudience.is({ type: 'DeleteAudience', actor: 'ann', orgId: 'acme', audienceId: 'cards' }); // true
 */
export const DeleteAudience = t.type(
  { type: t.literal('DeleteAudience'), actor: Id, orgId: Id, audienceId: Id },
  'DeleteAudience',
);
export type DeleteAudience = t.TypeOf<typeof DeleteAudience>;

/**
 * The codec of every audience command, keyed by its `type`.
 *
 * @example
 * import { audienceCommandCodecs } from './commands.js';
 * Object.keys(audienceCommandCodecs); // ['DefineAudience', 'RedefineAudience', 'DeleteAudience']
 */
export const audienceCommandCodecs = { DefineAudience, RedefineAudience, DeleteAudience } as const;

/**
 * Any audience command.
 *
 * @example
 * import { AudienceCommand } from './commands.js';
 * AudienceCommand.is({ type: 'DeleteAudience', actor: 'ann', orgId: 'acme', audienceId: 'cards' }); // true
 */
export const AudienceCommand = t.union([DefineAudience, RedefineAudience, DeleteAudience], 'AudienceCommand');
export type AudienceCommand = t.TypeOf<typeof AudienceCommand>;
