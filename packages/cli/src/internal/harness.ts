/**
 * Running the CLI in tests: in this process against captured streams and a temporary working
 * directory, or as a real process through tsx, to see its exit code and its output as a user would.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../program.js';

/** What a run printed and its exit code. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * A fresh temporary directory.
 *
 * @example
 * import { existsSync, rmSync } from 'node:fs';
 * import { tempDir } from './harness.js';
 * const dir = tempDir();
 * existsSync(dir); // true
 * rmSync(dir, { recursive: true });
 */
export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'rapport-cli-'));

/**
 * Runs the CLI in this process, in `cwd`, with no terminal, or with one `columns` wide (its output
 * still plain, NO_COLOR being set).
 *
 * @example
 * import { rmSync } from 'node:fs';
 * import { runInProcess, tempDir } from './harness.js';
 * const dir = tempDir();
 * const run = await runInProcess(['--version'], dir);
 * [run.code, run.stdout]; // [0, '0.1.0\n']
 * rmSync(dir, { recursive: true });
 */
export const runInProcess = async (
  args: ReadonlyArray<string>,
  cwd: string,
  terminal?: { readonly columns: number },
): Promise<CliRun> => {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: {
      write: (chunk: string) => (stdout += chunk),
      ...(terminal === undefined ? {} : { isTTY: true, columns: terminal.columns }),
    },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    env: terminal === undefined ? {} : { NO_COLOR: '1' },
    cwd,
  });
  return { code, stdout, stderr };
};

const here = fileURLToPath(new URL('.', import.meta.url));
const root = resolve(here, '../../../..');

/**
 * Runs `rapport` as a process through tsx, from the sources.
 *
 * @example
 * // (not run: it starts Node with tsx, several seconds; the CLI's process tests run it)
 * import { rmSync } from 'node:fs';
 * import { runProcess, tempDir } from './harness.js';
 * const dir = tempDir();
 * const run = await runProcess(['--version'], dir);
 * [run.code, run.stdout]; // [0, '0.1.0\n']
 * rmSync(dir, { recursive: true });
 */
export const runProcess = (args: ReadonlyArray<string>, cwd: string): Promise<CliRun> =>
  new Promise((done) => {
    execFile(
      process.execPath,
      [
        join(root, 'node_modules/tsx/dist/cli.mjs'),
        '--tsconfig',
        join(root, 'packages/cli/tsconfig.json'),
        join(root, 'packages/cli/src/bin.ts'),
        ...args,
      ],
      { cwd, env: { ...process.env, NO_COLOR: '1', COLUMNS: '' } },
      (error, stdout, stderr) =>
        done({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, stdout, stderr }),
    );
  });

/**
 * A fresh temporary directory whose ./rapport.db holds the demo's Harbor Realty.
 *
 * @example
 * import { existsSync, rmSync } from 'node:fs';
 * import { join } from 'node:path';
 * import { demoStore } from './harness.js';
 * const dir = await demoStore();
 * existsSync(join(dir, 'rapport.db')); // true
 * rmSync(dir, { recursive: true });
 */
export const demoStore = async (): Promise<string> => {
  const dir = tempDir();
  const run = await runInProcess(['demo', '--json'], dir);
  if (run.code !== 0) throw new Error(`rapport demo failed: ${run.stderr}`);
  return dir;
};

/** An exported event, as far as tests look at it. */
export interface ExportedEvent {
  readonly globalPosition: number;
  readonly type: string;
  readonly actor: string;
  readonly data: Record<string, unknown>;
}

/**
 * The position of the last event of the store in `dir` that `matches`: tests name a point of the
 * demo's history by what happened there, not by a number that moves when the demo grows.
 *
 * @example
 * import { rmSync } from 'node:fs';
 * import { demoStore, positionWhere } from './harness.js';
 * const dir = await demoStore();
 * await positionWhere(dir, (event) => event.type === 'OrganizationCreated'); // 1
 * rmSync(dir, { recursive: true, force: true });
 */
export const positionWhere = async (
  dir: string,
  matches: (event: ExportedEvent) => boolean,
): Promise<number> => {
  const run = await runInProcess(['export'], dir);
  if (run.code !== 0) throw new Error(`rapport export failed: ${run.stderr}`);
  const events = run.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as ExportedEvent);
  const found = events.filter(matches).at(-1);
  if (found === undefined) throw new Error('no event of the store matches');
  return found.globalPosition;
};
