/**
 * Ordering of stored field values of the same type, for filters and sorting (R-FIELD-1): numbers
 * and amounts compare exactly, dates as calendar order, text by code units.
 */
import type { Ordering } from 'fp-ts/lib/Ordering.js';
import { compareDecimal, decimalFromInteger } from './decimal.js';
import type { FieldValue } from './value.js';

const compareStrings = (a: string, b: string): Ordering => (a < b ? -1 : a > b ? 1 : 0);

const compareLists = (a: readonly string[], b: readonly string[]): Ordering => {
  for (let i = 0; i < Math.min(a.length, b.length); i += 1) {
    const order = compareStrings(a[i] ?? '', b[i] ?? '');
    if (order !== 0) return order;
  }
  return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
};

/**
 * Compares two stored values of the same type: -1, 0 or 1, or undefined when they cannot be
 * compared (different types, or amounts in different currencies). Decimals and amounts compare
 * exactly; dates in calendar order (`YYYY-MM-DD` sorts as text); text and picks by UTF-16 code
 * units, which is stable across locales; `pick_many` lists element by element, a shorter prefix
 * first.
 *
 * @example
 * import { compareFieldValues } from './compare.js';
 * compareFieldValues({ type: 'decimal', value: '10.5' }, { type: 'decimal', value: '9.75' }); // 1
 * compareFieldValues(
 *   { type: 'currency', value: { amount: '5', currency: 'USD' } },
 *   { type: 'currency', value: { amount: '5', currency: 'EUR' } },
 * ); // undefined
 */
export const compareFieldValues = (a: FieldValue, b: FieldValue): Ordering | undefined => {
  switch (a.type) {
    case 'text':
    case 'pick_one':
    case 'date':
      return b.type === a.type ? compareStrings(a.value, b.value) : undefined;
    case 'pick_many':
      return b.type === 'pick_many' ? compareLists(a.value, b.value) : undefined;
    case 'round_number':
      return b.type === 'round_number'
        ? compareDecimal(decimalFromInteger(a.value), decimalFromInteger(b.value))
        : undefined;
    case 'decimal':
      return b.type === 'decimal' ? compareDecimal(a.value, b.value) : undefined;
    case 'currency':
      return b.type === 'currency' && a.value.currency === b.value.currency
        ? compareDecimal(a.value.amount, b.value.amount)
        : undefined;
    default: {
      const unreachable: never = a;
      return unreachable;
    }
  }
};
