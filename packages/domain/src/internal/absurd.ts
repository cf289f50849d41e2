/**
 * Exhaustiveness: the compiler proves this is never reached; a value that reaches it is a bug.
 *
 * @example
 * import { absurd } from './absurd.js';
 * const sign = (n: -1 | 1): string => {
 *   switch (n) {
 *     case -1:
 *       return 'minus';
 *     case 1:
 *       return 'plus';
 *     default:
 *       return absurd(n);
 *   }
 * };
 * sign(1); // 'plus'
 */
export const absurd = (value: never): never => {
  throw new Error(`unexpected value ${JSON.stringify(value)}`);
};
