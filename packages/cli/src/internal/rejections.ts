/**
 * A rejection read from the domain, as the error the CLI reports: its sentence, its rule and its code.
 */
import { formatRejection, type Rejection } from '@rapport/core';
import type { Either } from 'fp-ts/lib/Either.js';
import { RejectedError } from './exitCodes.js';

/**
 * The value, or the rejection thrown as a coded error (printed as `error: <sentence> [<rule>] (<code>)`,
 * exit code 1).
 *
 * @example
 * import { left, right } from 'fp-ts/lib/Either.js';
 * import { reject } from '@rapport/core';
 * import { orFail } from './rejections.js';
 * orFail(right(3)); // 3
 * try { orFail(left(reject('NOT_MEMBER', 'ann is not a member'))); } catch (e) { (e as { code: string }).code; } // 'NOT_MEMBER'
 */
export const orFail = <A>(result: Either<Rejection, A>): A => {
  if (result._tag === 'Left') throw new RejectedError(result.left.code, formatRejection(result.left));
  return result.right;
};
