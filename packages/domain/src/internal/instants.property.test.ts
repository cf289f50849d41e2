import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { laterThan } from './instants.js';

const date = fc.date({
  min: new Date('1970-01-01T00:00:00.000Z'),
  max: new Date('9999-12-31T23:59:59.000Z'),
  noInvalidDate: true,
});

/**
 * A recorded time as the envelope allows it: to the second (0 digits), or with 1 to 9 digits of
 * fraction, the first three the milliseconds of `at`, the others from `more`.
 */
const format = (at: Date, digits: number, more: string): string => {
  const seconds = at.toISOString().slice(0, 19);
  const fraction = `${at.toISOString().slice(20, 23)}${more}`.slice(0, digits);
  return digits === 0 ? `${seconds}Z` : `${seconds}.${fraction}Z`;
};

const instant = fc
  .tuple(date, fc.nat(9), fc.stringMatching(/^\d{6}$/))
  .map(([at, digits, more]) => format(at, digits, more));

describe('recorded times', () => {
  it('R-AUDIT-3: laterThan orders any two recorded times as parsing them does', () => {
    fc.assert(
      fc.property(instant, instant, (a, b) => {
        expect(laterThan(a, b)).toBe(Date.parse(a) > Date.parse(b));
      }),
      { numRuns: 2000 },
    );
  });

  it('R-AUDIT-3: laterThan orders close recorded times of one length as parsing them does, ties included', () => {
    fc.assert(
      fc.property(
        date,
        fc.integer({ min: -3, max: 3 }),
        fc.nat(9),
        fc.stringMatching(/^\d{6}$/),
        fc.stringMatching(/^\d{6}$/),
        (at, delta, digits, moreA, moreB) => {
          const a = format(at, digits, moreA);
          const b = format(new Date(at.getTime() + delta), digits, moreB);
          expect(laterThan(a, b)).toBe(Date.parse(a) > Date.parse(b));
          expect(laterThan(b, a)).toBe(Date.parse(b) > Date.parse(a));
        },
      ),
      { numRuns: 2000 },
    );
  });
});
