import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { isLeft, isRight } from 'fp-ts/lib/Either.js';
import {
  CURRENCY_MINOR_UNITS,
  Decimal,
  FieldDefinition,
  FieldValue,
  compareDecimal,
  compareFieldValues,
  formatFieldValue,
  isCalendarDate,
  toDecimal,
  validateFieldValue,
} from './index.js';
import type { FieldType } from './index.js';

const digitString = (max: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: 1, maxLength: max });

/** Decimals as people write them: sign, leading zeros, thousands separators, trailing zeros. */
const writtenDecimal = fc
  .record({
    sign: fc.constantFrom('', '+', '-'),
    integer: digitString(30),
    grouped: fc.boolean(),
    fraction: fc.option(digitString(30), { nil: undefined }),
  })
  .map(({ sign, integer, grouped, fraction }) => {
    const trimmed = integer.replace(/^0+(?=\d)/, '');
    const written = grouped ? group(trimmed) : integer;
    return `${sign}${written}${fraction === undefined ? '' : `.${fraction}`}`;
  });

function group(digits: string): string {
  const head = digits.length % 3 || 3;
  const parts = [digits.slice(0, head)];
  for (let at = head; at < digits.length; at += 3) parts.push(digits.slice(at, at + 3));
  return parts.join(',');
}

/** A decimal as an exact pair: an integer and a number of digits after the point. */
const scaled = fc.record({ units: fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }), scale: fc.nat(25) });

const writeScaled = ({ units, scale }: { units: bigint; scale: number }): string => {
  const digits = (units < 0n ? -units : units).toString().padStart(scale + 1, '0');
  const point = digits.length - scale;
  const body = scale === 0 ? digits : `${digits.slice(0, point)}.${digits.slice(point)}`;
  return units < 0n ? `-${body}` : body;
};

const CURRENCIES = Object.keys(CURRENCY_MINOR_UNITS);
const options = fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 6 });
const canonical = (arb: fc.Arbitrary<{ units: bigint; scale: number }>) =>
  arb.map((value) => {
    const decimal = toDecimal(writeScaled(value));
    return decimal._tag === 'Some' ? decimal.value : '0';
  });

/** Field types derived from the `FieldType` codec's seven members, limits included. */
const fieldType: fc.Arbitrary<FieldType> = fc.oneof(
  fc.record(
    { type: fc.constant('text' as const), maxLength: fc.integer({ min: 1, max: 20 }) },
    { requiredKeys: ['type'] },
  ),
  fc.record({ type: fc.constant('pick_one' as const), options }),
  fc.record({ type: fc.constant('pick_many' as const), options }),
  fc.constant({ type: 'date' as const }),
  fc.record(
    {
      type: fc.constant('round_number' as const),
      min: fc.integer({ min: -1000, max: 0 }),
      max: fc.nat(1000),
    },
    { requiredKeys: ['type'] },
  ),
  fc.record(
    {
      type: fc.constant('decimal' as const),
      scale: fc.nat(6),
      min: canonical(fc.record({ units: fc.bigInt({ min: -(10n ** 12n), max: 0n }), scale: fc.nat(6) })),
      max: canonical(fc.record({ units: fc.bigInt({ min: 0n, max: 10n ** 12n }), scale: fc.nat(6) })),
    },
    { requiredKeys: ['type'] },
  ),
  fc.record(
    {
      type: fc.constant('currency' as const),
      currencies: fc.uniqueArray(fc.constantFrom(...CURRENCIES), { minLength: 1, maxLength: 4 }),
    },
    { requiredKeys: ['type'] },
  ),
);

const definition = fieldType.map((valueType): FieldDefinition => ({
  fieldId: 'f_p',
  name: 'Property',
  valueType,
  appliesTo: ['person'],
}));

/** Raw values likely to fit a type, so that both acceptance and refusal are exercised. */
const rawFor = (type: FieldType): fc.Arbitrary<unknown> => {
  switch (type.type) {
    case 'text':
      return fc.string({ maxLength: 25 });
    case 'pick_one':
      return fc.oneof(fc.constantFrom(...type.options), fc.string());
    case 'pick_many':
      return fc.array(fc.oneof(fc.constantFrom(...type.options), fc.string()), { maxLength: 8 });
    case 'date':
      return fc.oneof(
        fc
          .date({ noInvalidDate: true, min: new Date('0001-01-01'), max: new Date('9999-12-31') })
          .map((d) => d.toISOString().slice(0, 10)),
        fc.string(),
      );
    case 'round_number':
      return fc.oneof(
        fc.integer(),
        fc.integer().map(String),
        fc.integer().map((n) => n.toLocaleString('en')),
        writtenDecimal,
      );
    case 'decimal':
      return fc.oneof(writtenDecimal, fc.integer(), fc.double());
    case 'currency':
      return fc.record({
        amount: fc.oneof(writtenDecimal, fc.integer()),
        currency: fc.oneof(
          fc.constantFrom(...(type.currencies ?? CURRENCIES)),
          fc.constantFrom(...CURRENCIES),
        ),
      });
  }
};

