/**
 * Random histories and random tampering with them, for the property tests of a database store's
 * own verification (R-AUDIT-5): a test appends a history, changes its rows behind the store's back
 * with its own SQL, and checks that its verification reports what `verifyStore` reports.
 */
import fc from 'fast-check';
import type { EventStore } from '../eventStore.js';
import { verifyStore, type VerificationReport } from '../verify.js';

/** One append of a history: an event to stream `contact-<stream>`, its data of size `n` (0 for `{}`). */
export interface HistoryAppend {
  readonly stream: number;
  readonly n: number;
}

/**
 * Histories of up to 60 appends, each to one of seven streams, with data of four shapes (empty, or
 * a list of 1 to 3 objects holding text that JSON escapes).
 *
 * @example
 * import fc from 'fast-check';
 * import { arbitraryHistory } from '@rapport/core/testing';
 * const [history] = fc.sample(arbitraryHistory, { numRuns: 1, seed: 1 });
 * history!.every(({ stream, n }) => stream >= 0 && stream <= 6 && n >= 0 && n <= 3); // true
 */
export const arbitraryHistory: fc.Arbitrary<HistoryAppend[]> = fc.array(
  fc.record({ stream: fc.integer({ min: 0, max: 6 }), n: fc.integer({ min: 0, max: 3 }) }),
  { maxLength: 60 },
);

/**
 * Appends a history to a store, an append an event: the `i`th is `e<i>`, of type `Noted`, caused
 * by the one before it when `i` is odd.
 *
 * @example
 * import { InMemoryEventStore } from '@rapport/core';
 * import { appendHistory, readEverything } from '@rapport/core/testing';
 * const store = new InMemoryEventStore();
 * await appendHistory(store, [{ stream: 0, n: 0 }, { stream: 1, n: 1 }]);
 * (await readEverything(store)).map((e) => [e.streamId, e.id, e.data]);
 * // [['contact-0', 'e0', {}], ['contact-1', 'e1', { n: 1, list: [{ k: 0, text: 'é"0' }] }]]
 */
export const appendHistory = async (
  store: Pick<EventStore, 'append'>,
  history: ReadonlyArray<HistoryAppend>,
): Promise<void> => {
  for (const [i, { stream, n }] of history.entries()) {
    await store.append(`contact-${stream}`, [
      {
        id: `e${i}`,
        type: 'Noted',
        schemaVersion: 1,
        data: n === 0 ? {} : { n, list: Array.from({ length: n }, (_, k) => ({ k, text: `é"${k}` })) },
        actor: 'u',
        recordedAt: '2026-11-23T09:30:00.000Z',
        correlationId: 'c',
        causationId: i % 2 === 0 ? null : `e${i - 1}`,
      },
    ]);
  }
};

/**
 * The ways to tamper with a stored event, by name: what changes in the row of the event at
 * position `at`, using the row at position `other` (which may be the same row, or a removed one).
 * A store's test writes each in its own SQL.
 *
 * @example
 * import { TAMPERING_KINDS } from '@rapport/core/testing';
 * TAMPERING_KINDS.relink; // "its previous hash becomes the hash of the row at `other`"
 */
export const TAMPERING_KINDS = {
  alter: 'its data becomes {"altered":true}',
  remove: 'the row is deleted',
  version: 'its stream version goes up by one',
  relink: 'its previous hash becomes the hash of the row at `other`',
  rehash: 'its hash becomes the hash of the row at `other`',
  move: 'its stream id becomes the stream id of the row at `other`',
  swapData: 'its data becomes the data of the row at `other`',
  respace:
    'its data text starts with a space: the same JSON value, no longer its canonical text, so its hash still holds',
} as const;

/** A name of `TAMPERING_KINDS`. */
export type TamperingKind = keyof typeof TAMPERING_KINDS;

/** One change to a stored history; `at` and `other` are any naturals, taken modulo the last position. */
export interface Tampering {
  readonly kind: TamperingKind;
  readonly at: number;
  readonly other: number;
}

/**
 * Up to four tamperings of any kind.
 *
 * @example
 * import fc from 'fast-check';
 * import { arbitraryTampering, TAMPERING_KINDS } from '@rapport/core/testing';
 * const [changes] = fc.sample(arbitraryTampering, { numRuns: 1, seed: 1 });
 * changes!.length <= 4 && changes!.every(({ kind }) => kind in TAMPERING_KINDS); // true
 */
export const arbitraryTampering: fc.Arbitrary<Tampering[]> = fc.array(
  fc.record({
    kind: fc.constantFrom(...(Object.keys(TAMPERING_KINDS) as TamperingKind[])),
    at: fc.nat(),
    other: fc.nat(),
  }),
  { maxLength: 4 },
);

/** How a store's test changes its rows: the SQL of its database. */
export interface Tamperer {
  /** The last global position of the stored events; 0 when none is left. */
  readonly head: () => number | Promise<number>;
  /** Changes the row at position `at` as `TAMPERING_KINDS[kind]` says, using the row at `other`. */
  readonly change: (kind: TamperingKind, at: number, other: number) => unknown;
  /**
   * Whether an error of `change` is the table's constraints refusing it (a version taken, a value
   * copied from a removed row): no tampering, then, and the next change is made.
   */
  readonly refused: (error: unknown) => boolean;
}

/**
 * Makes the changes one after another, each on positions 1 to the last one left: `at` and `other`
 * taken modulo that last position, plus one. It stops when no event is left.
 *
 * @example
 * import { tamperWith, type TamperingKind } from '@rapport/core/testing';
 * const rows = [1, 2, 3];
 * const made: string[] = [];
 * const tamperer = {
 *   head: () => rows.length,
 *   change: (kind: TamperingKind, at: number, other: number) => {
 *     if (kind === 'version') throw new Error('constraint');
 *     if (kind === 'remove') rows.pop();
 *     made.push(`${kind} ${at} ${other}`);
 *   },
 *   refused: (error: unknown) => (error as Error).message === 'constraint',
 * };
 * const changes = [
 *   { kind: 'remove', at: 5, other: 0 },
 *   { kind: 'version', at: 0, other: 0 },
 *   { kind: 'alter', at: 5, other: 2 },
 * ] as const;
 * await tamperWith(tamperer, changes);
 * made; // ['remove 3 1', 'alter 2 1']
 */
export const tamperWith = async (tamperer: Tamperer, changes: ReadonlyArray<Tampering>): Promise<void> => {
  for (const { kind, at, other } of changes) {
    const head = await tamperer.head();
    if (head === 0) return;
    try {
      await tamperer.change(kind, (at % head) + 1, (other % head) + 1);
    } catch (error) {
      if (!tamperer.refused(error)) throw error;
    }
  }
};

/**
 * `verifyStore` on a store, then the store closed: the report a store's own verification must
 * equal.
 *
 * @example
 * import { InMemoryEventStore } from '@rapport/core';
 * import { appendHistory, verifyThenClose } from '@rapport/core/testing';
 * const store = new InMemoryEventStore();
 * await appendHistory(store, [{ stream: 0, n: 2 }]);
 * await verifyThenClose(store); // { ok: true, events: 1, streams: 1, headPosition: 1, missingPositions: 0, breaks: [] }
 * await store.readStream('contact-0').catch(() => 'closed'); // 'closed'
 */
export const verifyThenClose = async (store: EventStore): Promise<VerificationReport> => {
  try {
    return await verifyStore(store);
  } finally {
    await store.close();
  }
};
