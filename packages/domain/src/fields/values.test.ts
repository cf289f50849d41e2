import { describe, expect, it } from 'vitest';
import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import type { Either } from 'fp-ts/lib/Either.js';
import type { Rejection } from '@rapport/core';
import {
  CURRENCY_MINOR_UNITS,
  CalendarDate,
  FieldDefinition,
  FieldType,
  FieldValue,
  checkFieldScope,
  compareDecimal,
  compareFieldValues,
  currencyMinorUnits,
  fieldInScope,
  formatFieldValue,
  toDecimal,
  validateFieldValue,
} from './index.js';
import type { FieldType as FieldTypeT } from './index.js';

const field = (valueType: FieldTypeT, name = 'Field'): FieldDefinition => ({
  fieldId: 'f_1',
  name,
  valueType,
  appliesTo: ['person', 'company', 'project', 'deal'],
});

const rejection = (result: Either<Rejection, FieldValue>): Rejection => {
  if (!isLeft(result)) throw new Error(`expected a rejection, got ${JSON.stringify(result.right)}`);
  return result.left;
};

const accepted = (result: Either<Rejection, FieldValue>): FieldValue => {
  if (!isRight(result)) throw new Error(`expected a value, got ${result.left.message}`);
  return result.right;
};

describe('field types and definitions', () => {
  it('R-FIELD-1: the seven types decode, and unknown types do not', () => {
    const types: unknown[] = [
      { type: 'text' },
      { type: 'text', maxLength: 10 },
      { type: 'pick_one', options: ['A', 'B'] },
      { type: 'pick_many', options: ['A'] },
      { type: 'date' },
      { type: 'round_number', min: -5, max: 5 },
      { type: 'decimal', scale: 2, min: '-1.5', max: '1000000000000000000000.25' },
      { type: 'currency', currencies: ['USD', 'JPY'] },
    ];
    for (const type of types) expect(FieldType.is(type), JSON.stringify(type)).toBe(true);
    expect(FieldType.is({ type: 'boolean' })).toBe(false);
  });

  it('R-FIELD-1: limits that cannot hold are refused', () => {
    const bad: unknown[] = [
      { type: 'text', maxLength: 0 },
      { type: 'pick_one', options: [] },
      { type: 'pick_one', options: ['A', 'A'] },
      { type: 'pick_many', options: [''] },
      { type: 'round_number', min: 3, max: 2 },
      { type: 'round_number', min: 0.5 },
      { type: 'decimal', min: '2', max: '1.99' },
      { type: 'decimal', max: '1e3' },
      { type: 'decimal', scale: -1 },
      { type: 'currency', currencies: ['USD', 'USD'] },
      { type: 'currency', currencies: ['ABC'] },
      { type: 'currency', currencies: [] },
    ];
    for (const type of bad) expect(FieldType.is(type), JSON.stringify(type)).toBe(false);
  });

  it('R-FIELD-1: a type that does not decode reports the problem of its own kind only', () => {
    const messages = (u: unknown) => {
      const decoded = FieldType.decode(u);
      return decoded._tag === 'Left' ? decoded.left.map((error) => error.message) : [];
    };
    expect(messages({ type: 'round_number', min: 3, max: 1 })).toEqual([
      'RoundNumberFieldType: min must not exceed max',
    ]);
    expect(messages({ type: 'boolean' })).toEqual([
      'FieldType: expected an object whose type is one of text, pick_one, pick_many, date, round_number, decimal, currency',
    ]);
    expect(messages({ type: 'pick_one', options: ['A', 'A'] })).toEqual([
      'FieldOptions: expected a non-empty list without repeats',
    ]);
  });

  it('R-FIELD-2: a definition names its entity kinds; limits, when given, are not empty', () => {
    const base = { fieldId: 'f', name: 'Tier', valueType: { type: 'date' } };
    expect(FieldDefinition.is({ ...base, appliesTo: ['person'] })).toBe(true);
    expect(FieldDefinition.is({ ...base, appliesTo: [] })).toBe(false);
    expect(FieldDefinition.is({ ...base, appliesTo: ['robot'] })).toBe(false);
    expect(FieldDefinition.is({ ...base, appliesTo: ['person'], segments: [] })).toBe(false);
    expect(FieldDefinition.is({ ...base, appliesTo: ['person'], stages: ['won'] })).toBe(false);
    expect(
      FieldDefinition.is({
        ...base,
        appliesTo: ['deal'],
        segments: ['customer'],
        stages: ['lead'],
        sectionId: 's1',
      }),
    ).toBe(true);
  });

  it('R-FIELD-2: decoding a definition drops properties it does not know', () => {
    const decoded = FieldDefinition.decode({
      fieldId: 'f',
      name: 'Tier',
      valueType: { type: 'date', extra: 1 },
      appliesTo: ['person'],
      colour: 'red',
    });
    expect(decoded).toEqual({
      _tag: 'Right',
      right: { fieldId: 'f', name: 'Tier', valueType: { type: 'date' }, appliesTo: ['person'] },
    });
  });
});

