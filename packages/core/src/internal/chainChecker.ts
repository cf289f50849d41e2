/**
 * The walk behind every verification (R-AUDIT-5): each stream's chain checked link by link, from
 * the fields of whatever holds an event (a recorded event, a database row), its hash computed
 * only when its links hold.
 */
import type { ChainBreak, ChainBreakKind, VerificationReport } from '../verificationReport.js';

interface ChainState {
  version: number;
  hash: string | null;
  broken: boolean;
}

const describeBreak = (kind: ChainBreakKind, streamId: string, version: number): string => {
  switch (kind) {
    case 'hash_mismatch':
      return `event ${version} of stream "${streamId}" does not match its hash: it was altered`;
    case 'previous_hash_mismatch':
      return `event ${version} of stream "${streamId}" does not link to the hash of the event before it`;
    case 'version_gap':
      return `stream "${streamId}" jumps to version ${version}: an event is missing, duplicated or moved`;
    case 'position_out_of_order':
      return `event ${version} of stream "${streamId}" comes after a greater global position`;
  }
};

/**
 * The positions up to `head` that hold none of the `events` read: positions start at 1 and stores
 * give them without gaps, so each one is an event removed.
 *
 * @example
 * import { missingUpTo } from './chainChecker.js';
 * missingUpTo(10, 8); // 2
 * missingUpTo(0, 0); // 0
 */
export const missingUpTo = (head: number, events: number): number => Math.max(0, head - events);

/** How a checker reads what holds an event. */
export interface ChainSubject<S> {
  /** The hash `subject` must carry, given the hash of the event before it in its stream. */
  readonly hashOf: (previousHash: string | null, subject: S) => string;
  /** Called for a subject whose hash is not computed (its stream is broken, or its links are). */
  readonly unhashed: (subject: S) => void;
}

/** Checks events one after another, in the order they are read. */
export interface ChainChecker<S> {
  /** Checks the next event read: its fields, and what holds it (for `hashOf`). */
  check(
    streamId: string,
    streamVersion: number,
    globalPosition: number,
    previousHash: string | null,
    hash: string,
    subject: S,
  ): void;
  /** The report on every event checked so far. */
  report(): VerificationReport;
}

/**
 * A fresh checker: fed every event of a store in global order, its report is `verifyStore`'s. Fed
 * the events of some streams only, its count of missing positions means nothing alone
 * (`mergeVerificationReports` counts them again from the partitions' totals).
 *
 * @example
 * import { createChainChecker } from './chainChecker.js';
 * const checker = createChainChecker<string>({ hashOf: () => 'h1', unhashed: () => undefined });
 * checker.check('s1', 1, 1, null, 'h1', 'event');
 * checker.report(); // { ok: true, events: 1, streams: 1, headPosition: 1, missingPositions: 0, breaks: [] }
 * checker.check('s2', 1, 3, null, 'h1', 'event');
 * checker.report().missingPositions; // 1
 */
export const createChainChecker = <S>({ hashOf, unhashed }: ChainSubject<S>): ChainChecker<S> => {
  const chains = new Map<string, ChainState>();
  const breaks: ChainBreak[] = [];
  let events = 0;
  let head = 0;

  const fail = (
    chain: ChainState,
    streamId: string,
    streamVersion: number,
    globalPosition: number,
    kind: ChainBreakKind,
    expected: string | number | null,
    actual: string | number | null,
  ): void => {
    chain.broken = true;
    breaks.push({
      streamId,
      streamVersion,
      globalPosition,
      kind,
      expected,
      actual,
      message: describeBreak(kind, streamId, streamVersion),
    });
  };

  return {
    check: (streamId, streamVersion, position, previousHash, hash, subject) => {
      events++;
      let chain = chains.get(streamId);
      if (chain === undefined) {
        chain = { version: 0, hash: null, broken: false };
        chains.set(streamId, chain);
      }
      if (chain.broken) unhashed(subject);
      else {
        if (position <= head) {
          fail(chain, streamId, streamVersion, position, 'position_out_of_order', head + 1, position);
          unhashed(subject);
        } else if (streamVersion !== chain.version + 1) {
          fail(chain, streamId, streamVersion, position, 'version_gap', chain.version + 1, streamVersion);
          unhashed(subject);
        } else if (previousHash !== chain.hash) {
          fail(chain, streamId, streamVersion, position, 'previous_hash_mismatch', chain.hash, previousHash);
          unhashed(subject);
        } else {
          const expected = hashOf(chain.hash, subject);
          if (expected !== hash)
            fail(chain, streamId, streamVersion, position, 'hash_mismatch', expected, hash);
        }
        chain.version = streamVersion;
        chain.hash = hash;
      }
      if (position > head) head = position;
    },
    report: () => {
      const missingPositions = missingUpTo(head, events);
      return {
        ok: breaks.length === 0 && missingPositions === 0,
        events,
        streams: chains.size,
        headPosition: head,
        missingPositions,
        breaks: [...breaks],
      };
    },
  };
};
