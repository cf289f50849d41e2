/**
 * Machinery of the decoding reporter: walks io-ts contexts into paths and picks, in unions, the
 * alternative whose literal discriminant matched.
 */
import type * as t from 'io-ts';

/**
 * One reason an input failed to decode: where (`path`, such as `events[0].recordedAt`, empty for
 * the input itself), what was expected (the codec's name) and what was found, in words.
 */
export interface DecodeIssue {
  readonly path: string;
  readonly expected: string;
  readonly got: string;
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

const tagOf = (type: t.Decoder<unknown, unknown>): string | undefined =>
  (type as { readonly _tag?: string })._tag;

/** The path of a context, from the root: `events[0].data.name`. */
const pathOf = (context: t.Context, length: number): string => {
  let path = '';
  for (let i = 1; i < length; i++) {
    const parent = context[i - 1];
    const entry = context[i];
    if (parent === undefined || entry === undefined) continue;
    const parentTag = tagOf(parent.type);
    if (parentTag === 'UnionType' || parentTag === 'IntersectionType') continue;
    if (Array.isArray(parent.actual)) path += `[${entry.key}]`;
    else if (IDENTIFIER.test(entry.key)) path += path === '' ? entry.key : `.${entry.key}`;
    else path += `[${JSON.stringify(entry.key)}]`;
  }
  return path;
};

const MAX_TEXT = 40;

/**
 * A value in words: `the string "ten"`, `the number 3`, `nothing (the field is missing)`.
 *
 * @example
 * import { describeValue } from './issues.js';
 * describeValue(3); // 'the number 3'
 * describeValue(undefined); // 'nothing (the field is missing)'
 */
export const describeValue = (value: unknown): string => {
  if (value === undefined) return 'nothing (the field is missing)';
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string': {
      const text = value.length > MAX_TEXT ? `${value.slice(0, MAX_TEXT)}…` : value;
      return `the string ${JSON.stringify(text)}`;
    }
    case 'number':
      return `the number ${String(value)}`;
    case 'boolean':
      return `the boolean ${String(value)}`;
    case 'bigint':
      return `the big integer ${String(value)}`;
    case 'function':
      return 'a function';
    case 'symbol':
      return 'a symbol';
    default:
      break;
  }
  if (Array.isArray(value)) return `an array of ${value.length} item${value.length === 1 ? '' : 's'}`;
  const keys = Object.keys(value);
  if (keys.length === 0) return 'an empty object';
  const shown = keys.slice(0, 5).join(', ');
  return `an object with ${keys.length > 5 ? `keys ${shown}, …` : `key${keys.length === 1 ? '' : 's'} ${shown}`}`;
};

const isLiteralFailure = (error: t.ValidationError, from: number): boolean => {
  const last = error.context[error.context.length - 1];
  if (last === undefined) return false;
  const tag = tagOf(last.type);
  if (tag !== 'LiteralType' && tag !== 'KeyofType') return false;
  // A discriminant sits at the top of the alternative, not inside an array or a nested union.
  for (let i = from + 1; i < error.context.length - 1; i++) {
    const entryTag = tagOf(error.context[i]!.type);
    if (entryTag === 'UnionType' || entryTag === 'ArrayType' || entryTag === 'ReadonlyArrayType')
      return false;
  }
  return true;
};

const firstUnion = (error: t.ValidationError, from: number): number => {
  for (let i = from; i < error.context.length - 1; i++) {
    if (tagOf(error.context[i]!.type) === 'UnionType') return i;
  }
  return -1;
};

const walk = (errors: ReadonlyArray<t.ValidationError>, from: number, out: DecodeIssue[]): void => {
  const unions = new Map<t.ContextEntry, { readonly at: number; readonly errors: t.ValidationError[] }>();
  for (const error of errors) {
    const at = firstUnion(error, from);
    if (at < 0) {
      const last = error.context[error.context.length - 1];
      out.push({
        path: pathOf(error.context, error.context.length),
        expected: last === undefined ? 'a valid value' : last.type.name,
        got: describeValue(error.value),
      });
      continue;
    }
    const entry = error.context[at]!;
    const group = unions.get(entry) ?? { at, errors: [] };
    group.errors.push(error);
    unions.set(entry, group);
  }
  for (const [entry, group] of unions) {
    const byMember = new Map<string, t.ValidationError[]>();
    for (const error of group.errors) {
      const key = error.context[group.at + 1]!.key;
      const list = byMember.get(key) ?? [];
      list.push(error);
      byMember.set(key, list);
    }
    const matching = [...byMember.values()].filter(
      (list) => !list.some((error) => isLiteralFailure(error, group.at + 1)),
    );
    if (matching.length === 1) {
      walk(matching[0]!, group.at + 1, out);
    } else {
      out.push({
        path: pathOf(group.errors[0]!.context, group.at + 1),
        expected: entry.type.name,
        got: describeValue(entry.actual),
      });
    }
  }
};

/**
 * io-ts errors as issues, one per distinct path, in the order io-ts found them.
 *
 * @example
 * import * as t from 'io-ts';
 * import { issuesOf } from './issues.js';
 * const result = t.type({ age: t.number, name: t.string }).decode({ age: 'ten' });
 * result._tag === 'Left' && issuesOf(result.left);
 * // [{ path: 'age', expected: 'number', got: 'the string "ten"' },
 * //  { path: 'name', expected: 'string', got: 'nothing (the field is missing)' }]
 */
export const issuesOf = (errors: t.Errors): ReadonlyArray<DecodeIssue> => {
  const all: DecodeIssue[] = [];
  walk(errors, 0, all);
  const seen = new Set<string>();
  return all.filter((issue) => (seen.has(issue.path) ? false : (seen.add(issue.path), true)));
};
