/**
 * Verification of a store's history (R-AUDIT-5): walks every event in global order and checks
 * each stream's hash chain. Altering a stored event breaks its hash; removing or reordering events
 * breaks the versions or the previous-hash links. Chains of different streams are independent.
 */
import type { RecordedEvent } from './envelope.js';
import type { EventStore } from './eventStore.js';
import { hashEvent } from './hashChain.js';
import { storedFormOf } from './internal/storedForm.js';

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

/** The outcome of a verification: totals, and the first break of every broken stream. */
export interface VerificationReport {
  /** True when no stream is broken. */
  readonly ok: boolean;
  readonly events: number;
  readonly streams: number;
  /** Global position of the last event read, 0 for an empty store. */
  readonly headPosition: number;
  /** At most one per stream, in the order they were found. */
  readonly breaks: ReadonlyArray<ChainBreak>;
}

/** How `verifyStore` reads the store. */
export interface VerifyOptions {
  /** Events per `readAll` batch; default the store's. */
  readonly batchSize?: number;
}

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
  const chains = new Map<string, ChainState>();
  const breaks: ChainBreak[] = [];
  let events = 0;
  let head = 0;

  const fail = (
    chain: ChainState,
    event: RecordedEvent,
    kind: ChainBreakKind,
    expected: string | number | null,
    actual: string | number | null,
  ): void => {
    chain.broken = true;
    breaks.push({
      streamId: event.streamId,
      streamVersion: event.streamVersion,
      globalPosition: event.globalPosition,
      kind,
      expected,
      actual,
      message: describeBreak(kind, event.streamId, event.streamVersion),
    });
  };

  const source = storedFormOf(store);
  for await (const batch of source.readAll(
    options.batchSize === undefined ? {} : { batchSize: options.batchSize },
  )) {
    for (let i = 0; i < batch.length; i++) {
      const event = batch[i]!;
      events++;
      let chain = chains.get(event.streamId);
      if (chain === undefined) {
        chain = { version: 0, hash: null, broken: false };
        chains.set(event.streamId, chain);
      }
      const position = event.globalPosition;
      if (!chain.broken) {
        if (position <= head) fail(chain, event, 'position_out_of_order', head + 1, position);
        else if (event.streamVersion !== chain.version + 1) {
          fail(chain, event, 'version_gap', chain.version + 1, event.streamVersion);
        } else if (event.previousHash !== chain.hash) {
          fail(chain, event, 'previous_hash_mismatch', chain.hash, event.previousHash);
        } else {
          const hash = hashEvent(chain.hash, event);
          if (hash !== event.hash) fail(chain, event, 'hash_mismatch', hash, event.hash);
        }
        chain.version = event.streamVersion;
        chain.hash = event.hash;
      }
      if (position > head) head = position;
    }
  }
  return { ok: breaks.length === 0, events, streams: chains.size, headPosition: head, breaks };
};
