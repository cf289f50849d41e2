/** What a workload is: a name, a title, and a function that measures its figures. */
import type { Measured } from './figure.js';
import type { MeasuredCode } from './runChild.js';
import type { Sizes } from './sizes.js';

/** What a workload is given: the mode and its sizes, the PostgreSQL server if any, a scratch directory. */
export interface WorkloadContext {
  readonly quick: boolean;
  readonly sizes: Sizes;
  /** The PostgreSQL server to use, when there is one. */
  readonly postgresUrl: string | undefined;
  /** A directory for files the workload writes (SQLite databases); removed afterwards. */
  readonly scratchDir: string;
  /** Whether the packages' build or their sources are measured (the command line's too). */
  readonly code: MeasuredCode;
}

/** A workload: a name, a title for the table, and the function that measures its figures. */
export interface Workload {
  readonly name: string;
  readonly title: string;
  readonly run: (context: WorkloadContext) => Promise<ReadonlyArray<Measured>>;
}
