/**
 * What a verification of a store's history reports (R-AUDIT-5): the breaks of its hash chains and
 * the totals. A module of its own so that the chain checker and `verifyStore` both build on it.
 */
import type { StoreCheck } from './storeCheck.js';

/**
 * What is wrong with an event:
 * - `hash_mismatch`: its content does not hash to its `hash` (it was altered);
 * - `previous_hash_mismatch`: its `previousHash` is not the hash of the event before it;
 * - `version_gap`: its version does not follow the version before it (an event removed,
 *   duplicated or moved);
 * - `position_out_of_order`: its global position is not greater than the one read before it.
 */
export type ChainBreakKind =
  'hash_mismatch' | 'previous_hash_mismatch' | 'version_gap' | 'position_out_of_order';

/** The first broken link of one stream. */
export interface ChainBreak {
  readonly streamId: string;
  readonly streamVersion: number;
  readonly globalPosition: number;
  readonly kind: ChainBreakKind;
  /** What the chain says this value should be. */
  readonly expected: string | number | null;
  /** What the stored event holds. */
  readonly actual: string | number | null;
  /** The break in words. */
  readonly message: string;
}

/**
 * The outcome of a verification: totals, the positions that hold no event, the first break of
 * every broken stream, and, from a store that checks itself, that check.
 */
export interface VerificationReport {
  /**
   * True when no stream is broken, no position up to the head is missing and the store's check of
   * itself (if any) found nothing wrong.
   */
  readonly ok: boolean;
  readonly events: number;
  readonly streams: number;
  /** Global position of the last event read, 0 for an empty store. */
  readonly headPosition: number;
  /**
   * The positions up to the head that hold no event (`headPosition - events`). Stores give
   * positions without gaps, so each one is an event removed: the last events of a stream too,
   * which leave no trace in the stream's own chain. Only the removal of the store's own last
   * events goes unseen (the head itself moves back): a copy of the head kept elsewhere shows it.
   */
  readonly missingPositions: number;
  /** At most one per stream, in the order they were found. */
  readonly breaks: ReadonlyArray<ChainBreak>;
  /**
   * The store's check of itself (R-AUDIT-6), from `verifySqliteStore` and `verifyPostgresStore`:
   * its database's integrity, its own count and head set against what was read. `verifyStore`
   * reads through the event store port only and has none.
   */
  readonly store?: StoreCheck;
}
