/**
 * @rapport/bench: Rapport's benchmark suite (private). `pnpm bench` runs it from the command line;
 * this file is what a script may import to run it itself.
 */
export { runSuite, type MachineInfo, type SuiteOptions, type SuiteResult } from './suite.js';
export { Figure, Measured, Target } from './internal/figure.js';
export { formatTable } from './internal/table.js';
export { WORKLOADS, type WorkloadEntry } from './workloads/index.js';
