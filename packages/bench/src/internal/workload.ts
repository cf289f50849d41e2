/** What a workload is: a name, a title, and a function that measures its figures. */
import type { Measured } from './figure.js';
import type { Sizes } from './sizes.js';

export interface WorkloadContext {
  readonly quick: boolean;
  readonly sizes: Sizes;
  /** The PostgreSQL server to use, when there is one. */
  readonly postgresUrl: string | undefined;
  /** A directory for files the workload writes (SQLite databases); removed afterwards. */
  readonly scratchDir: string;
}

export interface Workload {
  readonly name: string;
  readonly title: string;
  readonly run: (context: WorkloadContext) => Promise<ReadonlyArray<Measured>>;
}
