/**
 * Field values as text for people and for email templates (R-FIELD-1, R-STEP-5): numbers with
 * thousands separators, amounts with their code and every minor unit, dates as `YYYY-MM-DD`.
 */
import { currencyMinorUnits } from './currency.js';
import type { Decimal } from './decimal.js';
import type { FieldValue } from './value.js';

/** Linear in the number of digits, however many there are. */
const groupThousands = (digits: string): string => {
  const head = digits.length % 3 || 3;
  const groups = [digits.slice(0, head)];
  for (let at = head; at < digits.length; at += 3) groups.push(digits.slice(at, at + 3));
  return groups.join(',');
};

/**
 * A canonical decimal with thousands separators, and at least `minFraction` fraction digits.
 *
 * @example
 * import { formatDecimal } from './format.js';
 * formatDecimal('-1234567.5'); // '-1,234,567.5'
 * formatDecimal('1000', 2); // '1,000.00'
 */
export const formatDecimal = (decimal: Decimal, minFraction = 0): string => {
  const negative = decimal.startsWith('-');
  const [integer = '', fraction = ''] = (negative ? decimal.slice(1) : decimal).split('.');
  const paddedFraction = fraction.padEnd(minFraction, '0');
  const body =
    paddedFraction === '' ? groupThousands(integer) : `${groupThousands(integer)}.${paddedFraction}`;
  return negative ? `-${body}` : body;
};

/**
 * A stored value as one line of text: text and options as they are, `pick_many` joined with
 * ", ", dates as `YYYY-MM-DD`, numbers with thousands separators (`1,000.25`), amounts as the
 * currency code then the amount with all its minor units (`USD 1,000.00`, `JPY 5,000`).
 *
 * @example
 * import { formatFieldValue } from '@rapport/domain';
 * formatFieldValue({ type: 'decimal', value: '1000.25' }); // '1,000.25'
 * formatFieldValue({ type: 'currency', value: { amount: '1000', currency: 'USD' } }); // 'USD 1,000.00'
 * formatFieldValue({ type: 'pick_many', value: ['Email', 'Phone'] }); // 'Email, Phone'
 */
export const formatFieldValue = (value: FieldValue): string => {
  switch (value.type) {
    case 'text':
    case 'pick_one':
    case 'date':
      return value.value;
    case 'pick_many':
      return value.value.join(', ');
    case 'round_number':
      return formatDecimal(value.value.toFixed(0));
    case 'decimal':
      return formatDecimal(value.value);
    case 'currency':
      return `${value.value.currency} ${formatDecimal(value.value.amount, currencyMinorUnits(value.value.currency))}`;
    default: {
      const unreachable: never = value;
      return unreachable;
    }
  }
};
