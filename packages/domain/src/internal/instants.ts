/**
 * Comparing recorded times (ISO instants, `2026-11-23T09:30:00.000Z`) without parsing them when
 * their text already tells which is later.
 */

/**
 * Whether one recorded time is later than another, to the millisecond as `Date.parse` reads them.
 * Instants of one length down to milliseconds (24 characters at most) have the same fields, each
 * of fixed width, so they compare as text; any other pair is parsed.
 *
 * @example
 * import { laterThan } from './instants.js';
 * laterThan('2026-11-23T09:30:00.001Z', '2026-11-23T09:30:00.000Z'); // true
 * laterThan('2026-11-23T09:30:00Z', '2026-11-23T09:30:00.5Z'); // false
 */
export const laterThan = (a: string, b: string): boolean =>
  a.length === b.length && a.length <= 24 ? a > b : Date.parse(a) > Date.parse(b);
