/**
 * Verification of a store's history (R-AUDIT-5): walks every event in global order and checks
 * each stream's hash chain. Altering a stored event breaks its hash; removing or reordering events
 * breaks the versions or the previous-hash links. Chains of different streams are independent.
 */
import { availableParallelism } from 'node:os';
import type { RecordedEvent } from './envelope.js';
import type { EventStore } from './eventStore.js';
import { hashEvent } from './hashChain.js';
import { createChainChecker, missingUpTo } from './internal/chainChecker.js';
import { storedFormOf } from './internal/storedForm.js';
import type { StoreCheck } from './storeCheck.js';
import type { VerificationReport } from './verificationReport.js';

export type { ChainBreak, ChainBreakKind, VerificationReport } from './verificationReport.js';

/** How `verifyStore` reads the store. */
export interface VerifyOptions {
  /** Events per `readAll` batch; default the store's. */
  readonly batchSize?: number;
}

/**
 * Checks a history event by event, in the order it is read, as `verifyStore` does: for a reader
 * of its own, such as a worker thread that reads one partition of a database's streams.
 */
export interface ChainVerifier {
  /** Checks the next event read. */
  check(event: RecordedEvent): void;
  /** The report on every event checked so far. */
  report(): VerificationReport;
}

/**
 * A fresh `ChainVerifier`. Fed every event of a store in global order, its report is
 * `verifyStore`'s; fed the events of some streams only, it is the report on those streams.
 *
 * @example
 * import { createChainVerifier } from '@rapport/core/adapter';
 * const verifier = createChainVerifier();
 * verifier.report().streams; // 0
 */
export const createChainVerifier = (): ChainVerifier => {
  const checker = createChainChecker<RecordedEvent>({ hashOf: hashEvent, unhashed: ignore });
  return {
    check: (event) => {
      checker.check(
        event.streamId,
        event.streamVersion,
        event.globalPosition,
        event.previousHash,
        event.hash,
        event,
      );
    },
    report: checker.report,
  };
};

/** A recorded event whose hash is not computed needs nothing more. */
const ignore = (): void => undefined;

/**
 * Verifies every stream's hash chain, reading the store from the beginning. An upcasting reader
 * (`withUpcasting`) is verified through the store it wraps: verification always sees the stored
 * form. The last event of a stream removed leaves no trace in the chain itself.
 *
 * @example
 * import { InMemoryEventStore, verifyStore } from '@rapport/core';
 * const report = await verifyStore(new InMemoryEventStore());
 * report.ok; // true
 */
export const verifyStore = async (
  store: Pick<EventStore, 'readAll'>,
  options: VerifyOptions = {},
): Promise<VerificationReport> => {
  const verifier = createChainVerifier();
  const source = storedFormOf(store);
  for await (const batch of source.readAll(
    options.batchSize === undefined ? {} : { batchSize: options.batchSize },
  ))
    for (let i = 0; i < batch.length; i++) verifier.check(batch[i]!);
  return verifier.report();
};

/**
 * One report from the reports on partitions of a store's streams (no stream in two of them), each
 * read in global order: the totals added up, the greatest head, the positions up to it that no
 * partition holds (a partition's own count means nothing alone), and the breaks in the order of
 * their global positions, which is the order a single reader in global order finds them. For a
 * store read in increasing global positions (every store of Rapport), it is the report
 * `verifyStore` gives on the whole store.
 *
 * @example
 * import { mergeVerificationReports } from '@rapport/core/adapter';
 * const part = { ok: false, events: 2, streams: 1, headPosition: 5, missingPositions: 3, breaks: [] };
 * const merged = mergeVerificationReports([part, { ...part, headPosition: 4 }]);
 * merged.events; // 4
 * merged.missingPositions; // 1
 * merged.ok; // false
 */
export const mergeVerificationReports = (reports: ReadonlyArray<VerificationReport>): VerificationReport => {
  const breaks = reports
    .flatMap((report) => report.breaks)
    .sort((a, b) => a.globalPosition - b.globalPosition);
  let events = 0;
  let streams = 0;
  let head = 0;
  for (const report of reports) {
    events += report.events;
    streams += report.streams;
    head = Math.max(head, report.headPosition);
  }
  const missingPositions = missingUpTo(head, events);
  return {
    ok: breaks.length === 0 && missingPositions === 0,
    events,
    streams,
    headPosition: head,
    missingPositions,
    breaks,
  };
};

/**
 * A report on a store's events with the store's check of itself added: not ok when the check found
 * a problem, whatever the chains say.
 *
 * @example
 * import { withStoreCheck } from '@rapport/core/adapter';
 * const chains = { ok: true, events: 10, streams: 1, headPosition: 10, missingPositions: 0, breaks: [] };
 * const problem = { kind: 'count_mismatch' as const, positions: [], message: '82 stored, 10 read' };
 * const report = withStoreCheck(chains, {
 *   method: 'quick_check', stored: { events: 82, headPosition: 82 }, gaps: [], problems: [problem],
 * });
 * report.ok; // false
 * report.events; // 10
 */
export const withStoreCheck = (report: VerificationReport, store: StoreCheck): VerificationReport => ({
  ...report,
  ok: report.ok && store.problems.length === 0,
  store,
});

/**
 * A range of stream ids, in the order of the database that holds them: from `from` (included; none
 * for the first range) up to `to` (excluded; none for the last).
 */
export interface StreamRange {
  readonly from: string | null;
  readonly to: string | null;
}

/**
 * Splits the stream ids into at most `count` ranges of about as many events each, from a sample of
 * the stream ids of events taken at evenly spaced positions and sorted by the database: the
 * database then tells which events fall in a range by plain comparisons, and every stream falls
 * in exactly one range. Fewer ranges when the sample holds too few distinct streams.
 *
 * @example
 * import { streamRanges } from '@rapport/core/adapter';
 * streamRanges(['a', 'a', 'b', 'c'], 2); // [{ from: null, to: 'b' }, { from: 'b', to: null }]
 */
export const streamRanges = (
  sortedSample: ReadonlyArray<string>,
  count: number,
): ReadonlyArray<StreamRange> => {
  const bounds: string[] = [];
  for (let i = 1; i < count; i++) {
    const bound = sortedSample[Math.floor((i * sortedSample.length) / count)];
    if (bound !== undefined && bound !== sortedSample[0] && bound !== bounds[bounds.length - 1])
      bounds.push(bound);
  }
  const ranges: StreamRange[] = [];
  let from: string | null = null;
  for (const bound of bounds) {
    ranges.push({ from, to: bound });
    from = bound;
  }
  ranges.push({ from, to: null });
  return ranges;
};

/** Events each thread should have by default: below that, starting one costs more than it saves. */
const EVENTS_PER_DEFAULT_THREAD = 20_000;

/**
 * How many threads verify a store of `events` events side by side: `requested` when given (at
 * least 1); by default the number of cores, but no more than one per 20,000 events, since a worker
 * thread takes tens of milliseconds to start and every thread walks the whole table.
 *
 * @example
 * import { verificationThreads } from '@rapport/core/adapter';
 * verificationThreads(undefined, 1_000); // 1
 * verificationThreads(3, 1_000); // 3
 */
export const verificationThreads = (requested: number | undefined, events: number): number =>
  requested === undefined
    ? Math.max(1, Math.min(availableParallelism(), Math.ceil(events / EVENTS_PER_DEFAULT_THREAD)))
    : Math.max(1, Math.floor(requested));