describe('field scope', () => {
  const limited: FieldDefinition = {
    fieldId: 'f_source',
    name: 'Lead source',
    valueType: { type: 'text' },
    appliesTo: ['person', 'company'],
    segments: ['customer', 'partner'],
    stages: ['lead', 'potential'],
  };
  const open: FieldDefinition = { ...field({ type: 'text' }), appliesTo: ['deal'] };

  it('R-FIELD-2: absent limits mean every segment and stage, including none', () => {
    expect(fieldInScope(open, { kind: 'deal' })).toBe(true);
    expect(fieldInScope(open, { kind: 'deal', segmentId: 'investor', stage: 'lost' })).toBe(true);
  });

  it('R-FIELD-3: the kind must be one the field applies to', () => {
    expect(fieldInScope(open, { kind: 'project' })).toBe(false);
    expect(fieldInScope(limited, { kind: 'person', segmentId: 'customer', stage: 'lead' })).toBe(true);
    expect(fieldInScope(limited, { kind: 'deal', segmentId: 'customer', stage: 'lead' })).toBe(false);
  });

  it('R-FIELD-4: a change of segment or stage takes a copy out of a limited field’s scope', () => {
    expect(fieldInScope(limited, { kind: 'person', segmentId: 'partner', stage: 'potential' })).toBe(true);
    expect(fieldInScope(limited, { kind: 'person', segmentId: 'investor', stage: 'potential' })).toBe(false);
    expect(fieldInScope(limited, { kind: 'person', segmentId: 'partner', stage: 'active' })).toBe(false);
    expect(fieldInScope(limited, { kind: 'person', segmentId: undefined, stage: 'lead' })).toBe(false);
    expect(fieldInScope(limited, { kind: 'person', segmentId: 'customer' })).toBe(false);
  });

  it('R-FIELD-3: an out-of-scope copy gets a rejection that names the field and the reason', () => {
    const result = checkFieldScope(limited, { kind: 'person', segmentId: 'customer', stage: 'active' });
    expect(result).toEqual({
      _tag: 'Left',
      left: {
        code: 'FIELD_OUT_OF_SCOPE',
        rule: 'R-FIELD-3',
        message: 'field "Lead source" is limited to the stages lead, potential, not active',
        details: { fieldId: 'f_source' },
      },
    });
    expect(checkFieldScope(open, { kind: 'deal' })).toEqual({ _tag: 'Right', right: open });
  });
});

