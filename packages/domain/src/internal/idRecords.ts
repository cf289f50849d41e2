/**
 * Records keyed by ids a user chose (R-FIELD-7): an id is data, so `toString`, `constructor` or
 * `__proto__` must name an entry like any other id. Records stay plain JSON objects (events and
 * snapshots hold them as such, and a spread copies them fast), but they are read only through their
 * own properties, and an entry named `__proto__` is defined, not assigned, since assigning it would
 * set the object's prototype instead.
 */

/**
 * The entry of `record` named `key`, or undefined when it has none of its own.
 *
 * @example
 * import { entryOf } from './idRecords.js';
 * entryOf({ a: 1 }, 'a'); // 1
 * entryOf({ a: 1 }, 'toString'); // undefined
 */
export const entryOf = <V>(record: Readonly<Record<string, V>>, key: string): V | undefined =>
  Object.hasOwn(record, key) ? record[key] : undefined;

/**
 * Whether `record` has an entry of its own named `key`.
 *
 * @example
 * import { hasEntry } from './idRecords.js';
 * hasEntry({ a: 1 }, 'constructor'); // false
 */
export const hasEntry = (record: Readonly<Record<string, unknown>>, key: string): boolean =>
  Object.hasOwn(record, key);

/**
 * Sets the entry of `record` named `key`, as its own enumerable property whatever the key.
 *
 * @example
 * import { setEntry } from './idRecords.js';
 * const record: Record<string, number> = {};
 * setEntry(record, '__proto__', 1);
 * Object.keys(record); // ['__proto__']
 */
export const setEntry = <V>(record: Record<string, V>, key: string, value: V): void => {
  if (key === '__proto__')
    Object.defineProperty(record, key, { value, writable: true, enumerable: true, configurable: true });
  else record[key] = value;
};

/**
 * Removes the entry of `record` named `key`, if it has one of its own.
 *
 * @example
 * import { removeEntry } from './idRecords.js';
 * const record: Record<string, number> = { a: 1 };
 * removeEntry(record, 'a');
 * Object.keys(record); // []
 */
export const removeEntry = (record: Record<string, unknown>, key: string): void => {
  if (Object.hasOwn(record, key)) delete record[key];
};
