/**
 * Turns io-ts decoding errors into a path a person can follow (`item.value`) and a sentence,
 * never a stack trace. Intersection and union members add no segment to the path.
 */
import * as t from 'io-ts';

export interface DecodeProblem {
  readonly path: string;
  readonly message: string;
}

const describe = (value: unknown): string => {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
};

export const firstProblem = (errors: t.Errors): DecodeProblem => {
  const error = errors[0];
  if (error === undefined) return { path: '', message: 'the value is invalid' };
  const keys: string[] = [];
  error.context.forEach((entry, index) => {
    if (index === 0) return;
    const parent = error.context[index - 1]?.type;
    if (parent instanceof t.IntersectionType || parent instanceof t.UnionType) return;
    keys.push(entry.key);
  });
  const path = keys.join('.');
  const expected = error.context[error.context.length - 1]?.type.name ?? 'a valid value';
  const where = path === '' ? 'the input' : `"${path}"`;
  return {
    path,
    message: error.message ?? `${where} expected ${expected}, got ${describe(error.value)}`,
  };
};
