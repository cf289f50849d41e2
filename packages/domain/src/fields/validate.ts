/**
 * Checking a raw field value against its field's type (R-FIELD-3): pick values against the
 * options, dates against the calendar, numbers against their form, range and scale, currency
 * amounts against the currency's minor units. A failing value is a rejection, never an exception.
 */
import * as t from 'io-ts';
import type { Either } from 'fp-ts/lib/Either.js';
import { left, right } from 'fp-ts/lib/Either.js';
import { isNone } from 'fp-ts/lib/Option.js';
import { reject } from '@rapport/core';
import type { Rejection } from '@rapport/core';
import { isCalendarDate } from './calendarDate.js';
import { DATE_FORM } from './internal/dateForm.js';
import { CURRENCY_MINOR_UNITS, currencyMinorUnits } from './currency.js';
import { compareDecimal, decimalFromInteger, decimalScale, toDecimal } from './decimal.js';
import type { Decimal } from './decimal.js';
import type { FieldDefinition } from './definition.js';
import type { FieldType, FieldTypeName } from './fieldType.js';
import type { FieldValue } from './value.js';

interface Context {
  readonly field: FieldDefinition;
  readonly path: string;
}

type Checked<K extends FieldTypeName> = Either<Rejection, Extract<FieldValue, { type: K }>>;
type Check<K extends FieldTypeName> = (
  type: Extract<FieldType, { type: K }>,
  raw: unknown,
  at: Context,
) => Checked<K>;

