/**
 * The benchmark suite: runs the chosen workloads one after the other, each in its own child
 * process, places every figure beside its limit and judges its target.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { resolveFigures, type Figure, type Measured } from './internal/figure.js';
import { summarizeProfileDir, type ProfileSummary } from './internal/profile.js';
import { BENCH_DIR, runInChild, type MeasuredCode } from './internal/runChild.js';
import { WORKLOADS } from './workloads/index.js';

/** How the suite runs: the mode, the workloads, progress lines and profiles. */
export interface SuiteOptions {
  readonly quick: boolean;
  /** The packages' build (run `pnpm build` first) or their sources; see `MeasuredCode`. */
  readonly code: MeasuredCode;
  /** Names of the workloads to run; default all. */
  readonly only?: ReadonlyArray<string>;
  /** Called when a workload starts and ends, for progress lines. */
  readonly onProgress?: (line: string) => void;
  /**
   * A directory for a CPU profile of each workload (`<dir>/<workload>/*.cpuprofile`); its top
   * functions are summarized in the result. Profiling slows the run: figures taken with it are
   * for reading the profile, not for comparing.
   */
  readonly profileDir?: string;
}

const PROFILE_TOP = 20;

/**
 * The code a run measured: the packages' build or their sources, the commit, and the files of
 * other packages that differed from it (each workload loads the code when its child starts, so a
 * file changed or rebuilt during the run can make two workloads measure different code).
 */
export interface CodeState {
  /** Whether the packages' build or their sources were measured. */
  readonly measured: MeasuredCode;
  readonly commit: string | null;
  readonly changedAtStart: ReadonlyArray<string>;
  readonly changedAtEnd: ReadonlyArray<string>;
}

const git = (args: ReadonlyArray<string>): string | null => {
  try {
    return execFileSync('git', args, {
      cwd: BENCH_DIR,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
  } catch {
    return null;
  }
};

/** The files under packages/ (but not the benchmark's own) that differ from the commit. */
const changedFiles = (): ReadonlyArray<string> =>
  (git(['status', '--porcelain', '--', '../', ':!../bench']) ?? '')
    .split('\n')
    .map((line) => line.slice(3).trim())
    .filter((path) => path.length > 0);

/** The machine a run was taken on, and how busy it was. */
export interface MachineInfo {
  readonly node: string;
  readonly platform: string;
  readonly cpuModel: string;
  readonly cores: number;
  readonly memoryGiB: number;
  readonly freeMemoryGiB: number;
  /** 1-, 5- and 15-minute load averages at the start and at the end of the run. */
  readonly loadAtStart: ReadonlyArray<number>;
  readonly loadAtEnd: ReadonlyArray<number>;
}

/** What a run gives: when, how long, on what machine and code, each workload's outcome and every figure. */
export interface SuiteResult {
  readonly startedAt: string;
  readonly mode: 'quick' | 'full';
  readonly seconds: number;
  readonly machine: MachineInfo;
  readonly code: CodeState;
  readonly workloads: ReadonlyArray<{
    readonly name: string;
    readonly title: string;
    readonly seconds: number;
    readonly error: string | null;
    /** The top functions of the workload's CPU profile, when one was asked for. */
    readonly profile: ProfileSummary | null;
  }>;
  readonly figures: ReadonlyArray<Figure>;
}

/**
 * Runs the suite.
 *
 * @example
 * import { runSuite } from './suite.js';
 * const result = await runSuite({ quick: true, code: 'sources', only: ['limits'] });
 * result.figures.length > 0; // true
 */
export const runSuite = async (options: SuiteOptions): Promise<SuiteResult> => {
  const startedAt = new Date();
  const loadAtStart = loadavg();
  const changedAtStart = changedFiles();
  const chosen = WORKLOADS.filter((entry) => options.only === undefined || options.only.includes(entry.name));
  const scratchDir = mkdtempSync(join(tmpdir(), 'rapport-bench-'));
  const measured: Measured[] = [];
  const workloads: SuiteResult['workloads'][number][] = [];
  try {
    for (const entry of chosen) {
      options.onProgress?.(`${entry.title} …`);
      const start = performance.now();
      const profileDir = options.profileDir === undefined ? undefined : join(options.profileDir, entry.name);
      const report = await runInChild({
        workload: entry.name,
        quick: options.quick,
        code: options.code,
        scratchDir,
        ...(profileDir === undefined ? {} : { profileDir }),
      });
      const seconds = (performance.now() - start) / 1000;
      if (report.ok) measured.push(...report.figures);
      workloads.push({
        name: entry.name,
        title: entry.title,
        seconds,
        error: report.ok ? null : report.error,
        profile:
          (profileDir === undefined ? undefined : summarizeProfileDir(profileDir, PROFILE_TOP)) ?? null,
      });
      options.onProgress?.(`${entry.title}: ${report.ok ? 'done' : 'FAILED'} in ${seconds.toFixed(1)} s`);
    }
  } finally {
    rmSync(scratchDir, { recursive: true, force: true });
  }
  const cpu = cpus();
  return {
    startedAt: startedAt.toISOString(),
    mode: options.quick ? 'quick' : 'full',
    seconds: (Date.now() - startedAt.getTime()) / 1000,
    machine: {
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      cpuModel: cpu[0]?.model ?? 'unknown',
      cores: cpu.length,
      memoryGiB: totalmem() / 2 ** 30,
      freeMemoryGiB: freemem() / 2 ** 30,
      loadAtStart,
      loadAtEnd: loadavg(),
    },
    code: {
      measured: options.code,
      commit: git(['rev-parse', '--short', 'HEAD'])?.trim() ?? null,
      changedAtStart,
      changedAtEnd: changedFiles(),
    },
    workloads,
    figures: resolveFigures(measured),
  };
};
