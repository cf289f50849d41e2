/**
 * The peak resident memory of one run of the `rapport` command line, in a process of its own: the
 * figure a person running it sees, modules and all.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MeasuredCode } from './runChild.js';

const require = createRequire(import.meta.url);

const CLI_DIR = dirname(require.resolve('@rapport/cli/package.json'));

/**
 * How Node starts the command line: its build (`pnpm bench` builds the packages first), or its
 * sources through tsx, whose paths the measuring process's `TSX_TSCONFIG_PATH` leads to the other
 * packages' sources.
 */
const CLI_START: Readonly<Record<MeasuredCode, ReadonlyArray<string>>> = {
  built: [join(CLI_DIR, 'dist', 'bin.js')],
  sources: [
    '--import',
    join(dirname(require.resolve('tsx/package.json')), 'dist', 'loader.mjs'),
    join(CLI_DIR, 'src', 'bin.ts'),
  ],
};

const PEAK_REPORTER = fileURLToPath(new URL('./peakRss.mjs', import.meta.url));

/** How a measured run ended: its exit code, its peak resident memory and what it said on standard error. */
export interface CliPeak {
  readonly code: number | null;
  readonly peakRss: number;
  readonly stderr: string;
}

/**
 * Runs `rapport <args>`, its build or its sources, and measures its peak resident memory. With
 * `slowReader`, its standard output is not read for that many milliseconds, as a pager or a slow
 * pipe would: a command that does not wait for its reader then buffers what it writes.
 */
export const runCliMeasured = (
  measured: MeasuredCode,
  args: ReadonlyArray<string>,
  cwd: string,
  slowReader = 0,
): Promise<CliPeak> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', PEAK_REPORTER, ...CLI_START[measured], ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
      env: { ...process.env, NO_COLOR: '1' },
    });
    let stderr = '';
    let report = '';
    const [, out, err, peak] = child.stdio;
    if (
      out === null ||
      err === null ||
      peak === null ||
      out === undefined ||
      err === undefined ||
      peak === undefined
    )
      throw new Error('the measured process has no pipes');
    // Standard output is read (and dropped) only after the wait.
    out.pause();
    setTimeout(() => out.resume(), slowReader);
    err.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    (peak as NodeJS.ReadableStream).on('data', (chunk: Buffer) => (report += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      try {
        const { peakRss } = JSON.parse(report) as { peakRss: number };
        resolve({ code, peakRss, stderr });
      } catch {
        reject(new Error(`rapport ${args.join(' ')} reported no peak memory (exit ${code}): ${stderr}`));
      }
    });
  });
