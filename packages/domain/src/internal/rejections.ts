/**
 * Builds the rejections of the deciders: a stable code, the rule id, and a sentence that names the
 * command, its subject and the reason (`Rejected SetStage for contact c1: …`).
 */
import { left, type Either } from 'fp-ts/lib/Either.js';
import { reject, type Rejection } from '@rapport/core';

/** What a command is about, as a person reads it: `contact c1`, `organization acme`. */
export type Subject = string;

/**
 * A rejection of a command, as the deciders return it: the code, the rule when there is one, and
 * a sentence naming the command, its subject and the reason.
 *
 * @example
 * import { left } from 'fp-ts/lib/Either.js';
 * import { refuse } from './rejections.js';
 * refuse('SetStage', 'contact c1', 'STAGE_UNKNOWN', 'stage "won" does not exist', 'R-STAGE-1');
 * // left({ code: 'STAGE_UNKNOWN', rule: 'R-STAGE-1',
 * //        message: 'Rejected SetStage for contact c1: stage "won" does not exist', … })
 */
export const refuse = (
  commandType: string,
  subject: Subject,
  code: string,
  reason: string,
  rule?: string,
  details?: unknown,
): Either<Rejection, never> =>
  left(
    reject(code, `Rejected ${commandType} for ${subject}: ${reason}`, {
      ...(rule === undefined ? {} : { rule }),
      ...(details === undefined ? {} : { details }),
    }),
  );
