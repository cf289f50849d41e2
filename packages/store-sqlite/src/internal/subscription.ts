/**
 * Subscriptions by polling, woken early by a signal: a subscriber reads batches after its
 * checkpoint until it is caught up, then waits for a wake-up (an append seen by this process, a
 * notification) or for the poll interval, whichever comes first. Positions are read in order and
 * the checkpoint only moves past what was read, so nothing is skipped or delivered twice.
 */
import type { RecordedEvent, SubscribeOptions, Subscription } from '@rapport/core';

/** A counter of changes that waiters can sleep on. */
export interface Wakeup {
  /** The number of changes signalled so far. */
  readonly seen: () => number;
  /** Signals a change: every waiter wakes. */
  readonly signal: () => void;
  /** Resolves when a change after `since` is signalled, after `ms`, or when `abort` aborts. */
  readonly wait: (since: number, ms: number, abort: AbortSignal) => Promise<void>;
}

export const createWakeup = (): Wakeup => {
  let changes = 0;
  const waiters = new Set<() => void>();
  return {
    seen: () => changes,
    signal: () => {
      changes += 1;
      for (const wake of [...waiters]) wake();
    },
    wait: (since, ms, abort) =>
      new Promise<void>((resolve) => {
        if (changes !== since || abort.aborted) {
          resolve();
          return;
        }
        const done = (): void => {
          clearTimeout(timer);
          waiters.delete(done);
          abort.removeEventListener('abort', done);
          resolve();
        };
        const timer = setTimeout(done, ms);
        waiters.add(done);
        abort.addEventListener('abort', done, { once: true });
      }),
  };
};

export interface PollingSource {
  /** The events after `after`, in global order, at most `limit`. */
  readonly read: (after: number, limit: number) => Promise<ReadonlyArray<RecordedEvent>>;
  readonly wakeup: Wakeup;
  readonly pollIntervalMs: number;
  readonly defaultBatchSize: number;
  /** Called once when the subscription ends, whatever the reason. */
  readonly onEnd: () => void;
}

/** A subscription that catches up from its checkpoint, then follows new events. */
export const pollingSubscription = (source: PollingSource, options: SubscribeOptions = {}): Subscription => {
  const stopped = new AbortController();
  const stop = (): void => stopped.abort();
  if (options.signal?.aborted === true) stop();
  options.signal?.addEventListener('abort', stop, { once: true });
  const batchSize = options.batchSize ?? source.defaultBatchSize;
  let ended = false;
  const end = (): void => {
    if (ended) return;
    ended = true;
    options.signal?.removeEventListener('abort', stop);
    source.onEnd();
  };

  async function* batches(): AsyncGenerator<ReadonlyArray<RecordedEvent>> {
    let checkpoint = options.after ?? 0;
    try {
      while (!stopped.signal.aborted) {
        const ticket = source.wakeup.seen();
        const batch = await source.read(checkpoint, batchSize);
        if (stopped.signal.aborted) return;
        const last = batch[batch.length - 1];
        if (last !== undefined) {
          checkpoint = last.globalPosition;
          yield batch;
        } else {
          await source.wakeup.wait(ticket, source.pollIntervalMs, stopped.signal);
        }
      }
    } finally {
      end();
    }
  }

  return {
    [Symbol.asyncIterator]: () => batches(),
    close: () => {
      stop();
      end();
      return Promise.resolve();
    },
  };
};
