/** What every part of the conformance suite receives: a way to run a test with a fresh store. */
import type { EventStore } from '../../eventStore.js';
import type { TamperTarget } from '../eventStoreConformance.js';

export interface Harness<S extends EventStore> {
  /** Wraps a test body: creates a store, runs the body, disposes of the store. */
  readonly withStore: (test: (store: S) => Promise<void>) => () => Promise<void>;
  readonly create: () => Promise<S>;
  readonly dispose: (store: S) => Promise<void>;
  readonly tamper: ((store: S, target: TamperTarget) => Promise<void>) | undefined;
  readonly modelRuns: number;
}
