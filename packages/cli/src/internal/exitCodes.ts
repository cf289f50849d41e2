/**
 * The exit codes of `rapport`, by class of failure, and the class of each error a command throws:
 * 0 success, 1 rejected input, 2 usage, 3 a store or integrity failure, 4 an internal error.
 * docs/cli.md holds the table; `exitCodes.test.ts` runs the CLI for each class.
 */
import { CommanderError } from 'commander';
import { RapportError } from '@rapport/core';

/**
 * The exit codes.
 *
 * @example
 * import { EXIT } from './exitCodes.js';
 * EXIT; // { ok: 0, rejected: 1, usage: 2, store: 3, internal: 4 }
 */
export const EXIT = Object.freeze({
  /** Everything asked was done and found in order. */
  ok: 0,
  /** Input was refused: a command rejected, a line that does not decode, a bad file, a contact or organization that does not exist. */
  rejected: 1,
  /** The command line itself is wrong: an unknown command or option, a missing argument, an argument out of range. */
  usage: 2,
  /** The store cannot be opened or read, or its history does not hold together. */
  store: 3,
  /** A fault of rapport itself (a bug): please report it. */
  internal: 4,
});

/** A wrong command line found after parsing: a flag whose value names nothing, arguments that contradict. */
export class UsageError extends RapportError {}

/** Input refused: a rejection from the domain, or a value the command cannot use. */
export class RejectedError extends RapportError {}

/** The codes the CLI throws that mean the command line must change. */
const USAGE_CODES: ReadonlySet<string> = new Set([
  'USER_REQUIRED',
  'ORGANIZATION_REQUIRED',
  'CONTACT_AMBIGUOUS',
  'FILE_NOT_FOUND',
]);

/** The codes that mean the input named or held something the store does not have, or is malformed. */
const REJECTED_CODES: ReadonlySet<string> = new Set([
  'ORGANIZATION_NOT_FOUND',
  'CONTACT_NOT_FOUND',
  'ANCHOR_INVALID',
  // A history to import that does not continue, or contradicts, the store's: the file is at fault.
  'IMPORT_CHAIN_BROKEN',
  'IMPORT_CONFLICT',
]);

/**
 * The exit code for an error a command threw: the parser's errors and `UsageError` are usage,
 * `RejectedError` and input codes are rejected input, other coded errors come from the store,
 * anything else is internal.
 *
 * @example
 * import { RapportError } from '@rapport/core';
 * import { exitCodeOf, RejectedError, UsageError } from './exitCodes.js';
 * exitCodeOf(new RejectedError('NOT_A_MEMBER', 'zed is not a member')); // 1
 * exitCodeOf(new UsageError('FIELD_UNKNOWN', 'no such field')); // 2
 * exitCodeOf(new RapportError('STORE_BUSY', 'the database is locked')); // 3
 * exitCodeOf(new TypeError('x is undefined')); // 4
 */
export const exitCodeOf = (error: unknown): number => {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  if (error instanceof UsageError) return EXIT.usage;
  if (error instanceof RejectedError) return EXIT.rejected;
  if (error instanceof RapportError)
    return USAGE_CODES.has(error.code)
      ? EXIT.usage
      : REJECTED_CODES.has(error.code)
        ? EXIT.rejected
        : EXIT.store;
  return EXIT.internal;
};

/**
 * An error as JSON for `--json`: its code, its sentence and its class's exit code.
 *
 * @example
 * import { RapportError } from '@rapport/core';
 * import { errorJson } from './exitCodes.js';
 * errorJson(new RapportError('STORE_BUSY', 'the database is locked'));
 * // { error: { code: 'STORE_BUSY', message: 'the database is locked', exitCode: 3 } }
 */
export const errorJson = (
  error: unknown,
): { readonly error: { readonly code: string; readonly message: string; readonly exitCode: number } } => ({
  error: {
    code:
      error instanceof RapportError
        ? error.code
        : error instanceof CommanderError
          ? error.code
              .replace(/^commander\./, '')
              .replace(/([a-z])([A-Z])/g, '$1_$2')
              .toUpperCase()
          : 'INTERNAL_ERROR',
    message: error instanceof Error ? error.message.replace(/^error: /, '') : String(error),
    exitCode: exitCodeOf(error),
  },
});
