/**
 * The parts of a contact's copy: which copy an event changed (a user's My People copy or the team
 * copy), contact information items with their personal label (R-SHARE-3), the content of a copy,
 * and the shareable snapshot that sharing writes into the team copy (R-SHARE-4).
 */
import * as t from 'io-ts';
import { Id, Name } from '../ids.js';
import { Stage } from '../vocabulary.js';
import { FieldValue } from '../fields/index.js';

/**
 * Whose copy an event changed: a user's My People copy, or the organization's team copy.
 *
 * @example
 * import { CopyRef } from '@rapport/domain';
 * CopyRef.is({ owner: 'user', userId: 'ann' }); // true
 * CopyRef.is({ owner: 'team' }); // true
 */
export const CopyRef = t.union(
  [t.type({ owner: t.literal('user'), userId: Id }), t.type({ owner: t.literal('team') })],
  'CopyRef',
);
export type CopyRef = t.TypeOf<typeof CopyRef>;

/**
 * Which copy a command changes: the actor's own (`mine`, the default) or the team copy.
 *
 * @example
 * import { CopyTarget } from './model.js';
 * CopyTarget.is('team'); // true
 */
export const CopyTarget = t.keyof({ mine: null, team: null }, 'CopyTarget');
export type CopyTarget = t.TypeOf<typeof CopyTarget>;

/**
 * The kinds of contact information.
 *
 * @example
 * import { InfoKind } from './model.js';
 * InfoKind.is('phone'); // true
 */
export const InfoKind = t.keyof(
  { email: null, phone: null, address: null, note: null, website: null },
  'InfoKind',
);
export type InfoKind = t.TypeOf<typeof InfoKind>;

const InfoValue = new t.Type<string, string, unknown>(
  'InfoValue',
  (u): u is string => typeof u === 'string' && u.trim().length > 0 && u.length <= 5000,
  (u, c) =>
    typeof u === 'string' && u.trim().length > 0 && u.length <= 5000
      ? t.success(u)
      : t.failure(u, c, 'expected 1 to 5000 characters, not only spaces'),
  t.identity,
);

/**
 * One item of contact information; `personal` items never reach the team view (R-SHARE-3).
 *
 * @example
 * import { ContactInfoItem } from '@rapport/domain';
 * ContactInfoItem.is({ itemId: 'e1', kind: 'email', value: 'ada@example.com', personal: false }); // true
 */
export const ContactInfoItem = t.type(
  { itemId: Id, kind: InfoKind, value: InfoValue, personal: t.boolean },
  'ContactInfoItem',
);
export type ContactInfoItem = t.TypeOf<typeof ContactInfoItem>;

/**
 * The shareable content of a copy: what `ShareContact` writes into the team copy (R-SHARE-4).
 *
 * @example
 * import { CopyContent } from './model.js';
 * CopyContent.is({ name: 'Ada', stage: null, segment: null, step: null, fields: {}, tags: [], info: {} }); // true
 */
export const CopyContent = t.type(
  {
    name: Name,
    stage: t.union([Stage, t.null]),
    segment: t.union([Id, t.null]),
    step: t.union([Id, t.null]),
    fields: t.record(t.string, FieldValue),
    tags: t.array(t.string),
    info: t.record(t.string, ContactInfoItem),
  },
  'CopyContent',
);
export type CopyContent = t.TypeOf<typeof CopyContent>;

/**
 * A copy as decisions see it: its content and whether it is archived (R-ARCH).
 *
 * @example
 * import { CopyState } from './model.js';
 * CopyState.is({ name: 'Ada', stage: null, segment: null, step: null, fields: {}, tags: [], info: {}, archived: false }); // true
 */
export const CopyState = t.intersection([CopyContent, t.type({ archived: t.boolean })], 'CopyState');
export type CopyState = t.TypeOf<typeof CopyState>;

/**
 * An empty copy with a name.
 *
 * @example
 * import { emptyCopy } from './model.js';
 * emptyCopy('Ada').stage; // null
 */
export const emptyCopy = (name: string): CopyState => ({
  name,
  stage: null,
  segment: null,
  step: null,
  fields: {},
  tags: [],
  info: {},
  archived: false,
});
