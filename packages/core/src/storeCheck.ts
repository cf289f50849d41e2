/**
 * A store's check of itself (R-AUDIT-6): what the database says it holds (its own count of rows,
 * its head) set against what a verification read, and the damage its own checks found, each
 * problem with where it is. A damaged store is never reported ok over less history than it holds.
 */

/**
 * What is wrong with a store itself, rather than with its events' chains:
 * - `integrity`: the database's own check found damage (SQLite `PRAGMA quick_check`);
 * - `unreadable`: rows or pages could not be read (the database's error says why);
 * - `count_mismatch`: the store counts more, or fewer, events than were read;
 * - `head_mismatch`: the store's head (its last position, its position counter) is not the last
 *   position read.
 */
export type StoreProblemKind = 'integrity' | 'unreadable' | 'count_mismatch' | 'head_mismatch';

/** Global positions from `from` to `to`, both included. */
export interface PositionRange {
  readonly from: number;
  readonly to: number;
}

/** One thing wrong with a store, and where. */
export interface StoreProblem {
  readonly kind: StoreProblemKind;
  /** The positions concerned, when known (none for a damaged page that holds no event). */
  readonly positions: ReadonlyArray<PositionRange>;
  /** The problem in words, with the database's own error when there is one. */
  readonly message: string;
}

/** What a store says it holds: its own count of events and its head. */
export interface StoredExtent {
  /** Events the store counts (a count of its rows, by an index where it has one). */
  readonly events: number;
  /** The store's head: its position counter, or its greatest position. */
  readonly headPosition: number;
}

/** The outcome of a store's check of itself. */
export interface StoreCheck {
  /** How the store was checked: `quick_check` or `integrity_check` (SQLite), `counts` (PostgreSQL). */
  readonly method: 'quick_check' | 'integrity_check' | 'counts';
  /** What the store says it holds, set against what was read. */
  readonly stored: StoredExtent;
  /** The empty positions up to the head, as ranges (the first 100); each one an event removed. */
  readonly gaps: ReadonlyArray<PositionRange>;
  /** Empty when the store is whole. */
  readonly problems: ReadonlyArray<StoreProblem>;
}

/** How many ranges a problem lists at most: the first ones, enough to find the damage. */
export const MAX_RANGES = 100;

/**
 * Sorted whole positions as ranges of consecutive positions, the first `limit` ranges.
 *
 * @example
 * import { positionRanges } from '@rapport/core/adapter';
 * positionRanges([3, 4, 5, 9, 11, 12]); // [{ from: 3, to: 5 }, { from: 9, to: 9 }, { from: 11, to: 12 }]
 * positionRanges([1, 2, 5], 1); // [{ from: 1, to: 2 }]
 */
export const positionRanges = (
  positions: Iterable<number>,
  limit: number = MAX_RANGES,
): ReadonlyArray<PositionRange> => {
  const ranges: PositionRange[] = [];
  let from = 0;
  let to = -1;
  for (const position of positions) {
    if (position === to + 1) {
      to = position;
      continue;
    }
    if (to >= from && to > 0) {
      ranges.push({ from, to });
      if (ranges.length === limit) return ranges;
    }
    from = position;
    to = position;
  }
  if (to >= from && to > 0 && ranges.length < limit) ranges.push({ from, to });
  return ranges;
};

/**
 * Ranges in words: `11-82`, `5`, `3-4, 9`.
 *
 * @example
 * import { describeRanges } from '@rapport/core';
 * describeRanges([{ from: 11, to: 82 }, { from: 90, to: 90 }]); // '11-82, 90'
 */
export const describeRanges = (ranges: ReadonlyArray<PositionRange>): string =>
  ranges.map((range) => (range.from === range.to ? `${range.from}` : `${range.from}-${range.to}`)).join(', ');

/**
 * The problems of a store whose own count or head disagrees with what a verification read:
 * none when they agree. `counted` says how the store counted (`its position counter`, `the index
 * sqlite_autoindex_events_1`); `missing` lists the positions the store holds that were not read,
 * when the store can tell.
 *
 * @example
 * import { extentProblems } from '@rapport/core/adapter';
 * extentProblems({ events: 82, headPosition: 82 }, { events: 82, headPosition: 82 }, 'the table'); // []
 * extentProblems({ events: 82, headPosition: 82 }, { events: 10, headPosition: 10 }, 'the index i')
 *   .map((problem) => problem.message);
 * // ['the store holds 82 events by the index i; 10 were read: 72 event(s) the store holds were not read',
 * //  "the store's head is position 82 by the index i; the last event read is at position 10"]
 */
export const extentProblems = (
  stored: StoredExtent,
  read: StoredExtent,
  counted: string,
  missing: ReadonlyArray<PositionRange> = [],
): ReadonlyArray<StoreProblem> => {
  const problems: StoreProblem[] = [];
  if (stored.events !== read.events) {
    const difference = stored.events - read.events;
    problems.push({
      kind: 'count_mismatch',
      positions: missing,
      message:
        `the store holds ${stored.events} events by ${counted}; ${read.events} were read: ` +
        (difference > 0
          ? `${difference} event(s) the store holds were not read`
          : `${-difference} more than the store counts`) +
        (missing.length > 0 ? ` (positions ${describeRanges(missing)})` : ''),
    });
  }
  if (stored.headPosition !== read.headPosition)
    problems.push({
      kind: 'head_mismatch',
      positions:
        stored.headPosition > read.headPosition
          ? [{ from: read.headPosition + 1, to: stored.headPosition }]
          : [],
      message: `the store's head is position ${stored.headPosition} by ${counted}; the last event read is at position ${read.headPosition}`,
    });
  return problems;
};
