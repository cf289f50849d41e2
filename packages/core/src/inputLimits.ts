/**
 * Limits on input from outside (R-AUDIT-1: a refused input changes nothing and gets a typed
 * reason): how deep it nests, how long its strings are, how many bytes its JSON takes, and that
 * it is plain data. `limitInput` checks all of them in one walk that copies the input as plain,
 * frozen data, so that what is validated afterwards is what is used: a getter, a Proxy or a class
 * instance cannot pass validation and then change.
 */
import { left, right, type Either } from 'fp-ts/lib/Either.js';
import { reject, type Rejection } from './rejection.js';

/** How much input may hold. */
export interface InputLimits {
  /** How deep objects and arrays may nest; a value that is not a container is at depth 0. */
  readonly maxDepth: number;
  /** The longest string, keys included, in UTF-16 code units (JavaScript's `length`). */
  readonly maxStringLength: number;
  /** The most bytes the input's JSON (`JSON.stringify`, in UTF-8) may take. */
  readonly maxBytes: number;
}

/**
 * The limits of a command: 32 levels of nesting, strings of 10,000 code units, 64 KiB of JSON.
 * Commands nest 5 levels at most (an audience's filter), and the longest text a command carries is
 * a piece of contact information (5,000 characters) or an e-mail template.
 *
 * @example
 * import { COMMAND_LIMITS } from '@rapport/core';
 * COMMAND_LIMITS; // { maxDepth: 32, maxStringLength: 10000, maxBytes: 65536 }
 */
export const COMMAND_LIMITS: InputLimits = Object.freeze({
  maxDepth: 32,
  maxStringLength: 10_000,
  maxBytes: 65_536,
});

/**
 * The most bytes an event's data may take as canonical JSON in UTF-8: 256 KiB. An event is built
 * from a command within `COMMAND_LIMITS` and from what it replaces, so only a decider that copies
 * far more than a command carries comes near it.
 *
 * @example
 * import { MAX_EVENT_BYTES } from '@rapport/core';
 * MAX_EVENT_BYTES; // 262144
 */
export const MAX_EVENT_BYTES = 262_144;

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** The path of the part being read, from the keys and indexes above it: `filters[0].value`. */
const pathOf = (keys: ReadonlyArray<string | number>): string => {
  let path = '';
  for (const key of keys)
    path +=
      typeof key === 'number'
        ? `[${key}]`
        : IDENTIFIER.test(key)
          ? path === ''
            ? key
            : `.${key}`
          : `[${JSON.stringify(key)}]`;
  return path;
};

const where = (path: string): string => (path === '' ? 'the top level' : path);

