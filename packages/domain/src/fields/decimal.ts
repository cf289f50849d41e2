/**
 * Exact decimal numbers kept as digit strings, never as binary floats (R-FIELD-1): the canonical
 * form, reading written forms such as "1,000.25", and exact comparison of any number of digits.
 */
import * as t from 'io-ts';
import type { Option } from 'fp-ts/lib/Option.js';
import { none, some } from 'fp-ts/lib/Option.js';
import type { Ordering } from 'fp-ts/lib/Ordering.js';

const CANONICAL = /^-?(?:0|[1-9]\d*)(?:\.\d*[1-9])?$/;
const WRITTEN = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/;

const isCanonical = (u: unknown): u is string => typeof u === 'string' && CANONICAL.test(u) && u !== '-0';

/**
 * A decimal number in canonical form: an optional `-`, the integer digits without leading zeros,
 * and a fraction without trailing zeros (no point when there is no fraction). No exponent, no
 * thousands separators, and zero is always `0`, never `-0`. Equal numbers have equal strings.
 *
 * @example
 * import { Decimal } from '@rapport/domain';
 * Decimal.is('1000.25'); // true
 * Decimal.is('-0.5'); // true
 * Decimal.is('1.50'); // false: the canonical form is '1.5'
 * Decimal.is('1e3'); // false
 */
export const Decimal = new t.Type<string, string, unknown>(
  'Decimal',
  isCanonical,
  (u, c) =>
    isCanonical(u) ? t.success(u) : t.failure(u, c, 'expected a canonical decimal such as "1000.25"'),
  t.identity,
);
export type Decimal = t.TypeOf<typeof Decimal>;

/**
 * Reads a written decimal and returns its canonical form, or none when the text is not a decimal.
 * Accepted: surrounding spaces, a leading `+` or `-`, thousands separators as commas in groups of
 * three (`1,000,000`), a fraction after a point. Refused: exponents, a bare point (`.5`, `5.`),
 * any other character.
 *
 * @example
 * import { toDecimal } from '@rapport/domain';
 * import { some, none } from 'fp-ts/lib/Option.js';
 * toDecimal(' 1,000.250 '); // some('1000.25')
 * toDecimal('-0.000'); // some('0')
 * toDecimal('007'); // some('7')
 * toDecimal('1e3'); // none
 */
export const toDecimal = (text: string): Option<Decimal> => {
  const match = WRITTEN.exec(text.trim());
  if (match === null) return none;
  const [, sign = '', grouped = '', fraction = ''] = match;
  const integer = grouped.replaceAll(',', '').replace(/^0+(?=\d)/, '');
  const trimmedFraction = fraction.replace(/0+$/, '');
  const magnitude = trimmedFraction === '' ? integer : `${integer}.${trimmedFraction}`;
  return some(sign === '-' && magnitude !== '0' ? `-${magnitude}` : magnitude);
};

/**
 * The canonical decimal of a safe integer.
 *
 * @example
 * import { decimalFromInteger } from './decimal.js';
 * decimalFromInteger(-42); // '-42'
 * decimalFromInteger(-0); // '0'
 */
export const decimalFromInteger = (value: number): Decimal => (Object.is(value, -0) ? '0' : value.toFixed(0));

interface Parts {
  readonly negative: boolean;
  readonly integer: string;
  readonly fraction: string;
}

const partsOf = (decimal: string): Parts => {
  const negative = decimal.startsWith('-');
  const unsigned = negative || decimal.startsWith('+') ? decimal.slice(1) : decimal;
  const point = unsigned.indexOf('.');
  const integer = (point < 0 ? unsigned : unsigned.slice(0, point)).replace(/^0+/, '');
  const fraction = point < 0 ? '' : unsigned.slice(point + 1).replace(/0+$/, '');
  return { negative: negative && (integer !== '' || fraction !== ''), integer, fraction };
};

const compareMagnitude = (a: Parts, b: Parts): Ordering => {
  if (a.integer.length !== b.integer.length) return a.integer.length < b.integer.length ? -1 : 1;
  if (a.integer !== b.integer) return a.integer < b.integer ? -1 : 1;
  // Without trailing zeros, fraction digits compare exactly as strings do ('5' > '45' > '4').
  if (a.fraction !== b.fraction) return a.fraction < b.fraction ? -1 : 1;
  return 0;
};

/**
 * Compares two decimals exactly, whatever their number of digits: -1, 0 or 1. Meant for canonical
 * decimals (the `Decimal` codec); leading zeros in the integer, trailing zeros in the fraction and
 * a leading `+` are also read correctly (`'1.50'` equals `'1.5'`).
 *
 * @example
 * import { compareDecimal } from '@rapport/domain';
 * compareDecimal('0.1', '0.09'); // 1
 * compareDecimal('-2', '-10'); // 1
 * compareDecimal('12345678901234567890.1', '12345678901234567890.10'); // 0
 */
export const compareDecimal = (a: string, b: string): Ordering => {
  const left = partsOf(a);
  const right = partsOf(b);
  if (left.negative !== right.negative) return left.negative ? -1 : 1;
  const magnitude = compareMagnitude(left, right);
  return left.negative ? ((-magnitude || 0) as Ordering) : magnitude;
};

/**
 * The number of digits after the point of a canonical decimal.
 *
 * @example
 * import { decimalScale } from './decimal.js';
 * decimalScale('1000.25'); // 2
 * decimalScale('7'); // 0
 */
export const decimalScale = (decimal: Decimal): number => {
  const point = decimal.indexOf('.');
  return point < 0 ? 0 : decimal.length - point - 1;
};
