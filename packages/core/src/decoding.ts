/**
 * Decoding input from outside with io-ts, and saying in words what was wrong (R-AUDIT-1: a refused
 * input changes nothing and gets a typed reason). io-ts `Errors` become `{ path, expected, got }`
 * issues, one sentence each, never a stack trace.
 */
import * as E from 'fp-ts/lib/Either.js';
import type * as t from 'io-ts';
import { reject, type Rejection } from './rejection.js';
import { describeValue, issuesOf, type DecodeIssue } from './internal/issues.js';

export type { DecodeIssue } from './internal/issues.js';

/**
 * Turns io-ts validation errors into issues, one per distinct path. A union whose alternatives are
 * told apart by a literal field (`type: 'SetStage'`) reports the errors of the alternative that
 * matched; other failing unions are reported once, with the union's name as the expected type.
 *
 * @example
 * import * as t from 'io-ts';
 * import * as E from 'fp-ts/lib/Either.js';
 * import { decodeIssues } from '@rapport/core';
 * const result = t.type({ age: t.number }).decode({ age: 'ten' });
 * E.isLeft(result) && decodeIssues(result.left);
 * // [{ path: 'age', expected: 'number', got: 'the string "ten"' }]
 */
export const decodeIssues = (errors: t.Errors): ReadonlyArray<DecodeIssue> => issuesOf(errors);

/**
 * One issue as a sentence.
 *
 * @example
 * import { formatDecodeIssue } from '@rapport/core';
 * formatDecodeIssue({ path: 'age', expected: 'number', got: 'the string "ten"' });
 * // 'at age: expected number, got the string "ten"'
 */
export const formatDecodeIssue = (issue: DecodeIssue): string =>
  `at ${issue.path === '' ? 'the top level' : issue.path}: expected ${issue.expected}, got ${issue.got}`;

/**
 * Issues as one message: the sentences joined by semicolons.
 *
 * @example
 * import { formatDecodeIssues } from '@rapport/core';
 * formatDecodeIssues([{ path: '', expected: 'string', got: 'null' }]); // 'at the top level: expected string, got null'
 */
export const formatDecodeIssues = (issues: ReadonlyArray<DecodeIssue>): string =>
  issues.map(formatDecodeIssue).join('; ');

/**
 * Decodes `input` with `codec`; a failure becomes a `Rejection` with the given `code` (default
 * `INVALID_INPUT`), the first issue's `path`, every issue in words as the `message`, and the issues
 * themselves in `details.issues`.
 *
 * @example
 * import * as t from 'io-ts';
 * import { left } from 'fp-ts/lib/Either.js';
 * import { decodeOrReject } from '@rapport/core';
 * const r = decodeOrReject(t.type({ name: t.string }), { name: 3 }, 'COMMAND_INVALID');
 * // left({ code: 'COMMAND_INVALID', path: 'name', message: 'at name: expected string, got the number 3', … })
 */
export const decodeOrReject = <A>(
  codec: t.Decoder<unknown, A>,
  input: unknown,
  code = 'INVALID_INPUT',
): E.Either<Rejection, A> => {
  const result = codec.decode(input);
  if (E.isRight(result)) return result;
  const issues = decodeIssues(result.left);
  const first = issues[0] ?? { path: '', expected: codec.name, got: describeValue(input) };
  return E.left(
    reject(code, formatDecodeIssues(issues.length > 0 ? issues : [first]), {
      path: first.path,
      details: { issues: issues.length > 0 ? issues : [first] },
    }),
  );
};