describe('validateFieldValue', () => {
  it('R-FIELD-3: a rejection has a stable code, the rule, the path and a sentence naming the field', () => {
    const closing = field({ type: 'date' }, 'Closing date');
    expect(rejection(validateFieldValue(closing, '2026-02-30'))).toEqual({
      code: 'FIELD_DATE_INVALID',
      rule: 'R-FIELD-3',
      path: 'value',
      message: 'value "2026-02-30" for field "Closing date" is not a calendar date',
      details: { fieldId: 'f_1' },
    });
    expect(rejection(validateFieldValue(closing, '2026-02-30', 'fields.f_1')).path).toBe('fields.f_1');
  });

  it('R-FIELD-1: text is kept exactly; R-FIELD-3: its length is counted in characters', () => {
    const code = field({ type: 'text', maxLength: 3 }, 'Code');
    expect(accepted(validateFieldValue(code, ' é😀'))).toEqual({ type: 'text', value: ' é😀' });
    const tooLong = rejection(validateFieldValue(code, 'abcd'));
    expect(tooLong.code).toBe('FIELD_TEXT_TOO_LONG');
    expect(tooLong.message).toBe('value "abcd" for field "Code" has 4 characters, more than the 3 allowed');
    expect(rejection(validateFieldValue(code, '')).code).toBe('FIELD_VALUE_INVALID');
    expect(rejection(validateFieldValue(code, 12)).message).toBe('value 12 for field "Code" is not text');
  });

  it('R-FIELD-3: a pick_one value must be one of the options, exactly', () => {
    const tier = field({ type: 'pick_one', options: ['Gold', 'Silver'] }, 'Tier');
    expect(accepted(validateFieldValue(tier, 'Gold'))).toEqual({ type: 'pick_one', value: 'Gold' });
    const unknown = rejection(validateFieldValue(tier, 'gold'));
    expect(unknown.code).toBe('FIELD_OPTION_UNKNOWN');
    expect(unknown.message).toBe('value "gold" for field "Tier" is not one of its options (Gold, Silver)');
    expect(rejection(validateFieldValue(tier, ['Gold'])).code).toBe('FIELD_VALUE_INVALID');
  });

  it('R-FIELD-1: a pick_many value is deduplicated and kept in option order', () => {
    const channels = field({ type: 'pick_many', options: ['Email', 'Phone', 'Post'] }, 'Channels');
    expect(accepted(validateFieldValue(channels, ['Post', 'Email', 'Post']))).toEqual({
      type: 'pick_many',
      value: ['Email', 'Post'],
    });
  });

  it('R-FIELD-3: a pick_many value names the path of its unknown option', () => {
    const channels = field({ type: 'pick_many', options: ['Email', 'Phone'] }, 'Channels');
    const unknown = rejection(validateFieldValue(channels, ['Email', 'Fax']));
    expect(unknown).toMatchObject({ code: 'FIELD_OPTION_UNKNOWN', path: 'value[1]' });
    expect(unknown.message).toBe('value "Fax" for field "Channels" is not one of its options (Email, Phone)');
    expect(rejection(validateFieldValue(channels, [])).code).toBe('FIELD_VALUE_INVALID');
    expect(rejection(validateFieldValue(channels, 'Email')).code).toBe('FIELD_VALUE_INVALID');
  });

  it('R-FIELD-3: dates are checked against the calendar, leap years included', () => {
    const date = field({ type: 'date' }, 'Birthday');
    expect(accepted(validateFieldValue(date, '2028-02-29'))).toEqual({ type: 'date', value: '2028-02-29' });
    expect(accepted(validateFieldValue(date, '2000-02-29'))).toEqual({ type: 'date', value: '2000-02-29' });
    expect(rejection(validateFieldValue(date, '2026-02-29')).code).toBe('FIELD_DATE_INVALID');
    expect(rejection(validateFieldValue(date, '1900-02-29')).code).toBe('FIELD_DATE_INVALID');
    expect(rejection(validateFieldValue(date, '2026-04-31')).code).toBe('FIELD_DATE_INVALID');
    expect(rejection(validateFieldValue(date, '2026-13-01')).code).toBe('FIELD_DATE_INVALID');
    expect(rejection(validateFieldValue(date, '0000-01-01')).code).toBe('FIELD_DATE_INVALID');
  });

  it('R-FIELD-1: a date has no time, and only the YYYY-MM-DD form is read', () => {
    const date = field({ type: 'date' }, 'Birthday');
    for (const raw of ['2026-11-23T10:00:00Z', '23/11/2026', '2026-1-5', 20261123, null]) {
      expect(rejection(validateFieldValue(date, raw)).message).toBe(
        `value ${raw === null ? 'null' : JSON.stringify(raw)} for field "Birthday" is not a date written YYYY-MM-DD`,
      );
    }
    expect(accepted(validateFieldValue(date, ' 2026-11-23 '))).toEqual({ type: 'date', value: '2026-11-23' });
  });

  it('R-FIELD-1: a round number is a safe integer, read from a number or from digits with separators', () => {
    const employees = field({ type: 'round_number' }, 'Employees');
    expect(accepted(validateFieldValue(employees, 1000))).toEqual({ type: 'round_number', value: 1000 });
    expect(accepted(validateFieldValue(employees, '1,000'))).toEqual({ type: 'round_number', value: 1000 });
    expect(accepted(validateFieldValue(employees, '-007'))).toEqual({ type: 'round_number', value: -7 });
    expect(accepted(validateFieldValue(employees, '9007199254740991'))).toEqual({
      type: 'round_number',
      value: Number.MAX_SAFE_INTEGER,
    });
  });

  it('R-FIELD-3: a round number refuses fractions, bad separators and unsafe sizes', () => {
    const employees = field({ type: 'round_number' }, 'Employees');
    expect(rejection(validateFieldValue(employees, 1.5)).code).toBe('FIELD_VALUE_INVALID');
    expect(rejection(validateFieldValue(employees, '12.5')).message).toBe(
      'value "12.5" for field "Employees" has a fraction; a round number has none',
    );
    expect(rejection(validateFieldValue(employees, '1,00')).code).toBe('FIELD_VALUE_INVALID');
    expect(rejection(validateFieldValue(employees, '1e3')).code).toBe('FIELD_VALUE_INVALID');
    expect(rejection(validateFieldValue(employees, Number.NaN)).code).toBe('FIELD_VALUE_INVALID');
    expect(rejection(validateFieldValue(employees, '9007199254740992')).code).toBe(
      'FIELD_VALUE_OUT_OF_RANGE',
    );
    expect(rejection(validateFieldValue(employees, 2 ** 60)).code).toBe('FIELD_VALUE_OUT_OF_RANGE');
  });

  it('R-FIELD-3: a round number is checked against its range', () => {
    const score = field({ type: 'round_number', min: 0, max: 10 }, 'Score');
    expect(accepted(validateFieldValue(score, 10))).toEqual({ type: 'round_number', value: 10 });
    expect(rejection(validateFieldValue(score, 11)).message).toBe(
      'value 11 for field "Score" is above the maximum 10',
    );
    expect(rejection(validateFieldValue(score, '-1')).message).toBe(
      'value "-1" for field "Score" is below the minimum 0',
    );
  });

  it('R-FIELD-1: a decimal keeps every digit, in canonical form', () => {
    const rate = field({ type: 'decimal' }, 'Rate');
    const digits = '123456789012345678901234567890.000000000000000000001';
    expect(accepted(validateFieldValue(rate, digits))).toEqual({ type: 'decimal', value: digits });
    expect(accepted(validateFieldValue(rate, '1,000.25'))).toEqual({ type: 'decimal', value: '1000.25' });
    expect(accepted(validateFieldValue(rate, '+0001.500'))).toEqual({ type: 'decimal', value: '1.5' });
    expect(accepted(validateFieldValue(rate, '-0.00'))).toEqual({ type: 'decimal', value: '0' });
    expect(accepted(validateFieldValue(rate, 42))).toEqual({ type: 'decimal', value: '42' });
  });

  it('R-FIELD-1: a decimal is never read from a binary float', () => {
    const rate = field({ type: 'decimal' }, 'Rate');
    const float = rejection(validateFieldValue(rate, 0.1));
    expect(float.code).toBe('FIELD_VALUE_INVALID');
    expect(float.message).toContain('is a binary floating-point number; send it as a string');
    expect(rejection(validateFieldValue(rate, '1e-3')).code).toBe('FIELD_VALUE_INVALID');
    expect(rejection(validateFieldValue(rate, '.5')).code).toBe('FIELD_VALUE_INVALID');
    expect(rejection(validateFieldValue(rate, 'Infinity')).code).toBe('FIELD_VALUE_INVALID');
  });

  it('R-FIELD-3: a decimal is checked against its scale and range, exactly', () => {
    const price = field({ type: 'decimal', scale: 2, min: '0', max: '99999999999999999999.99' }, 'Price');
    expect(rejection(validateFieldValue(price, '1.005'))).toMatchObject({
      code: 'FIELD_DECIMAL_SCALE',
      message: 'value "1.005" for field "Price" has 3 digits after the point, more than the 2 allowed',
    });
    expect(accepted(validateFieldValue(price, '1.500'))).toEqual({ type: 'decimal', value: '1.5' });
    expect(accepted(validateFieldValue(price, '99999999999999999999.99'))).toEqual({
      type: 'decimal',
      value: '99999999999999999999.99',
    });
    expect(rejection(validateFieldValue(price, '100000000000000000000')).code).toBe(
      'FIELD_VALUE_OUT_OF_RANGE',
    );
    expect(rejection(validateFieldValue(price, '-0.01')).message).toBe(
      'value "-0.01" for field "Price" is below the minimum 0',
    );
  });

  it('R-FIELD-1: a currency value keeps an exact amount and an ISO 4217 code', () => {
    const budget = field({ type: 'currency' }, 'Budget');
    expect(accepted(validateFieldValue(budget, { amount: '1,000.50', currency: 'usd' }))).toEqual({
      type: 'currency',
      value: { amount: '1000.5', currency: 'USD' },
    });
    expect(accepted(validateFieldValue(budget, { amount: 5000, currency: 'JPY' }))).toEqual({
      type: 'currency',
      value: { amount: '5000', currency: 'JPY' },
    });
    expect(accepted(validateFieldValue(budget, { amount: '1.125', currency: 'BHD' }))).toEqual({
      type: 'currency',
      value: { amount: '1.125', currency: 'BHD' },
    });
  });

  it('R-FIELD-3: a currency amount respects the minor units of its currency', () => {
    const budget = field({ type: 'currency' }, 'Budget');
    expect(rejection(validateFieldValue(budget, { amount: '10.5', currency: 'JPY' }))).toMatchObject({
      code: 'FIELD_CURRENCY_MINOR_UNITS',
      path: 'value.amount',
      message: 'amount "10.5" for field "Budget" has 1 digit after the point; JPY has 0',
    });
    expect(rejection(validateFieldValue(budget, { amount: '10.001', currency: 'USD' })).code).toBe(
      'FIELD_CURRENCY_MINOR_UNITS',
    );
    expect(accepted(validateFieldValue(budget, { amount: '10.0', currency: 'JPY' }))).toEqual({
      type: 'currency',
      value: { amount: '10', currency: 'JPY' },
    });
  });

  it('R-FIELD-3: a currency must be known and, when the field limits them, allowed', () => {
    const budget = field({ type: 'currency', currencies: ['USD', 'EUR'] }, 'Budget');
    expect(rejection(validateFieldValue(budget, { amount: '1', currency: 'XYZ' }))).toMatchObject({
      code: 'FIELD_CURRENCY_UNKNOWN',
      path: 'value.currency',
      message: 'currency "XYZ" for field "Budget" is not an ISO 4217 currency code',
    });
    expect(rejection(validateFieldValue(budget, { amount: '1', currency: 'GBP' }))).toMatchObject({
      code: 'FIELD_CURRENCY_NOT_ALLOWED',
      message: 'currency "GBP" for field "Budget" is not one of its currencies (USD, EUR)',
    });
    expect(rejection(validateFieldValue(budget, { amount: 0.5, currency: 'USD' })).path).toBe('value.amount');
    expect(rejection(validateFieldValue(budget, '1000 USD')).code).toBe('FIELD_VALUE_INVALID');
    expect(rejection(validateFieldValue(budget, { amount: '1' })).code).toBe('FIELD_VALUE_INVALID');
  });

  it('R-FIELD-3: long values are cut short in the sentence', () => {
    const tier = field({ type: 'pick_one', options: ['A'] }, 'Tier');
    const message = rejection(validateFieldValue(tier, 'x'.repeat(500))).message;
    expect(message.length).toBeLessThan(120);
    expect(message).toContain('…');
  });
});

