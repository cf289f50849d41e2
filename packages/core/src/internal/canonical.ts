/**
 * Fast paths to an event's canonical form (R-AUDIT-5), for the common case of plain JSON data.
 * Each one gives exactly what the general functions of `hashChain.ts` give, or declines (returns
 * `undefined` or `false`) so that the caller takes the general path: hashes stay byte-identical.
 */

/** A value JSON gives back as it is: a string, a boolean, null or a finite number. */
const isJsonScalar = (value: unknown): boolean =>
  typeof value === 'string' ||
  typeof value === 'boolean' ||
  value === null ||
  (typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0));

/**
 * A key that JavaScript treats apart: an array index such as `"2"` comes before the other keys
 * (every key starting with a digit is declined, which is more than needed and keeps the test
 * cheap), `toJSON` changes what `JSON.stringify` writes, and `__proto__` cannot be assigned.
 */
const isSpecialKey = (key: string): boolean => {
  const first = key.charCodeAt(0);
  return (first >= 48 && first <= 57) || key === 'toJSON' || key === '__proto__';
};

/** Whether an object is plain: its prototype is `Object.prototype` or none. */
export const isPlainObject = (value: object): boolean => {
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
};

/**
 * Whether `JSON.stringify(value)` is already `canonicalJson(value)`: `value` is made only of JSON
 * scalars (no -0), arrays and plain objects whose keys come in sorted order, none of them an
 * index key, `toJSON` or `__proto__`. Data read back from a store that kept the canonical text passes.
 *
 * @example
 * import { isCanonicalJsonValue } from './canonical.js';
 * isCanonicalJsonValue({ a: 1, b: [true, null] }); // true
 * isCanonicalJsonValue({ b: 1, a: 2 }); // false: keys out of order
 * isCanonicalJsonValue(-0); // false
 */
export const isCanonicalJsonValue = (value: unknown): boolean => {
  if (typeof value !== 'object' || value === null) return isJsonScalar(value);
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return false;
    for (let i = 0; i < value.length; i++) if (!isCanonicalJsonValue(value[i])) return false;
    return true;
  }
  if (!isPlainObject(value)) return false;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  let previous = '';
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if ((i > 0 && key <= previous) || isSpecialKey(key)) return false;
    if (!isCanonicalJsonValue(record[key])) return false;
    previous = key;
  }
  return true;
};

/**
 * A frozen copy of `value` with the keys of every object in sorted order, equal to
 * `JSON.parse(canonicalJson(value))` deeply frozen, and of which `isCanonicalJsonValue` holds; or
 * `undefined` when `value` holds anything but JSON scalars, arrays and plain objects (a date,
 * `undefined`, a non-finite number, an index key…), which the general path handles.
 *
 * @example
 * import { canonicalFrozenCopy } from './canonical.js';
 * const copy = canonicalFrozenCopy({ b: 1, a: [2] });
 * JSON.stringify(copy); // '{"a":[2],"b":1}'
 * Object.isFrozen(copy); // true
 * canonicalFrozenCopy({ at: new Date(0) }); // undefined: a date takes the general path
 */
export const canonicalFrozenCopy = (value: unknown): unknown => {
  if (typeof value !== 'object' || value === null) return isJsonScalar(value) ? value : undefined;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return undefined;
    const copy = new Array<unknown>(value.length);
    for (let i = 0; i < value.length; i++) {
      const item = canonicalFrozenCopy(value[i]);
      if (item === undefined) return undefined;
      copy[i] = item;
    }
    return Object.freeze(copy);
  }
  if (!isPlainObject(value)) return undefined;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  const copy: Record<string, unknown> = {};
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (isSpecialKey(key)) return undefined;
    const item = canonicalFrozenCopy(record[key]);
    if (item === undefined) return undefined;
    copy[key] = item;
  }
  return Object.freeze(copy);
};

