/**
 * The progress bar of long runs (replay, import, exec), drawn with cli-progress on standard error, only
 * on a terminal and only when the run is long enough to be worth watching.
 */
import { Presets, SingleBar } from 'cli-progress';
import type { CliIo } from './io.js';

/**
 * Below this many events a run is quick and draws no bar.
 *
 * @example
 * import { PROGRESS_THRESHOLD } from './progress.js';
 * PROGRESS_THRESHOLD; // 5000
 */
export const PROGRESS_THRESHOLD = 5000;

/** A started progress report. */
export interface Progress {
  update(done: number): void;
  /** Clears the bar's line, so that a line written next does not run into it; the next update draws it again. */
  clear(): void;
  stop(): void;
}

const silent: Progress = { update: () => undefined, clear: () => undefined, stop: () => undefined };

/** Below this many bytes of input a run draws no bar (`exec`). */
const BYTES_THRESHOLD = 1_048_576;

/**
 * Starts a bar for `total` steps (events, or bytes of input from 1 MiB), or a silent report when
 * it would not help: standard error is not a terminal, or the run is short.
 *
 * @example
 * import { startProgress } from './progress.js';
 * const written: string[] = [];
 * const io = { stdout: process.stdout, stderr: { write: (text: string) => written.push(text) }, env: {}, cwd: '.' };
 * const progress = startProgress(io, 100_000, 'replay'); // not a terminal: a silent report
 * progress.update(50_000);
 * progress.stop();
 * written; // []
 */
export const startProgress = (
  io: CliIo,
  total: number,
  label: string,
  unit: 'events' | 'bytes' = 'events',
): Progress => {
  if (io.stderr.isTTY !== true || total < (unit === 'events' ? PROGRESS_THRESHOLD : BYTES_THRESHOLD))
    return silent;
  const bar = new SingleBar(
    {
      format: `${label} [{bar}] {percentage}% | {value}/{total} ${unit} | {eta_formatted} left`,
      stream: io.stderr as NodeJS.WritableStream,
      hideCursor: true,
      clearOnComplete: true,
    },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    update: (done) => bar.update(done),
    clear: () => io.stderr.write('\r\x1b[K'),
    stop: () => bar.stop(),
  };
};
