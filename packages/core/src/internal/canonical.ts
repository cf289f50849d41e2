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

const isPlainObject = (value: object): boolean => {
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

/**
 * The canonical text of an event in one `JSON.stringify` call, when its envelope fields have
 * the types of a valid event and its data is canonical (checked here unless `dataIsCanonical`
 * says the caller made it with `canonicalFrozenCopy`); otherwise `undefined`.
 */
export const plainEventText = (event: TextFields, dataIsCanonical: boolean): string | undefined => {
  if (
    typeof event.id !== 'string' ||
    typeof event.type !== 'string' ||
    typeof event.schemaVersion !== 'number' ||
    !Number.isFinite(event.schemaVersion) ||
    typeof event.streamId !== 'string' ||
    typeof event.streamVersion !== 'number' ||
    !Number.isFinite(event.streamVersion) ||
    typeof event.recordedAt !== 'string' ||
    typeof event.actor !== 'string' ||
    typeof event.correlationId !== 'string' ||
    (event.causationId !== null && typeof event.causationId !== 'string') ||
    (!dataIsCanonical && !isCanonicalJsonValue(event.data))
  ) {
    return undefined;
  }
  const fields = hashedEnvelopeFields(event);
  fields.push(event.data);
  return JSON.stringify(fields);
};
