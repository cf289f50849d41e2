import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalEventText, canonicalJson } from '../hashChain.js';
import {
  canonicalFrozenCopy,
  isCanonicalJsonText,
  isCanonicalJsonValue,
  plainEventText,
  plainEventTextWithData,
} from './canonical.js';

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

  it('R-AUDIT-5: a JSON text taken as canonical is the canonical text of the value it holds; a text that is not JSON never is', () => {
    fc.assert(
      fc.property(jsonTexts, (text) => {
        let value: unknown;
        try {
          value = JSON.parse(text);
        } catch {
          expect(isCanonicalJsonText(text)).toBe(false);
          return;
        }
        if (isCanonicalJsonText(text)) expect(text).toBe(canonicalJson(value));
      }),
      { numRuns: 2000, examples: textExamples.map((text) => [text]) },
    );
  });

  it('R-AUDIT-5: the canonical text of any JSON value is taken as canonical, unless a key holds an escape', () => {
    fc.assert(
      fc.property(fc.jsonValue({ stringUnit: 'binary' }), (value) => {
        const text = canonicalJson(value);
        expect(isCanonicalJsonText(text)).toBe(!keysNeedEscapes(value));
      }),
      { numRuns: 1000 },
    );
  });

  it('R-AUDIT-5: the event text written from the stored data text is the one written from the parsed data, or declines', () => {
    const text = fc.oneof(
      fc.string({ unit: 'binary' }),
      fc.string({
        unit: fc.constantFrom('a', '"', '\\', '\n', '\u0001', '\u007f', '\ud800', '\udc00', '\u2028', 'é'),
      }),
    );
    const envelope = fc.record({
      id: text,
      type: text,
      schemaVersion: fc.oneof(fc.nat(), fc.constant(Number.NaN), fc.constant(-0)),
      streamId: text,
      streamVersion: fc.oneof(fc.nat(), fc.constant(Number.POSITIVE_INFINITY)),
      recordedAt: text,
      actor: text,
      correlationId: text,
      causationId: fc.oneof(text, fc.constant(null)),
    });
    fc.assert(
      fc.property(envelope, fc.oneof(jsonTexts, fc.jsonValue().map(canonicalJson)), (fields, dataText) => {
        const fast = plainEventTextWithData(fields, dataText);
        let data: unknown;
        try {
          data = JSON.parse(dataText);
        } catch {
          expect(fast).toBeUndefined();
          return;
        }
        if (fast !== undefined) expect(fast).toBe(canonicalEventText({ ...fields, data }));
      }),
      { numRuns: 1000 },
    );
  });

  it('R-AUDIT-5: texts JSON.parse reads but JSON.stringify would write otherwise are declined', () => {
    for (const text of [
      '{"b":1,"a":2}',
      '{"a":1,"a":1}',
      '{"a":1,"b":{"d":1,"c":2}}',
      '{ "a":1}',
      '[1, 2]',
      '1E21',
      '1e21',
      '-0',
      '[-0]',
      '1.0',
      '0.10',
      '01',
      '100000000000000000000000',
      '"\\u0041"',
      '"\\/"',
      '"\\u001F"',
      '"\\u000a"',
      '"\\ud800"',
      '{"\\n":1}',
    ])
      expect([text, isCanonicalJsonText(text)]).toStrictEqual([text, false]);
    for (const text of [
      '1e+21',
      '1e-7',
      '0.1',
      '-5',
      '"\\u001f"',
      '"\\n"',
      '"\u2028"',
      '"\ud83d\ude00"',
      '{"10":1,"9":2}',
    ])
      expect([text, isCanonicalJsonText(text)]).toStrictEqual([text, true]);
  });
});

/** Whether a key of `value`, at any depth, is written with an escape. */
const keysNeedEscapes = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  (Array.isArray(value)
    ? value.some(keysNeedEscapes)
    : Object.entries(value).some(
        ([key, item]) => JSON.stringify(key) !== `"${key}"` || keysNeedEscapes(item),
      ));

/** Ways of writing a number: as JSON.stringify does, and as other JSON writers may. */
const numberTexts = fc.oneof(
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => JSON.stringify(n)),
  fc.integer().map(String),
  fc.constantFrom('-0', '0.0', '1.50', '1e21', '1e+21', '1E21', '1e-7', '1.5e-7', '0.1', '01', '-01'),
  fc.constantFrom('123456789012345', '1234567890123456', '12345678901234567890', '9007199254740993', '-'),
  fc.tuple(fc.integer(), fc.nat(99)).map(([a, b]) => `${a}.${b}`),
  fc.tuple(fc.integer({ min: -9, max: 9 }), fc.integer({ min: -30, max: 30 })).map(([a, e]) => `${a}e${e}`),
);

/** Ways of writing a string: as JSON.stringify does, with other escapes, or with raw characters. */
const stringTexts = fc.oneof(
  fc.string({ unit: 'binary' }).map((s) => JSON.stringify(s)),
  fc
    .array(
      fc.oneof(
        fc.string({ unit: 'binary', maxLength: 3 }),
        fc.constantFrom('\\"', '\\\\', '\\/', '\\b', '\\n', '\\u0041', '\\u001f', '\\u001F', '\\u000a'),
        fc.constantFrom(
          '\\ud800',
          '\\udc00',
          '\\ud83d\\ude00',
          '\ud800',
          '\udc00',
          '\ud83d\ude00',
          '\u2028',
          '\u0001',
        ),
      ),
      { maxLength: 4 },
    )
    .map((parts) => `"${parts.join('')}"`),
);

/** JSON texts written in many ways (canonical or not, sometimes not JSON at all), with any nesting. */
const jsonTexts: fc.Arbitrary<string> = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    numberTexts,
    stringTexts,
    fc.constantFrom('true', 'false', 'null', 'nul', ' 1', '1 '),
    fc.array(tie('value'), { maxLength: 4 }).map((items) => `[${items.join(',')}]`),
    fc
      .tuple(
        fc.array(
          fc.tuple(
            fc.oneof(fc.constantFrom('a', 'b', 'c', '9', '10', '__proto__', 'toJSON'), stringTexts),
            tie('value'),
          ),
          {
            maxLength: 4,
          },
        ),
        fc.boolean(),
      )
      .map(([entries, sorted]) => {
        const keyText = (key: string): string => (key.startsWith('"') ? key : JSON.stringify(key));
        const written = entries.map(([key, item]) => [keyText(key), item] as const);
        if (sorted) written.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        return `{${written.map(([key, item]) => `${key}:${item}`).join(',')}}`;
      }),
  ),
})).value;

/** Texts to try first: the canonical text of a value, and the same value written otherwise. */
const textExamples: ReadonlyArray<string> = [
  '{"a":[1,{"b":null}],"c":"x"}',
  '{"a": [1, {"b": null}], "c": "x"}',
  '{"c":"x","a":[1,{"b":null}]}',
  '[1e21,-0,1E3,0.5]',
];
