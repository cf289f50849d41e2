import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { Decider } from '../decider.js';
import { reject } from '../rejection.js';
import { deciderSpecification } from './deciderSpecification.js';

type Cmd = { type: 'Add'; n: number };
type Ev = { type: 'Added'; data: { n: number } };
const counter: Decider<Cmd, number, Ev> = {
  decide: (c, total) =>
    c.n <= 0
      ? E.left(reject('NOT_POSITIVE', 'n must be positive'))
      : total + c.n > 5
        ? E.left(reject('OVER_LIMIT', 'the total would pass 5'))
        : E.right([{ type: 'Added', data: { n: c.n } }]),
  evolve: (total, e) => total + e.data.n,
  initialState: 0,
};

describe('deciderSpecification', () => {
  const spec = deciderSpecification(counter);

  it('given events, when a command, then events', () => {
    spec
      .given([{ type: 'Added', data: { n: 2 } }])
      .when({ type: 'Add', n: 3 })
      .then([{ type: 'Added', data: { n: 3 } }]);
  });

  it('given events, when a command, then a rejection by code', () => {
    expect(
      spec
        .given([{ type: 'Added', data: { n: 4 } }])
        .when({ type: 'Add', n: 2 })
        .thenRejects('OVER_LIMIT').message,
    ).toBe('the total would pass 5');
  });

  it('fails when the outcome differs from the one stated', () => {
    expect(() => spec.given([]).when({ type: 'Add', n: 0 }).then([])).toThrow(/rejected/);
    expect(() => spec.given([]).when({ type: 'Add', n: 1 }).thenRejects('NOT_POSITIVE')).toThrow(/accepted/);
    expect(() =>
      spec
        .given([])
        .when({ type: 'Add', n: 1 })
        .then([{ type: 'Added', data: { n: 2 } }]),
    ).toThrow();
  });
});