/** The envelope fields of a canonical event text, typed as a valid event has them. */
interface TextFields {
  readonly id: unknown;
  readonly type: unknown;
  readonly schemaVersion: unknown;
  readonly streamId: unknown;
  readonly streamVersion: unknown;
  readonly recordedAt: unknown;
  readonly actor: unknown;
  readonly correlationId: unknown;
  readonly causationId: unknown;
  readonly data: unknown;
}

/**
 * The envelope fields an event's hash covers, in the order of its canonical text (`hashChain.ts`,
 * `canonicalEventText`); the data comes after them.
 */
export const hashedEnvelopeFields = (event: Omit<TextFields, 'data'>): unknown[] => [
  event.id,
  event.type,
  event.schemaVersion,
  event.streamId,
  event.streamVersion,
  event.recordedAt,
  event.actor,
  event.correlationId,
  event.causationId,
];

/** Envelope fields with the types of a valid event. */
interface PlainEnvelope {
  readonly id: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly streamId: string;
  readonly streamVersion: number;
  readonly recordedAt: string;
  readonly actor: string;
  readonly correlationId: string;
  readonly causationId: string | null;
}

/** Whether the envelope fields have the types of a valid event, as `plainEventText` needs them. */
const hasPlainEnvelope = (event: Omit<TextFields, 'data'>): event is PlainEnvelope =>
  typeof event.id === 'string' &&
  typeof event.type === 'string' &&
  typeof event.schemaVersion === 'number' &&
  Number.isFinite(event.schemaVersion) &&
  typeof event.streamId === 'string' &&
  typeof event.streamVersion === 'number' &&
  Number.isFinite(event.streamVersion) &&
  typeof event.recordedAt === 'string' &&
  typeof event.actor === 'string' &&
  typeof event.correlationId === 'string' &&
  (event.causationId === null || typeof event.causationId === 'string');

/**
 * The canonical text of an event in one `JSON.stringify` call, when its envelope fields have
 * the types of a valid event and its data is canonical (checked here unless `dataIsCanonical`
 * says the caller made it with `canonicalFrozenCopy`); otherwise `undefined`.
 */
export const plainEventText = (event: TextFields, dataIsCanonical: boolean): string | undefined => {
  if (!hasPlainEnvelope(event) || (!dataIsCanonical && !isCanonicalJsonValue(event.data))) return undefined;
  const fields = hashedEnvelopeFields(event);
  fields.push(event.data);
  return JSON.stringify(fields);
};

/**
 * The canonical text of an event whose data is given as JSON text, without parsing it: when the
 * envelope fields have the types of a valid event, `dataText` is a string and
 * `isCanonicalJsonText(dataText)`, the text
 * `plainEventText` gives for the data that text holds; otherwise `undefined`.
 *
 * @example
 * import { plainEventTextWithData } from './canonical.js';
 * const envelope = {
 *   id: 'e1', type: 'Noted', schemaVersion: 1, streamId: 's1', streamVersion: 1,
 *   recordedAt: '2026-11-23T09:30:00.000Z', actor: 'u1', correlationId: 'c1', causationId: null,
 * };
 * plainEventTextWithData(envelope, '{"a":1}'); // '["e1","Noted",1,"s1",1,"2026-11-23T09:30:00.000Z","u1","c1",null,{"a":1}]'
 * plainEventTextWithData(envelope, '{"b":1,"a":2}'); // undefined: keys out of order
 */
export const plainEventTextWithData = (
  envelope: Omit<TextFields, 'data'>,
  dataText: unknown,
): string | undefined => {
  // What a database hands back may be other than text (a blob, say), which the general path reads.
  if (!hasPlainEnvelope(envelope) || typeof dataText !== 'string' || !isCanonicalJsonText(dataText))
    return undefined;
  const causation = envelope.causationId === null ? 'null' : quoted(envelope.causationId);
  return `[${quoted(envelope.id)},${quoted(envelope.type)},${envelope.schemaVersion},${quoted(envelope.streamId)},${
    envelope.streamVersion
  },${quoted(envelope.recordedAt)},${quoted(envelope.actor)},${quoted(envelope.correlationId)},${causation},${dataText}]`;
};

