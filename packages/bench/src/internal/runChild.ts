/**
 * Runs one workload in a child process of its own (fresh heap, `--expose-gc`) and decodes what
 * it sends back. A child that crashes or sends something malformed becomes an error figure.
 */
import { fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as E from 'fp-ts/lib/Either.js';
import { ChildReport } from './figure.js';

const HERE = dirname(fileURLToPath(import.meta.url));
/** The bench package's directory: children run there, so that `tsx` finds its tsconfig files. */
export const BENCH_DIR = join(HERE, '..', '..');
const CHILD_ENTRY = join(HERE, 'child.ts');

/**
 * Which code of Rapport's packages a workload measures: their build (`dist`, what an application
 * runs) or their sources, loaded through `tsx` (no build needed; `tsx` adds a little to some calls).
 */
export type MeasuredCode = 'built' | 'sources';

/** The tsconfig file `tsx` runs a child with: the one whose paths lead to the sources, or one without paths. */
const TSCONFIG: Readonly<Record<MeasuredCode, string>> = {
  built: 'tsconfig.built.json',
  sources: 'tsconfig.json',
};

/** Which workload a child runs, in which mode, and with what. */
export interface ChildOptions {
  readonly workload: string;
  readonly quick: boolean;
  readonly code: MeasuredCode;
  readonly scratchDir: string;
  /** Largest heap the child may use, in MiB. */
  readonly maxHeapMiB?: number;
  /** Where the child writes a V8 CPU profile (`--cpu-prof`), when one is wanted. */
  readonly profileDir?: string;
}

/**
 * The report of a workload run in a child process.
 *
 * @example
 * import { runInChild } from './runChild.js';
 * const report = await runInChild({ workload: 'limits', quick: true, code: 'sources', scratchDir: '/tmp' });
 * report.ok; // true
 */
export const runInChild = (options: ChildOptions): Promise<ChildReport> =>
  new Promise((resolve) => {
    let report: ChildReport | undefined;
    const child = fork(
      CHILD_ENTRY,
      [options.workload, options.quick ? 'quick' : 'full', options.scratchDir, options.code],
      {
        cwd: BENCH_DIR,
        execArgv: [
          '--import',
          'tsx',
          '--expose-gc',
          `--max-old-space-size=${options.maxHeapMiB ?? 8192}`,
          ...(options.profileDir === undefined ? [] : ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`]),
        ],
        env: { ...process.env, TSX_TSCONFIG_PATH: join(BENCH_DIR, TSCONFIG[options.code]) },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      },
    );
    child.on('message', (message: unknown) => {
      const decoded = ChildReport.decode(message);
      report = E.isRight(decoded)
        ? decoded.right
        : { ok: false, error: `workload ${options.workload} sent a malformed report` };
    });
    child.on('error', (error) => resolve({ ok: false, error: error.message }));
    child.on('exit', (code, signal) => {
      resolve(
        report ?? {
          ok: false,
          error: `workload ${options.workload} ended (${signal ?? `exit code ${String(code)}`}) without a report`,
        },
      );
    });
  });
