/**
 * How big each workload is in a full run and in a quick (smoke) run. A full run takes a few minutes
 * on a 2-core machine; a quick run takes seconds and only checks that every figure can be taken.
 */
import type { Repeats } from './measure.js';

/** The sizes of every workload in one mode. */
export interface Sizes {
  /** Warm-up and timed runs of each figure. */
  readonly repeats: Repeats;
  /** Warm-up and timed runs of the slow figures (durable stores, replays). */
  readonly slowRepeats: Repeats;
  /** Iterations of each machine-limit loop. */
  readonly limitOperations: number;
  /** Commands given to the facade in a run of the pipeline. */
  readonly pipelineCommands: number;
  /** Events appended one by one in a run (in memory). */
  readonly singleAppends: number;
  /** Events appended in batches of 100 in a run (in memory). */
  readonly batchedAppends: number;
  /** Events appended one by one in a run (durable SQLite: one commit, one sync each). */
  readonly sqliteSingleAppends: number;
  /** Events appended in batches of 100 in a run (SQLite). */
  readonly sqliteBatchedAppends: number;
  /** Events appended one by one in a run to PostgreSQL, all writers together. */
  readonly postgresSingleAppends: number;
  /** Events appended in batches of 100 in a run to PostgreSQL, all writers together. */
  readonly postgresBatchedAppends: number;
  /** Streams the appended events are spread over. */
  readonly streams: number;
  /** Events (at least) in the history that the replays rebuild projections from. */
  readonly replayEvents: number;
  /** Events (at least) in the history the command line's replay, timeline and export read. */
  readonly cliEvents: number;
  /** Contacts of the one-organization history that is copied to make the replay history. */
  readonly templateContacts: number;
  /** The two organization sizes, in contacts, whose audience upkeep is compared. */
  readonly audienceContacts: readonly [number, number];
  /** Events in the store that verification walks. */
  readonly verifyEvents: number;
  /** Events stored to measure bytes per event. */
  readonly memoryEvents: number;
  /** Streams and events per stream of the peer comparison. */
  readonly peerStreams: number;
  readonly peerEventsPerStream: number;
}

/** The sizes of `pnpm bench`: about five minutes on a 2-core machine. */
export const FULL: Sizes = {
  repeats: { warmup: 1, runs: 5 },
  slowRepeats: { warmup: 1, runs: 3 },
  limitOperations: 100_000,
  pipelineCommands: 24_000,
  singleAppends: 50_000,
  batchedAppends: 50_000,
  sqliteSingleAppends: 1_000,
  sqliteBatchedAppends: 30_000,
  postgresSingleAppends: 400,
  postgresBatchedAppends: 8_000,
  streams: 10_000,
  replayEvents: 1_000_000,
  cliEvents: 400_000,
  templateContacts: 1000,
  audienceContacts: [10_000, 100_000],
  verifyEvents: 200_000,
  memoryEvents: 100_000,
  peerStreams: 2_000,
  peerEventsPerStream: 10,
};

/** The sizes of `pnpm bench --quick`: seconds, for CI. */
export const QUICK: Sizes = {
  repeats: { warmup: 1, runs: 3 },
  slowRepeats: { warmup: 1, runs: 3 },
  limitOperations: 5_000,
  pipelineCommands: 600,
  singleAppends: 2_000,
  batchedAppends: 5_000,
  sqliteSingleAppends: 50,
  sqliteBatchedAppends: 2_000,
  postgresSingleAppends: 40,
  postgresBatchedAppends: 800,
  streams: 200,
  replayEvents: 1_500,
  cliEvents: 1_500,
  templateContacts: 100,
  audienceContacts: [200, 2_000],
  verifyEvents: 5_000,
  memoryEvents: 5_000,
  peerStreams: 100,
  peerEventsPerStream: 10,
};

/** The sizes of a mode. */
export const sizesOf = (quick: boolean): Sizes => (quick ? QUICK : FULL);