describe('field values, properties', () => {
  it('R-FIELD-1: decimal canonicalization is idempotent and yields the Decimal form', () => {
    fc.assert(
      fc.property(writtenDecimal, (written) => {
        const first = toDecimal(written);
        expect(first._tag).toBe('Some');
        if (first._tag !== 'Some') return;
        expect(Decimal.is(first.value)).toBe(true);
        expect(toDecimal(first.value)).toEqual(first);
      }),
    );
  });

  it('R-FIELD-1: compareDecimal agrees with BigInt arithmetic on scaled integers', () => {
    fc.assert(
      fc.property(scaled, scaled, (a, b) => {
        const left = a.units * 10n ** BigInt(b.scale);
        const right = b.units * 10n ** BigInt(a.scale);
        const expected = left < right ? -1 : left > right ? 1 : 0;
        expect(compareDecimal(writeScaled(a), writeScaled(b))).toBe(expected);
        const canonicalA = toDecimal(writeScaled(a));
        const canonicalB = toDecimal(writeScaled(b));
        if (canonicalA._tag === 'Some' && canonicalB._tag === 'Some') {
          expect(compareDecimal(canonicalA.value, canonicalB.value)).toBe(expected);
          expect(canonicalA.value === canonicalB.value).toBe(expected === 0);
        }
      }),
    );
  });

  it('R-FIELD-3: a value that validates round-trips through the FieldValue codec', () => {
    fc.assert(
      fc.property(
        definition.chain((def) => fc.tuple(fc.constant(def), rawFor(def.valueType))),
        ([def, raw]) => {
          expect(FieldDefinition.is(def)).toBe(true);
          const result = validateFieldValue(def, raw);
          if (isLeft(result)) {
            expect(result.left.rule).toBe('R-FIELD-3');
            expect(result.left.message).toContain('for field "Property"');
            return;
          }
          expect(result.right.type).toBe(def.valueType.type);
          const stored = JSON.parse(JSON.stringify(FieldValue.encode(result.right)));
          expect(FieldValue.decode(stored)).toEqual({ _tag: 'Right', right: result.right });
          expect(validateFieldValue(def, stored.value)).toEqual(result);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('R-FIELD-3: any JSON input gives a value or a rejection, never an exception', () => {
    fc.assert(
      fc.property(definition, fc.jsonValue(), (def, raw) => {
        const result = validateFieldValue(def, raw);
        expect(isLeft(result) || isRight(result)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('R-FIELD-3: calendar dates agree with a Date-based reference over the years 1 to 9999', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.integer({ min: 1, max: 9999 }),
          fc.integer({ min: 1, max: 99 }).map((century) => century * 100),
        ),
        fc.oneof(fc.integer({ min: 0, max: 13 }), fc.constant(2)),
        fc.oneof(fc.integer({ min: 0, max: 32 }), fc.integer({ min: 28, max: 31 })),
        (year, month, day) => {
          const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
          const reference = new Date(0);
          reference.setUTCFullYear(year, month - 1, day);
          const exists =
            month >= 1 &&
            day >= 1 &&
            reference.getUTCFullYear() === year &&
            reference.getUTCMonth() === month - 1 &&
            reference.getUTCDate() === day;
          expect(isCalendarDate(text)).toBe(exists);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('R-FIELD-1: a formatted decimal reads back to the same decimal', () => {
    fc.assert(
      fc.property(canonical(scaled), (decimal) => {
        expect(toDecimal(formatFieldValue({ type: 'decimal', value: decimal }))).toEqual({
          _tag: 'Some',
          value: decimal,
        });
      }),
    );
  });

  it('R-FIELD-1: comparing values of one type is antisymmetric', () => {
    const value = fc.oneof(
      canonical(scaled).map((value): FieldValue => ({ type: 'decimal', value })),
      fc.integer().map((value): FieldValue => ({ type: 'round_number', value })),
    );
    fc.assert(
      fc.property(value, value, (a, b) => {
        const ab = compareFieldValues(a, b);
        const ba = compareFieldValues(b, a);
        if (a.type !== b.type) expect(ab).toBeUndefined();
        else expect(ab).toBe(-(ba ?? 0) || 0);
      }),
    );
  });
});