describe('decimals', () => {
  it('R-FIELD-1: written decimals read into one canonical form', () => {
    const read = (text: string) => {
      const decimal = toDecimal(text);
      return decimal._tag === 'Some' ? decimal.value : undefined;
    };
    expect(read('1,234,567.890')).toBe('1234567.89');
    expect(read('0')).toBe('0');
    expect(read('-0.000')).toBe('0');
    expect(read('000.10')).toBe('0.1');
    expect(read('1,234,56')).toBeUndefined();
    expect(read('12,34')).toBeUndefined();
    expect(read('1.')).toBeUndefined();
    expect(read('- 1')).toBeUndefined();
    expect(read('٣')).toBeUndefined();
  });

  it('R-FIELD-1: decimals compare exactly beyond the precision of a float', () => {
    expect(compareDecimal('9007199254740993', '9007199254740992')).toBe(1);
    expect(compareDecimal('0.30000000000000000001', '0.3')).toBe(1);
    expect(compareDecimal('-0.1', '-0.01')).toBe(-1);
    expect(compareDecimal('-0', '0')).toBe(0);
    expect(compareDecimal('1.50', '1.5')).toBe(0);
  });
});

describe('currency table', () => {
  it('R-FIELD-1: minor units follow ISO 4217', () => {
    expect(currencyMinorUnits('JPY')).toBe(0);
    expect(currencyMinorUnits('USD')).toBe(2);
    expect(currencyMinorUnits('BHD')).toBe(3);
    expect(currencyMinorUnits('CLF')).toBe(4);
  });

  it('R-FIELD-1: the table differs from Intl (CLDR display digits) only where ISO 4217 does', () => {
    // CLDR shows these with fewer digits than ISO 4217 defines; every other code must agree.
    const isoDiffersFromCldr = new Set([
      'AFN',
      'ALL',
      'COP',
      'HUF',
      'IDR',
      'IQD',
      'IRR',
      'KPW',
      'LAK',
      'LBP',
      'MGA',
      'MMK',
      'PKR',
      'SOS',
      'SYP',
      'YER',
    ]);
    const disagreeing = Object.entries(CURRENCY_MINOR_UNITS)
      .filter(
        ([code, digits]) =>
          new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions()
            .maximumFractionDigits !== digits,
      )
      .map(([code]) => code);
    expect(disagreeing.filter((code) => !isoDiffersFromCldr.has(code))).toEqual([]);
  });
});

