/**
 * Waiting for new events when the store cannot be told about every write: another process may
 * append to the same database. A waiter wakes when this process appends, when the poll interval
 * has passed, or when its subscription ends, whichever comes first.
 */

/**
 * Waiters for new events, woken together: what `createWakeup` returns.
 *
 * @example
 * import { createWakeup, type Wakeup } from '@rapport/core/adapter';
 * const wakeup: Wakeup = createWakeup();
 */
export interface Wakeup {
  /** Wakes every waiter: called after each append of this process and on close. */
  readonly wakeAll: () => void;
  /**
   * Resolves at once when `hasNewEvents()` is true, else on the next `wakeAll`, after `ms`, or when
   * `signal` aborts.
   */
  readonly wait: (hasNewEvents: () => Promise<boolean>, ms: number, signal: AbortSignal) => Promise<void>;
}

/**
 * A new set of waiters. A store calls `wakeAll` after each of its appends and on close, and a
 * subscription's `waitForEvents` calls `wait` with a check of the head and the poll interval.
 *
 * @example
 * import { createWakeup } from '@rapport/core/adapter';
 * const wakeup = createWakeup();
 * const waiting = wakeup.wait(async () => false, 100, new AbortController().signal);
 * wakeup.wakeAll(); // `waiting` resolves now rather than after 100 ms
 * await waiting;
 */
export const createWakeup = (): Wakeup => {
  const waiters = new Set<() => void>();
  let wakes = 0;
  return {
    wakeAll: () => {
      wakes += 1;
      for (const wake of [...waiters]) wake();
    },
    wait: async (hasNewEvents, ms, signal) => {
      const before = wakes;
      if (signal.aborted || (await hasNewEvents()) || wakes !== before || signal.aborted) return;
      await new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          waiters.delete(done);
          signal.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, ms);
        waiters.add(done);
        signal.addEventListener('abort', done, { once: true });
      });
    },
  };
};