/**
 * A character `JSON.stringify` may write otherwise than as it is: anything but the characters
 * from space up, less the quote, the backslash and the surrogates.
 */
const ESCAPED = /[^\x20\x21\x23-\x5b\x5d-\ud7ff\ue000-\uffff]/;

/**
 * `JSON.stringify(value)` for a string: quotes around the string as it is when it holds nothing
 * to escape, as most envelope fields (ids, times), which is cheaper than writing an array of them.
 */
const quoted = (value: string): string => (ESCAPED.test(value) ? JSON.stringify(value) : `"${value}"`);

/*
 * The scanner of `isCanonicalJsonText`: `text` is the text being read and `at` the index of the
 * next character. Module state rather than closures, since verification scans every stored event.
 */
let text = '';
let at = 0;

/** Nesting deeper than this is declined (left to the general path) rather than risk the stack. */
const MAX_DEPTH = 64;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const MINUS = 0x2d;

/** The escapes after `\` that `JSON.stringify` writes in short form: `"`, `\`, b, f, n, r, t. */
const isShortEscape = (code: number): boolean =>
  code === QUOTE ||
  code === BACKSLASH ||
  code === 0x62 ||
  code === 0x66 ||
  code === 0x6e ||
  code === 0x72 ||
  code === 0x74;

/** A lowercase hexadecimal digit's value, or -1. */
const hexValue = (code: number): number =>
  code >= 0x30 && code <= 0x39 ? code - 0x30 : code >= 0x61 && code <= 0x66 ? code - 0x61 + 10 : -1;

/**
 * Reads a string from its opening quote as `JSON.stringify` writes one: no control character,
 * no lone surrogate, and only the escapes it writes (the short ones, and `\u00xx` in lowercase
 * for the other control characters). With `plain`, declines any escape (for keys, whose order
 * is compared on the text).
 */
const scanString = (plain: boolean): boolean => {
  at++;
  for (;;) {
    const code = text.charCodeAt(at++);
    if (code === QUOTE) return true;
    if (code < 0x20 || Number.isNaN(code)) return false;
    if (code === BACKSLASH) {
      if (plain) return false;
      const escaped = text.charCodeAt(at++);
      if (isShortEscape(escaped)) continue;
      if (escaped !== 0x75 || text.charCodeAt(at) !== 0x30 || text.charCodeAt(at + 1) !== 0x30) return false;
      const high = hexValue(text.charCodeAt(at + 2));
      const low = hexValue(text.charCodeAt(at + 3));
      const value = high * 16 + low;
      if (
        high < 0 ||
        high > 1 ||
        low < 0 ||
        value === 8 ||
        value === 9 ||
        value === 10 ||
        value === 12 ||
        value === 13
      )
        return false;
      at += 4;
    } else if (code >= 0xd800 && code <= 0xdfff) {
      // A high surrogate followed by a low one is a character JSON.stringify keeps; alone, it escapes it.
      const next = text.charCodeAt(at);
      if (code > 0xdbff || !(next >= 0xdc00 && next <= 0xdfff)) return false;
      at++;
    }
  }
};

/** Reads a number as `JSON.stringify` writes it: the shortest text that reads back as the same number. */
const scanNumber = (): boolean => {
  const start = at;
  let code = text.charCodeAt(at);
  if (code === MINUS) code = text.charCodeAt(++at);
  const firstDigit = at;
  while (code >= 0x30 && code <= 0x39) code = text.charCodeAt(++at);
  const digits = at - firstDigit;
  if (code !== 0x2e && code !== 0x65 && code !== 0x45 && code !== 0x2b && code !== MINUS) {
    // A whole number of up to 15 digits is exact; it is written as it is unless it has a leading
    // zero or is -0.
    if (digits === 0) return false;
    if (digits <= 15 && (text.charCodeAt(firstDigit) !== 0x30 || (digits === 1 && firstDigit === start)))
      return true;
  } else {
    while (
      (code >= 0x30 && code <= 0x39) ||
      code === 0x2e ||
      code === 0x65 ||
      code === 0x45 ||
      code === 0x2b ||
      code === MINUS
    )
      code = text.charCodeAt(++at);
  }
  const token = text.slice(start, at);
  return String(Number(token)) === token;
};