describe('comparing and formatting values', () => {
  it('R-FIELD-1: values of one type compare exactly; other pairs are not comparable', () => {
    const usd = (amount: string): FieldValue => ({ type: 'currency', value: { amount, currency: 'USD' } });
    expect(compareFieldValues(usd('10.5'), usd('9.99'))).toBe(1);
    expect(
      compareFieldValues(usd('1'), { type: 'currency', value: { amount: '1', currency: 'EUR' } }),
    ).toBeUndefined();
    expect(
      compareFieldValues({ type: 'date', value: '2026-01-31' }, { type: 'date', value: '2026-02-01' }),
    ).toBe(-1);
    expect(compareFieldValues({ type: 'round_number', value: -3 }, { type: 'round_number', value: -3 })).toBe(
      0,
    );
    expect(
      compareFieldValues({ type: 'decimal', value: '2' }, { type: 'round_number', value: 1 }),
    ).toBeUndefined();
    expect(
      compareFieldValues({ type: 'pick_many', value: ['A'] }, { type: 'pick_many', value: ['A', 'B'] }),
    ).toBe(-1);
    expect(compareFieldValues({ type: 'text', value: 'b' }, { type: 'text', value: 'a' })).toBe(1);
  });

  it('R-FIELD-1: values format for people and templates', () => {
    expect(formatFieldValue({ type: 'decimal', value: '1000.25' })).toBe('1,000.25');
    expect(formatFieldValue({ type: 'decimal', value: '-1234567' })).toBe('-1,234,567');
    expect(formatFieldValue({ type: 'decimal', value: '0.5' })).toBe('0.5');
    expect(formatFieldValue({ type: 'round_number', value: 1000 })).toBe('1,000');
    expect(formatFieldValue({ type: 'round_number', value: -100 })).toBe('-100');
    expect(formatFieldValue({ type: 'currency', value: { amount: '1000', currency: 'USD' } })).toBe(
      'USD 1,000.00',
    );
    expect(formatFieldValue({ type: 'currency', value: { amount: '-0.5', currency: 'BHD' } })).toBe(
      'BHD -0.500',
    );
    expect(formatFieldValue({ type: 'currency', value: { amount: '5000', currency: 'JPY' } })).toBe(
      'JPY 5,000',
    );
    expect(formatFieldValue({ type: 'date', value: '2026-11-23' })).toBe('2026-11-23');
    expect(formatFieldValue({ type: 'pick_many', value: ['Email', 'Phone'] })).toBe('Email, Phone');
    expect(formatFieldValue({ type: 'text', value: 'as is' })).toBe('as is');
  });

  it('R-FIELD-1: stored values decode with their codec, and malformed ones do not', () => {
    expect(FieldValue.is({ type: 'decimal', value: '1.50' })).toBe(false);
    expect(FieldValue.is({ type: 'currency', value: { amount: '1', currency: 'usd' } })).toBe(false);
    expect(FieldValue.is({ type: 'pick_many', value: ['A', 'A'] })).toBe(false);
    expect(FieldValue.is({ type: 'round_number', value: 2 ** 53 })).toBe(false);
    expect(CalendarDate.is('2024-02-29')).toBe(true);
  });
});
