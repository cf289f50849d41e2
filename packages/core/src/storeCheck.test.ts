import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  describeRanges,
  extentProblems,
  MAX_RANGES,
  positionRanges,
  type PositionRange,
} from './storeCheck.js';

/** The runs of consecutive numbers of a sorted list, written out one by one. */
const runsOf = (positions: ReadonlyArray<number>): PositionRange[] => {
  const runs: PositionRange[] = [];
  for (const position of positions) {
    const last = runs[runs.length - 1];
    if (last !== undefined && last.to + 1 === position)
      runs[runs.length - 1] = { from: last.from, to: position };
    else runs.push({ from: position, to: position });
  }
  return runs;
};

describe('positionRanges', () => {
  it('R-AUDIT-6: sorted positions become their runs of consecutive positions, the first `limit` of them', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 1, max: 60 }), { maxLength: 40 }),
        fc.integer({ min: 1, max: 8 }),
        (unsorted, limit) => {
          const positions = [...unsorted].sort((a, b) => a - b);
          expect(positionRanges(positions, limit)).toEqual(runsOf(positions).slice(0, limit));
          expect(positionRanges(new Set(positions))).toEqual(runsOf(positions).slice(0, MAX_RANGES));
        },
      ),
    );
  });

  it('R-AUDIT-6: lists at most 100 ranges by default', () => {
    const everyOther = Array.from({ length: 250 }, (_, i) => 2 * i + 1);
    const ranges = positionRanges(everyOther);
    expect(ranges).toHaveLength(100);
    expect(ranges[99]).toEqual({ from: 199, to: 199 });
    expect(positionRanges([])).toEqual([]);
  });
});

describe('describeRanges', () => {
  it('writes a range of one position as that position, others as from-to, separated by commas', () => {
    expect(describeRanges([])).toBe('');
    expect(
      describeRanges([
        { from: 3, to: 4 },
        { from: 9, to: 9 },
        { from: 11, to: 82 },
      ]),
    ).toBe('3-4, 9, 11-82');
  });
});

describe('extentProblems', () => {
  const whole = { events: 10, headPosition: 12 };

  it('R-AUDIT-6: a store that holds what was read has no problem', () => {
    expect(extentProblems(whole, { ...whole }, 'the table')).toEqual([]);
  });

  it('R-AUDIT-6: more events counted than read is a count mismatch with the positions not read, when known', () => {
    expect(
      extentProblems(whole, { events: 8, headPosition: 12 }, 'the index i', [{ from: 5, to: 6 }]),
    ).toEqual([
      {
        kind: 'count_mismatch',
        positions: [{ from: 5, to: 6 }],
        message:
          'the store holds 10 events by the index i; 8 were read: 2 event(s) the store holds were not read (positions 5-6)',
      },
    ]);
    expect(extentProblems(whole, { events: 12, headPosition: 12 }, 'its position counter')).toEqual([
      {
        kind: 'count_mismatch',
        positions: [],
        message:
          'the store holds 10 events by its position counter; 12 were read: 2 more than the store counts',
      },
    ]);
  });

  it('R-AUDIT-6: a head past the last event read is a head mismatch naming the positions after it; one before it names none', () => {
    expect(extentProblems(whole, { events: 10, headPosition: 9 }, 'the table')).toEqual([
      {
        kind: 'head_mismatch',
        positions: [{ from: 10, to: 12 }],
        message: "the store's head is position 12 by the table; the last event read is at position 9",
      },
    ]);
    expect(extentProblems(whole, { events: 10, headPosition: 15 }, 'the table')).toEqual([
      expect.objectContaining({ kind: 'head_mismatch', positions: [] }),
    ]);
  });
});
