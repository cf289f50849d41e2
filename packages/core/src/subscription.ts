/**
 * Catch-up subscriptions built from two store primitives: read a batch after a checkpoint, and wait
 * until the head may have moved. Stores share this loop, so every store subscribes the same way:
 * catch up from the checkpoint, then follow live, with no gap and no duplicate.
 */
import type { RecordedEvent } from './envelope.js';
import type { SubscribeOptions, Subscription } from './eventStore.js';

/** What a store gives `createSubscription`. */
export interface SubscriptionSource {
  /** Up to `limit` events whose global position is greater than `after`, in global order. */
  readonly readBatch: (after: number, limit: number) => Promise<ReadonlyArray<RecordedEvent>>;
  /**
   * Resolves once events after `after` may exist (at once if they already do), or when `signal`
   * aborts. Resolving early is harmless: the loop reads again and waits again if nothing came.
   */
  readonly waitForEvents: (after: number, signal: AbortSignal) => Promise<void>;
}

/**
 * The batch size of a subscription when its options give none.
 *
 * @example
 * import { DEFAULT_SUBSCRIPTION_BATCH_SIZE } from '@rapport/core';
 * DEFAULT_SUBSCRIPTION_BATCH_SIZE; // 500
 */
export const DEFAULT_SUBSCRIPTION_BATCH_SIZE = 500;

/**
 * A subscription over a source: an async iterable of batches in global order. Each iteration
 * starts at the `after` checkpoint of the options; the subscription ends when `close` is called,
 * when `options.signal` aborts, or when the consumer leaves its `for await` loop.
 *
 * @example
 * import { createSubscription, type RecordedEvent } from '@rapport/core';
 * const log: RecordedEvent[] = [];
 * const subscription = createSubscription(
 *   {
 *     readBatch: async (after, limit) => log.slice(after, after + limit),
 *     waitForEvents: (after, signal) => new Promise((resolve) => { signal.addEventListener('abort', () => resolve()); }),
 *   },
 *   { after: 0 },
 * );
 * const counting = (async () => {
 *   let batches = 0;
 *   for await (const _batch of subscription) batches += 1;
 *   return batches;
 * })();
 * await subscription.close();
 * await counting; // 0: closed before any event came
 */
export const createSubscription = (
  source: SubscriptionSource,
  options: SubscribeOptions = {},
): Subscription => {
  const controller = new AbortController();
  const stop = (): void => controller.abort();
  if (options.signal !== undefined) {
    if (options.signal.aborted) stop();
    else options.signal.addEventListener('abort', stop, { once: true });
  }
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? DEFAULT_SUBSCRIPTION_BATCH_SIZE));
  const signal = controller.signal;

  async function* batches(): AsyncGenerator<ReadonlyArray<RecordedEvent>, void, undefined> {
    let checkpoint = options.after ?? 0;
    while (!signal.aborted) {
      const batch = await source.readBatch(checkpoint, batchSize);
      if (signal.aborted) return;
      const last = batch[batch.length - 1];
      if (last !== undefined) {
        checkpoint = last.globalPosition;
        yield batch;
        continue;
      }
      // A source may report events it cannot read yet (a write not yet visible): let the event
      // loop turn before asking again, so that such a wait never spins.
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (!signal.aborted) await source.waitForEvents(checkpoint, signal);
    }
  }

  return {
    [Symbol.asyncIterator]: () => batches(),
    close: async () => {
      stop();
      options.signal?.removeEventListener('abort', stop);
    },
  };
};
