import type { EventStore } from '../../eventStore.js';

/** Which stored event a `tamper` hook alters, and how. */
export interface TamperTarget {
  readonly streamId: string;
  readonly streamVersion: number;
  /**
   * - `'alter'`: change the stored event's data (any change), keeping its hash;
   * - `'remove'`: delete the stored event.
   */
  readonly action: 'alter' | 'remove';
}

/** What every part of the conformance suite receives: a way to run a test with a fresh store. */
export interface Harness<S extends EventStore> {
  /** Wraps a test body: creates a store, runs the body, disposes of the store. */
  readonly withStore: (test: (store: S) => Promise<void>) => () => Promise<void>;
  readonly create: () => Promise<S>;
  readonly dispose: (store: S) => Promise<void>;
  readonly tamper: ((store: S, target: TamperTarget) => Promise<void>) | undefined;
  readonly modelRuns: number;
}
