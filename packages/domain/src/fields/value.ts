/**
 * Custom field values: the raw forms a command may carry, and the normalized form that is stored
 * (R-FIELD-1). A stored value is tagged with its type so it can be shown and compared on its own.
 */
import * as t from 'io-ts';
import { NonEmptyString, SafeInteger } from '@rapport/core';
import { CalendarDate } from './calendarDate.js';
import { CurrencyCode } from './currency.js';
import { Decimal } from './decimal.js';
import { distinctNonEmptyArray, taggedUnion } from './internal/codec.js';

/**
 * What a command may carry as a field value, before it is checked against the field's type:
 * a string, a number, a list of strings, or an amount with a currency code.
 *
 * @example
 * import { RawFieldValue } from './value.js';
 * RawFieldValue.is('1,000.25'); // true
 * RawFieldValue.is(['Email', 'Phone']); // true
 * RawFieldValue.is({ amount: '99.90', currency: 'EUR' }); // true
 * RawFieldValue.is(true); // false
 */
export const RawFieldValue = t.union(
  [
    t.string,
    t.number,
    t.array(t.string),
    t.type({ amount: t.union([t.string, t.number]), currency: t.string }),
  ],
  'RawFieldValue',
);
export type RawFieldValue = t.TypeOf<typeof RawFieldValue>;

/**
 * An amount of money: a canonical decimal and an ISO 4217 code.
 *
 * @example
 * import { Money } from '@rapport/domain';
 * Money.is({ amount: '1000', currency: 'USD' }); // true
 * Money.is({ amount: 1000, currency: 'USD' }); // false: amounts are decimal strings
 */
export const Money = t.exact(t.type({ amount: Decimal, currency: CurrencyCode }), 'Money');
export type Money = t.TypeOf<typeof Money>;

/**
 * A stored field value, tagged by the type of its field:
 * `text` and `pick_one` a non-empty string, `pick_many` distinct options in option order, `date`
 * `YYYY-MM-DD`, `round_number` a safe integer, `decimal` a canonical decimal string, `currency`
 * a `Money`.
 *
 * @example
 * import { FieldValue } from '@rapport/domain';
 * FieldValue.is({ type: 'decimal', value: '1000.25' }); // true
 * FieldValue.is({ type: 'currency', value: { amount: '5', currency: 'JPY' } }); // true
 * FieldValue.is({ type: 'date', value: '2026-02-29' }); // false
 */
export const FieldValue = taggedUnion(
  {
    text: t.exact(t.type({ type: t.literal('text'), value: NonEmptyString }), 'TextValue'),
    pick_one: t.exact(t.type({ type: t.literal('pick_one'), value: NonEmptyString }), 'PickOneValue'),
    pick_many: t.exact(
      t.type({ type: t.literal('pick_many'), value: distinctNonEmptyArray(NonEmptyString, 'Picks') }),
      'PickManyValue',
    ),
    date: t.exact(t.type({ type: t.literal('date'), value: CalendarDate }), 'DateValue'),
    round_number: t.exact(
      t.type({ type: t.literal('round_number'), value: SafeInteger }),
      'RoundNumberValue',
    ),
    decimal: t.exact(t.type({ type: t.literal('decimal'), value: Decimal }), 'DecimalValue'),
    currency: t.exact(t.type({ type: t.literal('currency'), value: Money }), 'CurrencyValue'),
  },
  'FieldValue',
);
export type FieldValue = t.TypeOf<typeof FieldValue>;