const SHOWN_LENGTH = 40;
const SHOWN_OPTIONS = 10;
const MAX_SAFE = decimalFromInteger(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = decimalFromInteger(Number.MIN_SAFE_INTEGER);

/** A raw value as a person would write it, cut short when long. */
const show = (raw: unknown): string => {
  let text: string | undefined;
  try {
    text = typeof raw === 'number' || raw === undefined ? String(raw) : JSON.stringify(raw);
  } catch {
    text = undefined;
  }
  if (text === undefined) return typeof raw;
  const chars = Array.from(text);
  return chars.length > SHOWN_LENGTH ? `${chars.slice(0, SHOWN_LENGTH).join('')}…` : text;
};

const rejection = (at: Context, code: string, subject: string, problem: string, path = at.path): Rejection =>
  reject(code, `${subject} for field "${at.field.name}" ${problem}`, {
    path,
    rule: 'R-FIELD-3',
    details: { fieldId: at.field.fieldId },
  });

const refuse = (at: Context, code: string, subject: string, problem: string, path = at.path) =>
  left(rejection(at, code, subject, problem, path));

const refuseValue = (at: Context, code: string, raw: unknown, problem: string, path = at.path) =>
  refuse(at, code, `value ${show(raw)}`, problem, path);

const digits = (count: number): string => (count === 1 ? '1 digit' : `${count} digits`);

const listed = (options: readonly string[]): string =>
  options.length > SHOWN_OPTIONS
    ? `${options.slice(0, SHOWN_OPTIONS).join(', ')} and ${options.length - SHOWN_OPTIONS} more`
    : options.join(', ');

/**
 * Reads a decimal from a string in the written forms `toDecimal` accepts, or from a number only
 * when it is a safe integer: any other number has already been rounded to a binary fraction.
 */
const readDecimal = (raw: unknown): Either<string, Decimal> => {
  if (typeof raw === 'number') {
    if (Number.isSafeInteger(raw)) return right(decimalFromInteger(raw));
    return left(
      Number.isFinite(raw)
        ? 'is a binary floating-point number; send it as a string such as "1000.25" to keep every digit'
        : 'is not a number',
    );
  }
  if (typeof raw !== 'string') return left('is not a decimal number such as "1000.25"');
  const decimal = toDecimal(raw);
  return isNone(decimal) ? left('is not a decimal number such as "1,000.25"') : right(decimal.value);
};

const checkRange = (
  at: Context,
  raw: unknown,
  value: Decimal,
  range: { readonly min?: Decimal | undefined; readonly max?: Decimal | undefined },
): Rejection | undefined => {
  if (range.min !== undefined && compareDecimal(value, range.min) < 0) {
    return rejection(
      at,
      'FIELD_VALUE_OUT_OF_RANGE',
      `value ${show(raw)}`,
      `is below the minimum ${range.min}`,
    );
  }
  if (range.max !== undefined && compareDecimal(value, range.max) > 0) {
    return rejection(
      at,
      'FIELD_VALUE_OUT_OF_RANGE',
      `value ${show(raw)}`,
      `is above the maximum ${range.max}`,
    );
  }
  return undefined;
};

const text: Check<'text'> = (type, raw, at) => {
  if (typeof raw !== 'string') return refuseValue(at, 'FIELD_VALUE_INVALID', raw, 'is not text');
  if (raw.length === 0)
    return refuseValue(at, 'FIELD_VALUE_INVALID', raw, 'is empty; clear the field instead');
  const length = Array.from(raw).length;
  if (type.maxLength !== undefined && length > type.maxLength) {
    return refuseValue(
      at,
      'FIELD_TEXT_TOO_LONG',
      raw,
      `has ${length} characters, more than the ${type.maxLength} allowed`,
    );
  }
  return right({ type: 'text', value: raw });
};

const pickOne: Check<'pick_one'> = (type, raw, at) => {
  if (typeof raw !== 'string')
    return refuseValue(at, 'FIELD_VALUE_INVALID', raw, 'is not the name of an option');
  if (!type.options.includes(raw)) {
    return refuseValue(
      at,
      'FIELD_OPTION_UNKNOWN',
      raw,
      `is not one of its options (${listed(type.options)})`,
    );
  }
  return right({ type: 'pick_one', value: raw });
};

const pickMany: Check<'pick_many'> = (type, raw, at) => {
  if (!Array.isArray(raw) || !raw.every((item) => typeof item === 'string')) {
    return refuseValue(at, 'FIELD_VALUE_INVALID', raw, 'is not a list of option names');
  }
  if (raw.length === 0)
    return refuseValue(at, 'FIELD_VALUE_INVALID', raw, 'picks nothing; clear the field instead');
  const unknownAt = raw.findIndex((item) => !type.options.includes(item));
  if (unknownAt >= 0) {
    return refuseValue(
      at,
      'FIELD_OPTION_UNKNOWN',
      raw[unknownAt],
      `is not one of its options (${listed(type.options)})`,
      `${at.path}[${unknownAt}]`,
    );
  }
  const picked = new Set<string>(raw);
  return right({ type: 'pick_many', value: type.options.filter((option) => picked.has(option)) });
};

const date: Check<'date'> = (_type, raw, at) => {
  const written = typeof raw === 'string' ? raw.trim() : undefined;
  if (written === undefined || !DATE_FORM.test(written)) {
    return refuseValue(at, 'FIELD_VALUE_INVALID', raw, 'is not a date written YYYY-MM-DD');
  }
  if (!isCalendarDate(written)) return refuseValue(at, 'FIELD_DATE_INVALID', raw, 'is not a calendar date');
  return right({ type: 'date', value: written });
};

const roundNumber: Check<'round_number'> = (type, raw, at) => {
  const read = readDecimal(raw);
  if (read._tag === 'Left') {
    const problem =
      typeof raw === 'number' && Number.isInteger(raw) ? 'is too large to be kept exactly' : undefined;
    return problem === undefined
      ? refuseValue(at, 'FIELD_VALUE_INVALID', raw, 'is not a round number such as "1,000"')
      : refuseValue(at, 'FIELD_VALUE_OUT_OF_RANGE', raw, problem);
  }
  if (decimalScale(read.right) > 0) {
    return refuseValue(at, 'FIELD_VALUE_INVALID', raw, 'has a fraction; a round number has none');
  }
  if (compareDecimal(read.right, MAX_SAFE) > 0 || compareDecimal(read.right, MIN_SAFE) < 0) {
    return refuseValue(at, 'FIELD_VALUE_OUT_OF_RANGE', raw, 'is too large to be kept exactly');
  }
  const range = {
    min: type.min === undefined ? undefined : decimalFromInteger(type.min),
    max: type.max === undefined ? undefined : decimalFromInteger(type.max),
  };
  const outOfRange = checkRange(at, raw, read.right, range);
  return outOfRange === undefined
    ? right({ type: 'round_number', value: Number(read.right) })
    : left(outOfRange);
};

const decimal: Check<'decimal'> = (type, raw, at) => {
  const read = readDecimal(raw);
  if (read._tag === 'Left') return refuseValue(at, 'FIELD_VALUE_INVALID', raw, read.left);
  const scale = decimalScale(read.right);
  if (type.scale !== undefined && scale > type.scale) {
    return refuseValue(
      at,
      'FIELD_DECIMAL_SCALE',
      raw,
      `has ${digits(scale)} after the point, more than the ${type.scale} allowed`,
    );
  }
  const outOfRange = checkRange(at, raw, read.right, type);
  return outOfRange === undefined ? right({ type: 'decimal', value: read.right }) : left(outOfRange);
};

const RawMoney = t.type({ amount: t.union([t.string, t.number]), currency: t.string });

const currency: Check<'currency'> = (type, raw, at) => {
  if (!RawMoney.is(raw)) {
    return refuseValue(
      at,
      'FIELD_VALUE_INVALID',
      raw,
      'is not an amount with a currency, such as { "amount": "1000.00", "currency": "USD" }',
    );
  }
  const code = raw.currency.trim().toUpperCase();
  const codePath = `${at.path}.currency`;
  if (!Object.hasOwn(CURRENCY_MINOR_UNITS, code)) {
    return refuse(
      at,
      'FIELD_CURRENCY_UNKNOWN',
      `currency ${show(raw.currency)}`,
      'is not an ISO 4217 currency code',
      codePath,
    );
  }
  if (type.currencies !== undefined && !type.currencies.includes(code)) {
    return refuse(
      at,
      'FIELD_CURRENCY_NOT_ALLOWED',
      `currency ${show(code)}`,
      `is not one of its currencies (${listed(type.currencies)})`,
      codePath,
    );
  }
  const amountPath = `${at.path}.amount`;
  const read = readDecimal(raw.amount);
  if (read._tag === 'Left') {
    return refuse(at, 'FIELD_VALUE_INVALID', `amount ${show(raw.amount)}`, read.left, amountPath);
  }
  const scale = decimalScale(read.right);
  const minorUnits = currencyMinorUnits(code);
  if (scale > minorUnits) {
    return refuse(
      at,
      'FIELD_CURRENCY_MINOR_UNITS',
      `amount ${show(raw.amount)}`,
      `has ${digits(scale)} after the point; ${code} has ${minorUnits}`,
      amountPath,
    );
  }
  return right({ type: 'currency', value: { amount: read.right, currency: code } });
};

const checks: { readonly [K in FieldTypeName]: Check<K> } = {
  text,
  pick_one: pickOne,
  pick_many: pickMany,
  date,
  round_number: roundNumber,
  decimal,
  currency,
};

/**
 * Checks a raw value (any input: it is decoded here) against the field's type and returns the
 * normalized value to store, or a rejection with a stable code, rule R-FIELD-3, the path of the
 * faulty part (under `path`, `value` by default) and a sentence naming the field.
 * Codes: `FIELD_VALUE_INVALID` (wrong form), `FIELD_TEXT_TOO_LONG`, `FIELD_OPTION_UNKNOWN`,
 * `FIELD_DATE_INVALID` (not in the calendar), `FIELD_VALUE_OUT_OF_RANGE`, `FIELD_DECIMAL_SCALE`,
 * `FIELD_CURRENCY_UNKNOWN`, `FIELD_CURRENCY_NOT_ALLOWED`, `FIELD_CURRENCY_MINOR_UNITS`.
 * The copy's scope is a separate check: `fieldInScope` / `checkFieldScope`.
 *
 * @example
 * import { left, right } from 'fp-ts/lib/Either.js';
 * import { validateFieldValue, type FieldDefinition } from '@rapport/domain';
 * const closing: FieldDefinition = {
 *   fieldId: 'f_closing',
 *   name: 'Closing date',
 *   valueType: { type: 'date' },
 *   appliesTo: ['deal'],
 * };
 * validateFieldValue(closing, '2026-03-31'); // right({ type: 'date', value: '2026-03-31' })
 * validateFieldValue(closing, '2026-02-30');
 * // left({ code: 'FIELD_DATE_INVALID', rule: 'R-FIELD-3', path: 'value',
 * //        message: 'value "2026-02-30" for field "Closing date" is not a calendar date', … })
 */
export const validateFieldValue = (
  definition: FieldDefinition,
  raw: unknown,
  path = 'value',
): Either<Rejection, FieldValue> => {
  const check = checks[definition.valueType.type] as (
    type: FieldType,
    raw: unknown,
    at: Context,
  ) => Either<Rejection, FieldValue>;
  return check(definition.valueType, raw, { field: definition, path });
};