const plural = (count: number, noun: string): string =>
  `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;

/** What one walk has found so far: where it is, bounds of the JSON's size and the first refusal. */
interface Walk {
  readonly limits: InputLimits;
  /** The keys and indexes from the top to the part being read; a path is written only on refusal. */
  readonly keys: Array<string | number>;
  /** At least this many bytes of JSON: each value counted at its shortest. */
  atLeast: number;
  /** At most this many bytes: each UTF-16 code unit of a string counted as an escape, 6 bytes. */
  atMost: number;
  refusal: Rejection | undefined;
}

const refuse = (walk: Walk, code: string, message: (path: string) => string): undefined => {
  const path = pathOf(walk.keys);
  walk.refusal ??= reject(code, message(path), { path, rule: 'R-AUDIT-1' });
  return undefined;
};

const notData = (walk: Walk, what: string): undefined =>
  refuse(
    walk,
    'INPUT_NOT_DATA',
    (path) =>
      `Rejected input: at ${where(path)}: ${what}; input must be plain JSON data (objects, arrays, strings, finite numbers, booleans, null)`,
  );

const tooLarge = (walk: Walk): undefined =>
  refuse(
    walk,
    'INPUT_TOO_LARGE',
    () =>
      `Rejected input: its JSON takes more than ${plural(walk.limits.maxBytes, 'byte')}; send less at once`,
  );

/** Counts a string (`extra`: the colon and comma of a key); false when it is refused. */
const countString = (walk: Walk, text: string, extra: number): boolean => {
  if (text.length > walk.limits.maxStringLength) {
    refuse(
      walk,
      'STRING_TOO_LONG',
      (path) =>
        `Rejected input: at ${where(path)}: a string of ${plural(text.length, 'character')}, more than the ${plural(walk.limits.maxStringLength, 'character')} allowed`,
    );
    return false;
  }
  walk.atLeast += text.length + 2 + extra;
  walk.atMost += text.length * 6 + 2 + extra;
  if (walk.atLeast > walk.limits.maxBytes) {
    tooLarge(walk);
    return false;
  }
  return true;
};

// The longest JSON number takes 25 bytes: a negative number just above -0.00001 with 17
// significant digits, such as -0.0000013371949897291482, which JSON writes without an exponent
// (-1.7976931348623157e+308 takes 24).
const NUMBER_BYTES = 25;

/** A plain, frozen copy of `value`, or undefined with `walk.refusal` set. */
const copyOf = (walk: Walk, value: unknown, depth: number): unknown => {
  switch (typeof value) {
    case 'string':
      return countString(walk, value, 0) ? value : undefined;
    case 'number':
      if (!Number.isFinite(value)) return notData(walk, `the number ${String(value)} is not JSON`);
      walk.atLeast += 1;
      walk.atMost += NUMBER_BYTES;
      // JSON writes -0 as 0.
      return value === 0 ? 0 : value;
    case 'boolean':
      walk.atLeast += 4;
      walk.atMost += 5;
      return value;
    case 'object':
      break;
    default:
      return notData(walk, `a ${typeof value} is not JSON`);
  }
  if (value === null) {
    walk.atLeast += 4;
    walk.atMost += 4;
    return null;
  }
  if (depth >= walk.limits.maxDepth)
    return refuse(
      walk,
      'INPUT_TOO_DEEP',
      (path) =>
        `Rejected input: at ${where(path)}: nested more than ${plural(walk.limits.maxDepth, 'level')} deep`,
    );
  walk.atLeast += 2;
  walk.atMost += 2;
  const prototype: unknown = Object.getPrototypeOf(value);
  const { keys } = walk;
  if (Array.isArray(value)) {
    if (prototype !== Array.prototype) return notData(walk, 'an array of another kind');
    const length = value.length;
    const copy: unknown[] = new Array<unknown>(length);
    for (let index = 0; index < length; index++) {
      if (index > 0) {
        walk.atLeast += 1;
        walk.atMost += 1;
      }
      keys.push(index);
      // Each part is read once: a getter's value, or a Proxy's, is what is copied and checked.
      const item: unknown = value[index];
      const copied = item === undefined ? copyOf(walk, null, depth + 1) : copyOf(walk, item, depth + 1);
      if (walk.refusal !== undefined) return undefined;
      keys.pop();
      copy[index] = copied;
    }
    return Object.freeze(copy);
  }
  if (prototype !== Object.prototype && prototype !== null)
    return notData(walk, 'an object that is not a plain object (a class instance, a Date, a Map…)');
  const copy: Record<string, unknown> = {};
  let fields = 0;
  for (const key of Object.keys(value)) {
    keys.push(key);
    const field: unknown = (value as Record<string, unknown>)[key];
    if (field !== undefined) {
      // The colon, and the comma before every field but the first.
      if (!countString(walk, key, fields++ === 0 ? 1 : 2)) return undefined;
      const copied = copyOf(walk, field, depth + 1);
      if (walk.refusal !== undefined) return undefined;
      // defineProperty, not assignment: a key "__proto__" stays an own property of the copy.
      if (key === '__proto__')
        Object.defineProperty(copy, key, {
          value: copied,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      else copy[key] = copied;
    }
    keys.pop();
  }
  return Object.freeze(copy);
};

const utf8 = new TextEncoder();

/**
 * Checks `input` against the limits and gives a deeply frozen copy of it as plain data, or a
 * rejection: `INPUT_TOO_DEEP`, `STRING_TOO_LONG`, `INPUT_TOO_LARGE` or `INPUT_NOT_DATA` (a
 * function, a symbol, a big integer, a number that is not finite, an object that is not a plain
 * object or an array, a getter or a Proxy that throws), each with the `path` of the first
 * offending part and rule R-AUDIT-1. Every part is read once, a getter's or a Proxy's included,
 * and the copy holds what was read: what `JSON.parse(JSON.stringify(input))` would give (object
 * properties whose value is undefined are left out, array holes are null), so whatever validates
 * it next sees exactly what is used, and it cannot change afterwards.
 *
 * @example
 * import { limitInput } from '@rapport/core';
 * const copy = limitInput({ type: 'Rename', name: 'Ada' });
 * copy._tag === 'Right' && Object.isFrozen(copy.right); // true
 * const deep = limitInput({ a: { b: { c: 1 } } }, { maxDepth: 2, maxStringLength: 100, maxBytes: 1000 });
 * deep._tag === 'Left' && [deep.left.code, deep.left.path]; // ['INPUT_TOO_DEEP', 'a.b']
 * let reads = 0;
 * const live = limitInput({ get name() { reads += 1; return reads === 1 ? 'Ada' : 'Eve'; } });
 * live._tag === 'Right' && [(live.right as { name: string }).name, (live.right as { name: string }).name]; // ['Ada', 'Ada']
 */
export const limitInput = (
  input: unknown,
  limits: InputLimits = COMMAND_LIMITS,
): Either<Rejection, unknown> => {
  const walk: Walk = { limits, keys: [], atLeast: 0, atMost: 0, refusal: undefined };
  let copy: unknown;
  try {
    copy = copyOf(walk, input, 0);
  } catch (error) {
    // A getter or a Proxy's trap threw while the part at the top of `keys` was read.
    notData(walk, `reading it threw (${error instanceof Error ? error.message : String(error)})`);
  }
  if (
    walk.refusal === undefined &&
    walk.atMost > limits.maxBytes &&
    utf8.encode(JSON.stringify(copy)).length > limits.maxBytes
  )
    tooLarge(walk);
  return walk.refusal === undefined ? right(copy) : left(walk.refusal);
};

/** At most how many bytes the JSON of `value` takes: each code unit of a string counted as 6. */
const jsonBytesAtMost = (value: unknown): number => {
  switch (typeof value) {
    case 'string':
      return value.length * 6 + 2;
    case 'number':
      return NUMBER_BYTES;
    case 'boolean':
      return 5;
    case 'object':
      break;
    default:
      return 0;
  }
  if (value === null) return 4;
  let bytes = 2;
  if (Array.isArray(value)) {
    for (const item of value as ReadonlyArray<unknown>) bytes += jsonBytesAtMost(item) + 1;
    return bytes;
  }
  for (const key of Object.keys(value))
    bytes += key.length * 6 + 4 + jsonBytesAtMost((value as Record<string, unknown>)[key]);
  return bytes;
};

/**
 * Checks that an event's data takes at most `maxBytes` (default `MAX_EVENT_BYTES`) as JSON in
 * UTF-8 (its canonical JSON, what the store keeps and hashes, is as long), else gives an
 * `EVENT_TOO_LARGE` rejection naming the event type. Small data is passed by a bound on its size
 * without writing its text.
 *
 * @example
 * import { checkEventSize } from '@rapport/core';
 * checkEventSize({ type: 'NoteAdded', data: { note: 'hi' } })._tag; // 'Right'
 * const big = checkEventSize({ type: 'NoteAdded', data: { note: 'x'.repeat(300_000) } });
 * big._tag === 'Left' && big.left.code; // 'EVENT_TOO_LARGE'
 */
export const checkEventSize = (
  event: { readonly type: string; readonly data: unknown },
  maxBytes: number = MAX_EVENT_BYTES,
): Either<Rejection, void> => {
  if (jsonBytesAtMost(event.data) <= maxBytes) return right(undefined);
  const bytes = utf8.encode(JSON.stringify(event.data) ?? '').length;
  return bytes <= maxBytes
    ? right(undefined)
    : left(
        reject(
          'EVENT_TOO_LARGE',
          `Rejected: the ${event.type} event it would record takes ${plural(bytes, 'byte')}, more than the ${plural(maxBytes, 'byte')} an event may take`,
          { rule: 'R-AUDIT-1', details: { type: event.type, bytes, maxBytes } },
        ),
      );
};
