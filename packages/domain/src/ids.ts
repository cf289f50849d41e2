/**
 * Identifiers: organizations, users, contacts, engagements, fields, sections, segments, steps,
 * information items and audiences are named by short ids, all of one form and one length limit.
 * The alphabet leaves out `/`, which separates ids inside stream names. Ids are data (R-FIELD-7):
 * `__proto__` or `toString` is an id like any other.
 */
import * as t from 'io-ts';

/**
 * The most characters an id may have, whatever it names.
 *
 * @example
 * import { ID_MAX_LENGTH } from './ids.js';
 * ID_MAX_LENGTH; // 128
 */
export const ID_MAX_LENGTH = 128;

const ID = new RegExp(`^[A-Za-z0-9_.:@-]{1,${ID_MAX_LENGTH}}$`);

/**
 * An identifier: 1 to `ID_MAX_LENGTH` (128) letters, digits, `_`, `.`, `:`, `@` or `-` (ULIDs,
 * UUIDs and e-mail-like user names all fit). Every id a command or an event carries is one,
 * whatever it names. Its TypeScript type stays `string`.
 *
 * @example
 * import { Id } from '@rapport/domain';
 * Id.is('c_01JD0000000000000000000000'); // true
 * Id.is('a/b'); // false
 * Id.is(''); // false
 * Id.is('x'.repeat(129)); // false
 */
export const Id = new t.Type<string, string, unknown>(
  'Id',
  (u): u is string => typeof u === 'string' && ID.test(u),
  (u, c) =>
    typeof u === 'string' && ID.test(u)
      ? t.success(u)
      : t.failure(u, c, `expected an id: 1 to ${ID_MAX_LENGTH} letters, digits, "_", ".", ":", "@" or "-"`),
  t.identity,
);
export type Id = t.TypeOf<typeof Id>;

/**
 * A person-readable name: a non-empty string of at most 500 characters, not only spaces.
 *
 * @example
 * import { Name } from '@rapport/domain';
 * Name.is('Ada Lovelace'); // true
 * Name.is('   '); // false
 */
export const Name = new t.Type<string, string, unknown>(
  'Name',
  (u): u is string => typeof u === 'string' && u.trim().length > 0 && u.length <= 500,
  (u, c) =>
    typeof u === 'string' && u.trim().length > 0 && u.length <= 500
      ? t.success(u)
      : t.failure(u, c, 'expected a name: 1 to 500 characters, not only spaces'),
  t.identity,
);
export type Name = t.TypeOf<typeof Name>;
