/**
 * How big each workload is in a full run and in a quick (smoke) run. A full run takes a few minutes
 * on a 2-core machine; a quick run takes seconds and only checks that every figure can be taken.
 */
import type { Repeats } from './measure.js';

export interface Sizes {
  /** Warm-up and timed runs of each figure. */
  readonly repeats: Repeats;
  /** Iterations of each machine-limit loop. */
  readonly limitOperations: number;
  /** Events appended one by one in a run (in memory). */
  readonly singleAppends: number;
  /** Events appended in batches of 100 in a run (in memory). */
  readonly batchedAppends: number;
  /** Events appended one by one in a run (durable SQLite: one commit, one sync each). */
  readonly sqliteSingleAppends: number;
  /** Events appended in batches of 100 in a run (SQLite). */
  readonly sqliteBatchedAppends: number;
  /** Events appended in a run to PostgreSQL, per writer count. */
  readonly postgresAppends: number;
  /** Streams the appended events are spread over. */
  readonly streams: number;
  /** Events in the store that verification walks. */
  readonly verifyEvents: number;
  /** Events stored to measure bytes per event. */
  readonly memoryEvents: number;
  /** Streams and events per stream of the peer comparison. */
  readonly peerStreams: number;
  readonly peerEventsPerStream: number;
}

export const FULL: Sizes = {
  repeats: { warmup: 1, runs: 5 },
  limitOperations: 200_000,
  singleAppends: 100_000,
  batchedAppends: 200_000,
  sqliteSingleAppends: 2_000,
  sqliteBatchedAppends: 100_000,
  postgresAppends: 20_000,
  streams: 10_000,
  verifyEvents: 500_000,
  memoryEvents: 200_000,
  peerStreams: 2_000,
  peerEventsPerStream: 20,
};

export const QUICK: Sizes = {
  repeats: { warmup: 1, runs: 3 },
  limitOperations: 5_000,
  singleAppends: 2_000,
  batchedAppends: 5_000,
  sqliteSingleAppends: 100,
  sqliteBatchedAppends: 2_000,
  postgresAppends: 400,
  streams: 200,
  verifyEvents: 5_000,
  memoryEvents: 5_000,
  peerStreams: 100,
  peerEventsPerStream: 10,
};

/** The sizes of a mode. */
export const sizesOf = (quick: boolean): Sizes => (quick ? QUICK : FULL);
