/**
 * Builds the rejections of the deciders: a stable code, the rule id, and a sentence that names the
 * command, its subject and the reason (`Rejected SetStage for contact c1: …`).
 */
import { left, type Either } from 'fp-ts/lib/Either.js';
import { reject, type Rejection } from '@rapport/core';

/** What a command is about, as a person reads it: `contact c1`, `organization acme`. */
export type Subject = string;

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
