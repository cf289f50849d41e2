import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalFrozenCopy, isCanonicalJsonValue, plainEventText } from './canonical.js';

/** Canonical JSON written key by key, as the hash chain first defined it: the reference. */
const reference = (value: unknown): string => {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  const record = value as Record<string, unknown>;
  return `{${Object.keys(record)
    .sort()
    .filter((key) => record[key] !== undefined)
    .map((key) => `${JSON.stringify(key)}:${reference(record[key])}`)
    .join(',')}}`;
};

const referenceEventText = (event: Record<string, unknown>): string =>
  `[${JSON.stringify(event['id'])},${JSON.stringify(event['type'])},${String(event['schemaVersion'])},${JSON.stringify(
    event['streamId'],
  )},${String(event['streamVersion'])},${JSON.stringify(event['recordedAt'])},${JSON.stringify(
    event['actor'],
  )},${JSON.stringify(event['correlationId'])},${JSON.stringify(event['causationId'])},${reference(event['data'])}]`;

const isDeeplyFrozen = (value: unknown): boolean =>
  typeof value !== 'object' ||
  value === null ||
  (Object.isFrozen(value) && Object.values(value).every(isDeeplyFrozen));

/** Values of every kind: JSON, and what JSON changes or drops (dates, undefined, -0, index keys…). */
const values = fc.oneof(
  fc.jsonValue(),
  fc.anything({
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withBoxedValues: true,
    withSparseArray: true,
    withObjectString: true,
    key: fc.oneof(fc.string(), fc.constantFrom('toJSON', '__proto__', '10', '9', 'a', 'b')),
  }),
);

describe('canonical fast paths', () => {
  it('R-AUDIT-5: a frozen canonical copy is what JSON gives back from the canonical text, deeply frozen', () => {
    fc.assert(
      fc.property(values, (value) => {
        const copy = canonicalFrozenCopy(value);
        if (copy === undefined) return;
        expect(copy).toStrictEqual(JSON.parse(reference(value)));
        expect(JSON.stringify(copy)).toBe(reference(value));
        expect(isCanonicalJsonValue(copy)).toBe(true);
        expect(isDeeplyFrozen(copy)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('R-AUDIT-5: plain JSON data takes the fast path, unless it holds -0 or a key starting with a digit, toJSON or __proto__', () => {
    const specialKey = (key: string): boolean => /^\d/.test(key) || key === 'toJSON' || key === '__proto__';
    const declined = (value: unknown): boolean =>
      Object.is(value, -0) ||
      (Array.isArray(value)
        ? value.some(declined)
        : typeof value === 'object' &&
          value !== null &&
          Object.entries(value).some(([key, item]) => specialKey(key) || declined(item)));
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(canonicalFrozenCopy(value) === undefined).toBe(declined(value));
      }),
      { numRuns: 500, examples: [[JSON.parse('[{"__proto__":""}]') as unknown]] },
    );
  });

  it('R-AUDIT-5: a value taken as canonical writes the reference text in one JSON.stringify', () => {
    fc.assert(
      fc.property(values, (value) => {
        if (isCanonicalJsonValue(value)) expect(JSON.stringify(value)).toBe(reference(value));
      }),
      { numRuns: 500 },
    );
  });

  it('R-AUDIT-5: keys out of order, index keys, toJSON and non-plain objects are declined', () => {
    expect(isCanonicalJsonValue({ b: 1, a: 2 })).toBe(false);
    expect(isCanonicalJsonValue({ '9': 1 })).toBe(false);
    expect(isCanonicalJsonValue({ toJSON: 1 })).toBe(false);
    expect(isCanonicalJsonValue(new Date(0))).toBe(false);
    expect(isCanonicalJsonValue([undefined])).toBe(false);
    expect(canonicalFrozenCopy(JSON.parse('{"__proto__":{"a":1}}'))).toBeUndefined();
    expect(canonicalFrozenCopy({ a: Number.NaN })).toBeUndefined();
    expect(canonicalFrozenCopy({ a: () => 1 })).toBeUndefined();
  });

  it('R-AUDIT-5: the one-call event text is the reference text, or declines', () => {
    const text = fc.string();
    const event = fc.record({
      id: fc.oneof(text, fc.constant(undefined), fc.integer()),
      type: text,
      schemaVersion: fc.oneof(fc.nat(), fc.constant('1'), fc.constant(Number.NaN)),
      streamId: text,
      streamVersion: fc.oneof(fc.nat(), fc.constant(Number.POSITIVE_INFINITY)),
      recordedAt: text,
      actor: fc.oneof(text, fc.constant(null)),
      correlationId: text,
      causationId: fc.oneof(text, fc.constant(null), fc.constant(undefined)),
      data: values,
    });
    fc.assert(
      fc.property(event, (e) => {
        const fast = plainEventText(e, false);
        if (fast !== undefined) expect(fast).toBe(referenceEventText(e));
      }),
      { numRuns: 500 },
    );
  });
});
