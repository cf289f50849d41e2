/**
 * The conformance suite of the `EventStore` port: every store (in-memory, SQLite, PostgreSQL) runs
 * it, so that they all keep the same promises: expected versions, idempotent and atomic appends,
 * ordered reads, gapless subscriptions and verifiable hash chains (R-AUDIT-1, R-AUDIT-2,
 * R-AUDIT-5).
 */
import { describe, expect, it } from 'vitest';
import type { EventStore } from '../eventStore.js';
import type { SnapshotStore } from '../snapshotStore.js';
import { describeAppendConformance } from './internal/appendConformance.js';
import { describeModelConformance } from './internal/modelConformance.js';
import { describeReadConformance } from './internal/readConformance.js';
import { describeIntegrityConformance } from './internal/integrityConformance.js';
import type { Harness, TamperTarget } from './internal/harness.js';

export type { TamperTarget } from './internal/harness.js';

/** How the suite gets a store. */
export interface EventStoreConformanceOptions<S extends EventStore = EventStore> {
  /** A new, empty store; called once per test (and once per run of the model-based test). */
  readonly create: () => Promise<S>;
  /** Releases a store after its test; default `store.close()`, whose failure is ignored. */
  readonly dispose?: (store: S) => Promise<void>;
  /**
   * Changes a stored event behind the store's back, as an attacker with access to the database
   * would. Without it the tampering tests are skipped.
   */
  readonly tamper?: (store: S, target: TamperTarget) => Promise<void>;
  /** Runs of the fast-check model-based test; default 30. */
  readonly modelRuns?: number;
}

const hasSnapshots = (store: EventStore): store is EventStore & SnapshotStore =>
  typeof (store as Partial<SnapshotStore>).loadSnapshot === 'function' &&
  typeof (store as Partial<SnapshotStore>).saveSnapshot === 'function';

/**
 * Declares the conformance tests of an event store with vitest's `describe` and `it`.
 *
 * @example
 * // (not run: it declares a vitest suite; inMemoryStore.conformance.test.ts runs it)
 * import { describeEventStoreConformance } from '@rapport/core/testing/vitest';
 * import { InMemoryEventStore } from '@rapport/core';
 * describeEventStoreConformance('InMemoryEventStore', { create: async () => new InMemoryEventStore() });
 */
export const describeEventStoreConformance = <S extends EventStore>(
  name: string,
  options: EventStoreConformanceOptions<S>,
): void => {
  const dispose =
    options.dispose ??
    (async (store: S) => {
      await store.close().catch(() => undefined);
    });
  const harness: Harness<S> = {
    withStore: (test) => async () => {
      const store = await options.create();
      try {
        await test(store);
      } finally {
        await dispose(store);
      }
    },
    create: options.create,
    dispose,
    tamper: options.tamper,
    modelRuns: options.modelRuns ?? 30,
  };

  describe(`${name} conforms to the EventStore port`, () => {
    describeAppendConformance(harness);
    describeReadConformance(harness);
    describeIntegrityConformance(harness);
    describeModelConformance(harness);

    describe('snapshots', () => {
      it(
        'R-AUDIT-3: a saved projection snapshot loads back, the latest one per projection',
        harness.withStore(async (store) => {
          if (!hasSnapshots(store)) return;
          expect(await store.loadSnapshot('contacts')).toBeUndefined();
          await store.saveSnapshot({
            projection: 'contacts',
            version: 1,
            checkpoint: 3,
            state: { a: [1, 'x'] },
          });
          await store.saveSnapshot({ projection: 'deals', version: 2, checkpoint: 1, state: null });
          await store.saveSnapshot({ projection: 'contacts', version: 1, checkpoint: 7, state: { a: [2] } });
          expect(await store.loadSnapshot('contacts')).toEqual({
            projection: 'contacts',
            version: 1,
            checkpoint: 7,
            state: { a: [2] },
          });
          expect(await store.loadSnapshot('deals')).toEqual({
            projection: 'deals',
            version: 2,
            checkpoint: 1,
            state: null,
          });
        }),
      );
    });
  });
};
