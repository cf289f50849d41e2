/**
 * How every figure is taken: warm-up runs that are thrown away, then several timed runs, and the
 * median of those. Setup and teardown of a run are not timed.
 */

/** A median and the samples it was taken from. */
export interface Measurement {
  readonly median: number;
  readonly samples: ReadonlyArray<number>;
}

/** How many runs to throw away and how many to keep. */
export interface Repeats {
  readonly warmup: number;
  readonly runs: number;
}

/** A rate to measure: how to prepare a run, the timed part, and how to clean up. */
export interface RateBench<S> extends Repeats {
  /** Prepares one run (not timed). */
  readonly setup: () => S | Promise<S>;
  /** The timed part; returns how many operations it did. */
  readonly run: (state: S) => number | Promise<number>;
  /** Releases what `setup` made (not timed). */
  readonly teardown?: (state: S) => void | Promise<void>;
}

/**
 * The median of numbers.
 *
 * @example
 * import { median } from './measure.js';
 * median([3, 1, 2]); // 2
 * median([4, 1, 2, 3]); // 2.5
 */
export const median = (values: ReadonlyArray<number>): number => {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/**
 * Operations per second: the median over `runs` timed runs after `warmup` runs.
 *
 * @example
 * import { measureRate } from './measure.js';
 * const m = await measureRate({ warmup: 1, runs: 3, setup: () => 1000, run: (n) => { for (let i = 0; i < n; i++); return n; } });
 * m.samples.length; // 3
 */
export const measureRate = async <S>(bench: RateBench<S>): Promise<Measurement> => {
  const samples: number[] = [];
  for (let i = 0; i < bench.warmup + bench.runs; i++) {
    const state = await bench.setup();
    const start = process.hrtime.bigint();
    const operations = await bench.run(state);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    await bench.teardown?.(state);
    if (i >= bench.warmup) samples.push(operations / seconds);
  }
  return { median: median(samples), samples };
};

/**
 * A measurement of values that are not rates (bytes, ratios): the median of `take` over the runs.
 *
 * @example
 * import { measureValue } from './measure.js';
 * (await measureValue({ warmup: 0, runs: 3 }, () => 7)).median; // 7
 */
export const measureValue = async (
  repeats: Repeats,
  take: (run: number) => number | Promise<number>,
): Promise<Measurement> => {
  const samples: number[] = [];
  for (let i = 0; i < repeats.warmup + repeats.runs; i++) {
    const value = await take(i);
    if (i >= repeats.warmup) samples.push(value);
  }
  return { median: median(samples), samples };
};

/** Runs a full garbage collection when the process was started with `--expose-gc`. */
export const collectGarbage = (): void => {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc !== undefined) {
    gc();
    gc();
  }
};
