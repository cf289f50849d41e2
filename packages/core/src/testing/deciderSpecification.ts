/**
 * Given/when/then specifications of deciders: given past events, when a command is decided, then
 * these events (or this rejection). The test reads as the rule it checks (R-AUDIT-1).
 */
import * as E from 'fp-ts/lib/Either.js';
import { expect } from 'vitest';
import type { Decider } from '../decider.js';
import type { Rejection } from '../rejection.js';

/** The outcome side of a specification. */
export interface DeciderThen<Event, R> {
  /** Asserts the decision accepted the command with exactly these events. */
  then(expected: ReadonlyArray<Event>): void;
  /** Asserts the decision rejected the command with this code (and returns the rejection). */
  thenRejects(code: string): R;
  /** The decision itself, for assertions of your own. */
  readonly decision: E.Either<R, ReadonlyArray<Event>>;
}

/**
 * Starts a specification of a decider.
 *
 * @example
 * import * as E from 'fp-ts/lib/Either.js';
 * import type { Decider } from '@rapport/core';
 * import { deciderSpecification } from '@rapport/core/testing/vitest';
 * const counter: Decider<{ type: 'Add'; n: number }, number, { type: 'Added'; data: { n: number } }> = {
 *   decide: (c) =>
 *     c.n > 0 ? E.right([{ type: 'Added', data: { n: c.n } }]) : E.left({ code: 'NOT_POSITIVE', message: 'n must be positive' }),
 *   evolve: (total, e) => total + e.data.n,
 *   initialState: 0,
 * };
 * const spec = deciderSpecification(counter);
 * spec.given([{ type: 'Added', data: { n: 2 } }]).when({ type: 'Add', n: 3 }).then([{ type: 'Added', data: { n: 3 } }]);
 * spec.given([]).when({ type: 'Add', n: 0 }).thenRejects('NOT_POSITIVE').message; // 'n must be positive'
 */
export const deciderSpecification = <Command, State, Event, R extends Pick<Rejection, 'code'> = Rejection>(
  decider: Decider<Command, State, Event, R>,
) => ({
  given: (events: ReadonlyArray<Event>) => ({
    when: (command: Command): DeciderThen<Event, R> => {
      const state = events.reduce(decider.evolve, decider.initialState);
      const decision = decider.decide(command, state);
      return {
        decision,
        then: (expected) => {
          if (E.isLeft(decision)) {
            expect.fail(`expected events, but the command was rejected: ${JSON.stringify(decision.left)}`);
          }
          expect(decision).toEqual(E.right(expected));
        },
        thenRejects: (code) => {
          if (E.isRight(decision)) {
            expect.fail(
              `expected a rejection ${code}, but the command was accepted with ${JSON.stringify(decision.right)}`,
            );
          }
          expect(decision.left.code).toBe(code);
          return decision.left;
        },
      };
    },
  }),
});