/** Whether the text at `at` is `word`; moves past it when it is. */
const scanWord = (word: string): boolean => {
  if (!text.startsWith(word, at)) return false;
  at += word.length;
  return true;
};

/** Whether the key from `aStart` to `aEnd` (quotes excluded) sorts strictly before the one from `bStart` to `bEnd`. */
const keyBefore = (aStart: number, aEnd: number, bStart: number, bEnd: number): boolean => {
  const aLength = aEnd - aStart;
  const bLength = bEnd - bStart;
  const length = aLength < bLength ? aLength : bLength;
  for (let i = 0; i < length; i++) {
    const a = text.charCodeAt(aStart + i);
    const b = text.charCodeAt(bStart + i);
    if (a !== b) return a < b;
  }
  return aLength < bLength;
};

const scanObject = (depth: number): boolean => {
  at++;
  if (text.charCodeAt(at) === 0x7d) {
    at++;
    return true;
  }
  let previousStart = -1;
  let previousEnd = -1;
  for (;;) {
    if (text.charCodeAt(at) !== QUOTE) return false;
    const keyStart = at + 1;
    if (!scanString(true)) return false;
    const keyEnd = at - 1;
    if (previousStart >= 0 && !keyBefore(previousStart, previousEnd, keyStart, keyEnd)) return false;
    previousStart = keyStart;
    previousEnd = keyEnd;
    if (text.charCodeAt(at++) !== COLON || !scanValue(depth)) return false;
    const code = text.charCodeAt(at++);
    if (code === 0x7d) return true;
    if (code !== COMMA) return false;
  }
};

const scanArray = (depth: number): boolean => {
  at++;
  if (text.charCodeAt(at) === 0x5d) {
    at++;
    return true;
  }
  for (;;) {
    if (!scanValue(depth)) return false;
    const code = text.charCodeAt(at++);
    if (code === 0x5d) return true;
    if (code !== COMMA) return false;
  }
};

const scanValue = (depth: number): boolean => {
  const code = text.charCodeAt(at);
  if (code === QUOTE) return scanString(false);
  if (code === 0x7b) return depth < MAX_DEPTH && scanObject(depth + 1);
  if (code === 0x5b) return depth < MAX_DEPTH && scanArray(depth + 1);
  if (code === MINUS || (code >= 0x30 && code <= 0x39)) return scanNumber();
  if (code === 0x74) return scanWord('true');
  if (code === 0x66) return scanWord('false');
  if (code === 0x6e) return scanWord('null');
  return false;
};

/**
 * Whether `json` is the canonical text of the value it holds, `canonicalJson(JSON.parse(json))`,
 * checked without parsing it: JSON with no space, keys in sorted order (compared as
 * `Array.prototype.sort` compares them) and without escapes, strings escaped as `JSON.stringify`
 * escapes them, numbers as it writes them. It may decline some canonical texts (nesting deeper
 * than 64, an escape in a key); never does it accept a text that is not canonical or not JSON.
 *
 * @example
 * import { isCanonicalJsonText } from './canonical.js';
 * isCanonicalJsonText('{"a":[1,"x"],"b":null}'); // true
 * isCanonicalJsonText('{"b":1,"a":2}'); // false: keys out of order
 * isCanonicalJsonText('{"a": 1}'); // false: a space
 * isCanonicalJsonText('1E3'); // false: JSON.stringify writes 1000
 */
export const isCanonicalJsonText = (json: string): boolean => {
  text = json;
  at = 0;
  const canonical = scanValue(0) && at === json.length;
  text = '';
  return canonical;
};
