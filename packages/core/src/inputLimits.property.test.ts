import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { limitInput, type InputLimits } from './inputLimits.js';

/** How deep a JSON value nests, by its text: the most brackets open at once. */
const depthOfText = (text: string): number => {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') deepest = Math.max(deepest, ++depth);
    else if (c === '}' || c === ']') depth--;
  }
  return deepest;
};

/** The longest string or key in a JSON value, by its parse. */
const longestString = (value: unknown): number => {
  if (typeof value === 'string') return value.length;
  if (Array.isArray(value)) return Math.max(0, ...value.map(longestString));
  if (typeof value === 'object' && value !== null)
    return Math.max(
      0,
      ...Object.entries(value).map(([key, field]) => Math.max(key.length, longestString(field))),
    );
  return 0;
};

/** A JSON value, and limits drawn around what it holds, so that each limit is often just met or just missed. */
const valueAndLimits = fc.jsonValue({ maxDepth: 5 }).chain((value) => {
  const text = JSON.stringify(value);
  const around = (n: number, floor: number) => fc.integer({ min: Math.max(floor, n - 2), max: n + 2 });
  return fc.tuple(
    fc.constant(value),
    fc.record({
      maxDepth: around(depthOfText(text), 0),
      maxStringLength: around(longestString(value), 0),
      maxBytes: around(new TextEncoder().encode(text).length, 1),
    }),
  );
});

describe('limitInput, property', () => {
  it('R-AUDIT-1: JSON data is accepted exactly when its text nests, holds strings and takes bytes within the limits, and the copy is its JSON round trip', () => {
    fc.assert(
      fc.property(valueAndLimits, ([value, given]: [unknown, InputLimits]) => {
        const text = JSON.stringify(value);
        const within =
          depthOfText(text) <= given.maxDepth &&
          longestString(JSON.parse(text)) <= given.maxStringLength &&
          new TextEncoder().encode(text).length <= given.maxBytes;
        const result = limitInput(value, given);
        expect(E.isRight(result)).toBe(within);
        if (E.isRight(result)) {
          expect(JSON.stringify(result.right)).toBe(text);
          expect(result.right).toStrictEqual(JSON.parse(text));
        } else expect(['INPUT_TOO_DEEP', 'STRING_TOO_LONG', 'INPUT_TOO_LARGE']).toContain(result.left.code);
      }),
      { numRuns: 500 },
    );
  });
});
