/**
 * The seven types of a custom field (R-FIELD-1) and the limits each may carry (R-FIELD-3): a text's
 * length, a pick list's options, a number's range, a decimal's scale, a currency's allowed codes.
 */
import * as t from 'io-ts';
import { NonEmptyString, NonNegativeInteger, SafeInteger } from '@rapport/core';
import { compareDecimal, Decimal } from './decimal.js';
import { CurrencyCode } from './currency.js';
import { checked, distinctNonEmptyArray, taggedUnion } from './internal/codec.js';

const PositiveInteger = checked(NonNegativeInteger, (n) => n > 0, 'PositiveInteger');

/**
 * The options of a pick list: non-empty, distinct, each a non-empty string. Their order is the
 * order in which they are shown and in which a `pick_many` value keeps its choices.
 *
 * @example
 * import { FieldOptions } from './fieldType.js';
 * FieldOptions.is(['Inbound', 'Referral']); // true
 * FieldOptions.is(['Inbound', 'Inbound']); // false
 * FieldOptions.is([]); // false
 */
export const FieldOptions = distinctNonEmptyArray(NonEmptyString, 'FieldOptions');
export type FieldOptions = t.TypeOf<typeof FieldOptions>;

/**
 * A `text` field; `maxLength` counts characters (Unicode code points).
 *
 * @example
 * import { TextFieldType } from './fieldType.js';
 * TextFieldType.is({ type: 'text', maxLength: 20 }); // true
 */
export const TextFieldType = t.exact(
  t.intersection([t.type({ type: t.literal('text') }), t.partial({ maxLength: PositiveInteger })]),
  'TextFieldType',
);

/**
 * A `pick_one` field: one of its options.
 *
 * @example
 * import { PickOneFieldType } from './fieldType.js';
 * PickOneFieldType.is({ type: 'pick_one', options: ['Gold', 'Silver'] }); // true
 */
export const PickOneFieldType = t.exact(
  t.type({ type: t.literal('pick_one'), options: FieldOptions }),
  'PickOneFieldType',
);

/**
 * A `pick_many` field: some of its options.
 *
 * @example
 * import { PickManyFieldType } from './fieldType.js';
 * PickManyFieldType.is({ type: 'pick_many', options: ['Email', 'Phone'] }); // true
 */
export const PickManyFieldType = t.exact(
  t.type({ type: t.literal('pick_many'), options: FieldOptions }),
  'PickManyFieldType',
);

/**
 * A `date` field: a calendar date without a time.
 *
 * @example
 * import { DateFieldType } from './fieldType.js';
 * DateFieldType.is({ type: 'date' }); // true
 */
export const DateFieldType = t.exact(t.type({ type: t.literal('date') }), 'DateFieldType');

/**
 * A `round_number` field: a safe integer, optionally between `min` and `max` (inclusive).
 *
 * @example
 * import { RoundNumberFieldType } from './fieldType.js';
 * RoundNumberFieldType.is({ type: 'round_number', min: 0, max: 100 }); // true
 * RoundNumberFieldType.is({ type: 'round_number', min: 5, max: 1 }); // false
 */
export const RoundNumberFieldType = checked(
  t.exact(
    t.intersection([
      t.type({ type: t.literal('round_number') }),
      t.partial({ min: SafeInteger, max: SafeInteger }),
    ]),
  ),
  (type) => type.min === undefined || type.max === undefined || type.min <= type.max,
  'RoundNumberFieldType',
  'min must not exceed max',
);

/**
 * A `decimal` field: an exact decimal with at most `scale` digits after the point, optionally
 * between `min` and `max` (inclusive, canonical decimals).
 *
 * @example
 * import { DecimalFieldType } from './fieldType.js';
 * DecimalFieldType.is({ type: 'decimal', scale: 2, min: '0', max: '99999.99' }); // true
 * DecimalFieldType.is({ type: 'decimal', min: '1.50' }); // false: not canonical
 */
export const DecimalFieldType = checked(
  t.exact(
    t.intersection([
      t.type({ type: t.literal('decimal') }),
      t.partial({ scale: NonNegativeInteger, min: Decimal, max: Decimal }),
    ]),
  ),
  (type) => type.min === undefined || type.max === undefined || compareDecimal(type.min, type.max) <= 0,
  'DecimalFieldType',
  'min must not exceed max',
);

/**
 * A `currency` field: an exact amount with an ISO 4217 code, optionally limited to `currencies`.
 *
 * @example
 * import { CurrencyFieldType } from './fieldType.js';
 * CurrencyFieldType.is({ type: 'currency', currencies: ['USD', 'EUR'] }); // true
 * CurrencyFieldType.is({ type: 'currency', currencies: ['USD', 'USD'] }); // false
 */
export const CurrencyFieldType = t.exact(
  t.intersection([
    t.type({ type: t.literal('currency') }),
    t.partial({ currencies: distinctNonEmptyArray(CurrencyCode, 'Currencies') }),
  ]),
  'CurrencyFieldType',
);

/**
 * The type of a custom field, tagged by `type` (R-FIELD-1).
 *
 * @example
 * import { FieldType } from '@rapport/domain';
 * FieldType.is({ type: 'pick_one', options: ['Inbound', 'Referral'] }); // true
 * FieldType.is({ type: 'boolean' }); // false
 */
export const FieldType = taggedUnion(
  {
    text: TextFieldType,
    pick_one: PickOneFieldType,
    pick_many: PickManyFieldType,
    date: DateFieldType,
    round_number: RoundNumberFieldType,
    decimal: DecimalFieldType,
    currency: CurrencyFieldType,
  },
  'FieldType',
);
export type FieldType = t.TypeOf<typeof FieldType>;

/**
 * The name of a field type.
 *
 * @example
 * import { FieldTypeName } from './fieldType.js';
 * FieldTypeName.is('round_number'); // true
 */
export const FieldTypeName = t.keyof(
  {
    text: null,
    pick_one: null,
    pick_many: null,
    date: null,
    round_number: null,
    decimal: null,
    currency: null,
  },
  'FieldTypeName',
);
export type FieldTypeName = t.TypeOf<typeof FieldTypeName>;
