/**
 * The parts of the `EventStore` port that a store kept in a database builds the same way from its
 * own primitives: `append` as a one-stream write, `readAll` in ranges up to the head as of the
 * call, and `subscribe` over subscriptions that the store closes with itself.
 */
import type { RecordedEvent } from '../envelope.js';
import { RapportError } from '../errors.js';
import type {
  AppendResult,
  EventStore,
  ReadAllOptions,
  StreamWrite,
  SubscribeOptions,
  Subscription,
} from '../eventStore.js';
import { createSubscription, type SubscriptionSource } from '../subscription.js';

/**
 * A store's write of several streams; `single` names paths as `append` does (`events[0]`) rather
 * than as `appendMany` does (`writes[0].events[0]`).
 *
 * @example
 * import type { StoreWrite } from '@rapport/core/adapter';
 * const write: StoreWrite = async (writes) => writes.map((w) => ({ streamId: w.streamId, nextExpectedVersion: 0, events: [] }));
 */
export type StoreWrite = (
  writes: ReadonlyArray<StreamWrite>,
  single: boolean,
) => Promise<ReadonlyArray<AppendResult>>;

/**
 * `EventStore.append` made from a store's write: one stream, expected version `'any'` unless given.
 *
 * @example
 * import { InMemoryEventStore } from '@rapport/core';
 * import { appendOneStream, type StoreWrite } from '@rapport/core/adapter';
 * import { newEvents } from '@rapport/core/testing';
 * const store = new InMemoryEventStore();
 * const write: StoreWrite = (writes) => store.appendMany(writes); // a store's write of several streams
 * const append = appendOneStream(write);
 * const result = await append('contact-1', newEvents(2), { expectedVersion: 'no_stream' });
 * result.nextExpectedVersion; // 2
 */
export const appendOneStream =
  (write: StoreWrite): EventStore['append'] =>
  async (streamId, events, options) => {
    const [result] = await write(
      [{ streamId, expectedVersion: options?.expectedVersion ?? 'any', events }],
      true,
    );
    if (result === undefined)
      throw new RapportError('STORE_INTERNAL', 'an append of one stream gave no result');
    return result;
  };

/**
 * The store's read of the events whose positions are in `(after, to]`, at most `limit`, in global order.
 *
 * @example
 * import { InMemoryEventStore } from '@rapport/core';
 * import type { ReadRange } from '@rapport/core/adapter';
 * import { newEvents, readEverything } from '@rapport/core/testing';
 * const store = new InMemoryEventStore();
 * await store.append('s1', newEvents(4));
 * const log = await readEverything(store);
 * const readRange: ReadRange = async (after, to, limit) => log.filter((e) => e.globalPosition > after && e.globalPosition <= to).slice(0, limit);
 * (await readRange(1, 3, 10)).map((e) => e.globalPosition); // [2, 3]
 */
export type ReadRange = (after: number, to: number, limit: number) => Promise<ReadonlyArray<RecordedEvent>>;

/**
 * `EventStore.readAll` over ranges: batches from `options.after` to the head, where `head` is the
 * head position read when `readAll` was called (so events appended while it reads are left for the
 * next read), or to `options.to` if that comes first. A failure to read the head is thrown by the
 * first step of the iteration.
 *
 * @example
 * import { InMemoryEventStore } from '@rapport/core';
 * import { readAllInRanges, type ReadRange } from '@rapport/core/adapter';
 * import { newEvents, readEverything } from '@rapport/core/testing';
 * const store = new InMemoryEventStore();
 * await store.append('s1', newEvents(4));
 * const log = await readEverything(store);
 * const readRange: ReadRange = async (after, to, limit) => log.filter((e) => e.globalPosition > after && e.globalPosition <= to).slice(0, limit);
 * const sizes: number[] = [];
 * for await (const batch of readAllInRanges(store.headPosition(), readRange, { after: 1 }, 2)) sizes.push(batch.length);
 * sizes; // [2, 1]: positions 2 and 3, then 4
 */
export const readAllInRanges = (
  head: Promise<number>,
  readRange: ReadRange,
  options: ReadAllOptions,
  defaultBatchSize: number,
): AsyncIterable<ReadonlyArray<RecordedEvent>> => {
  const batchSize = Math.max(1, Math.floor(options.batchSize ?? defaultBatchSize));
  head.catch(() => undefined);
  return {
    [Symbol.asyncIterator]: async function* () {
      const to = Math.min(options.to ?? Number.MAX_SAFE_INTEGER, await head);
      let after = options.after ?? 0;
      while (after < to) {
        const batch = await readRange(after, to, batchSize);
        const last = batch[batch.length - 1];
        if (last === undefined) return;
        yield batch;
        after = last.globalPosition;
      }
    },
  };
};

/**
 * The subscriptions a store has open, so that closing the store closes them: what
 * `openSubscriptions` returns.
 *
 * @example
 * import { openSubscriptions, type OpenSubscriptions } from '@rapport/core/adapter';
 * const subscriptions: OpenSubscriptions = openSubscriptions();
 */
export interface OpenSubscriptions {
  /** A subscription over `source` (see `createSubscription`), kept until it ends or is closed. */
  readonly subscribe: (source: SubscriptionSource, options: SubscribeOptions) => Subscription;
  /** Closes every open subscription. */
  readonly closeAll: () => Promise<void>;
}

/**
 * A new, empty set of open subscriptions.
 *
 * @example
 * import { openSubscriptions } from '@rapport/core/adapter';
 * const subscriptions = openSubscriptions();
 * const subscription = subscriptions.subscribe(
 *   {
 *     readBatch: async () => [],
 *     waitForEvents: (after, signal) => new Promise((resolve) => { signal.addEventListener('abort', () => resolve()); }),
 *   },
 *   { after: 0 },
 * );
 * const counting = (async () => {
 *   let batches = 0;
 *   for await (const _batch of subscription) batches += 1;
 *   return batches;
 * })();
 * await subscriptions.closeAll();
 * await counting; // 0: closed with the store, before any event came
 */
export const openSubscriptions = (): OpenSubscriptions => {
  const open = new Set<Subscription>();
  return {
    subscribe: (source, options) => {
      const subscription = createSubscription(source, options);
      open.add(subscription);
      return {
        [Symbol.asyncIterator]: async function* () {
          try {
            yield* subscription;
          } finally {
            open.delete(subscription);
          }
        },
        close: () => {
          open.delete(subscription);
          return subscription.close();
        },
      };
    },
    closeAll: async () => {
      await Promise.all([...open].map((subscription) => subscription.close()));
    },
  };
};
