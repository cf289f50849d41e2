/**
 * Rejections: why a command was refused, as data. A rejection has a stable `code` for programs and
 * audit tools, a `message` a person can act on, and optionally the input `path` and the SPEC `rule`.
 */
import * as t from 'io-ts';

/**
 * The codec of a rejection, so that rejections can cross process boundaries (CLI `--json`, HTTP).
 *
 * @example
 * import { Rejection } from '@rapport/core';
 * Rejection.is({ code: 'STAGE_PERSONAL_SEGMENT', message: 'no stage on a personal contact' }); // true
 */
export const Rejection = t.intersection([
  t.type({ code: t.string, message: t.string }),
  t.partial({ path: t.string, rule: t.string, details: t.unknown }),
]);
export type Rejection = t.TypeOf<typeof Rejection>;

/**
 * Builds a rejection; `rule` names the SPEC rule that refused the command, if any.
 *
 * @example
 * import { reject } from '@rapport/core';
 * const r = reject('STAGE_PERSONAL_SEGMENT', 'stage "lead" is not available for a personal segment (family)', { rule: 'R-STAGE-5' });
 * r.code; // 'STAGE_PERSONAL_SEGMENT'
 */
export const reject = (
  code: string,
  message: string,
  extra: { readonly path?: string; readonly rule?: string; readonly details?: unknown } = {},
): Rejection => ({ code, message, ...extra });

/**
 * Renders a rejection as one sentence: the message, then the rule id in brackets.
 *
 * @example
 * import { reject, formatRejection } from '@rapport/core';
 * formatRejection(reject('X', 'no', { rule: 'R-X-1' })); // 'no [R-X-1]'
 */
export const formatRejection = (rejection: Rejection): string =>
  rejection.rule === undefined ? rejection.message : `${rejection.message} [${rejection.rule}]`;
