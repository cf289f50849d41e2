/**
 * Small io-ts codecs shared by every package: safe integers and timestamps whose TypeScript types
 * stay plain (`number`, `string`), so that values can be written as literals without casts.
 */
import * as t from 'io-ts';

const refine = <A>(name: string, is: (u: unknown) => u is A): t.Type<A, A, unknown> =>
  new t.Type<A, A, unknown>(name, is, (u, c) => (is(u) ? t.success(u) : t.failure(u, c)), t.identity);

/**
 * A safe integer (`Number.isSafeInteger`).
 *
 * @example
 * import { SafeInteger } from '@rapport/core';
 * SafeInteger.is(3); // true
 * SafeInteger.is(1.5); // false
 */
export const SafeInteger = refine('SafeInteger', (u): u is number => Number.isSafeInteger(u));

/**
 * A safe integer greater than or equal to zero.
 *
 * @example
 * import { NonNegativeInteger } from '@rapport/core';
 * NonNegativeInteger.is(0); // true
 * NonNegativeInteger.is(-1); // false
 */
export const NonNegativeInteger = refine(
  'NonNegativeInteger',
  (u): u is number => Number.isSafeInteger(u) && (u as number) >= 0,
);

/**
 * A safe integer of 1 or more.
 *
 * @example
 * import { PositiveInteger } from '@rapport/core';
 * PositiveInteger.is(1); // true
 * PositiveInteger.is(0); // false
 */
export const PositiveInteger = refine(
  'PositiveInteger',
  (u): u is number => Number.isSafeInteger(u) && (u as number) >= 1,
);

/**
 * A non-empty string.
 *
 * @example
 * import { NonEmptyString } from '@rapport/core';
 * NonEmptyString.is(''); // false
 */
export const NonEmptyString = refine(
  'NonEmptyString',
  (u): u is string => typeof u === 'string' && u.length > 0,
);

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

/**
 * The last instant found valid. The events of one append, and the commands of one millisecond,
 * carry the same text, so checking it once saves the pattern and `Date.parse` for the others.
 */
let lastInstant: string | undefined;

/**
 * An instant in UTC, ISO 8601 as `Date.prototype.toISOString` writes it (`2026-11-23T09:30:00.000Z`).
 *
 * @example
 * import { IsoInstant } from '@rapport/core';
 * IsoInstant.is(new Date(0).toISOString()); // true
 * IsoInstant.is('yesterday'); // false
 */
export const IsoInstant = refine('IsoInstant', (u): u is string => {
  if (typeof u !== 'string') return false;
  if (u === lastInstant) return true;
  if (!ISO_INSTANT.test(u) || Number.isNaN(Date.parse(u))) return false;
  lastInstant = u;
  return true;
});
