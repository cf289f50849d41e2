import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from './envelope.js';
import { InMemoryEventStore } from './inMemoryStore.js';
import { createSubscription, type SubscriptionSource } from './subscription.js';
import { newEvents, readEverything } from './testing/index.js';

/** A history of `count` events in one stream. */
const history = async (count: number): Promise<ReadonlyArray<RecordedEvent>> => {
  const store = new InMemoryEventStore();
  await store.append('s1', newEvents(count));
  return readEverything(store);
};

/**
 * A source over a log that grows when the test says, recording each read (its checkpoint and
 * limit) and each wait; a wait ends when the log grows or the signal aborts.
 */
const scriptedSource = (log: RecordedEvent[]) => {
  const reads: Array<[number, number]> = [];
  const waits: number[] = [];
  let grown: (() => void) | undefined;
  const source: SubscriptionSource = {
    readBatch: async (after, limit) => {
      reads.push([after, limit]);
      return log.filter((event) => event.globalPosition > after).slice(0, limit);
    },
    waitForEvents: (after, signal) => {
      waits.push(after);
      return new Promise<void>((resolve) => {
        if (signal.aborted) return resolve();
        grown = resolve;
        signal.addEventListener('abort', () => resolve(), { once: true });
      });
    },
  };
  const grow = (...events: RecordedEvent[]): void => {
    log.push(...events);
    grown?.();
  };
  return { source, reads, waits, grow };
};

describe('createSubscription', () => {
  it('catches up from its checkpoint in batches of its size, then waits after the last position read', async () => {
    const events = await history(7);
    const { source, reads, waits, grow } = scriptedSource(events.slice(0, 6));
    const subscription = createSubscription(source, { after: 1, batchSize: 2 });
    const seen: number[][] = [];
    for await (const batch of subscription) {
      seen.push(batch.map((event) => event.globalPosition));
      if (seen.length === 3) setTimeout(() => grow(events[6]!), 10);
      if (seen.length === 4) await subscription.close();
    }
    expect(seen).toEqual([[2, 3], [4, 5], [6], [7]]);
    expect(reads).toEqual([
      [1, 2],
      [3, 2],
      [5, 2],
      [6, 2],
      [6, 2],
    ]);
    expect(waits).toEqual([6]);
  });

  it('a batch size below one, or with a fraction, is taken as the whole number below it, at least one; none is 500', async () => {
    for (const [batchSize, limit] of [
      [0, 1],
      [2.7, 2],
      [-3, 1],
      [undefined, 500],
    ] as const) {
      const { source, reads } = scriptedSource([]);
      const subscription = createSubscription(source, batchSize === undefined ? {} : { batchSize });
      const iteration = subscription[Symbol.asyncIterator]().next();
      await new Promise((resolve) => setTimeout(resolve, 5));
      await subscription.close();
      await iteration;
      expect(reads[0]).toEqual([0, limit]);
    }
  });

  it('a signal already aborted ends the iteration before any read', async () => {
    const { source, reads } = scriptedSource(await history(2).then((e) => [...e]));
    const subscription = createSubscription(source, { signal: AbortSignal.abort() });
    const seen: unknown[] = [];
    for await (const batch of subscription) seen.push(batch);
    expect(seen).toEqual([]);
    expect(reads).toEqual([]);
  });

  it('a batch read while the subscription closes is not handed over, and no wait follows', async () => {
    const events = await history(2);
    let release: () => void = () => undefined;
    const waits: number[] = [];
    const subscription = createSubscription({
      readBatch: () => new Promise((resolve) => (release = () => resolve(events))),
      waitForEvents: async (after) => void waits.push(after),
    });
    const iteration = subscription[Symbol.asyncIterator]().next();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await subscription.close();
    release();
    expect(await iteration).toEqual({ done: true, value: undefined });
    expect(waits).toEqual([]);
  });

  it('a subscription closed after an empty read, before it waits, asks the source for no wait', async () => {
    const { source, reads, waits } = scriptedSource([]);
    const subscription = createSubscription(source);
    const iteration = subscription[Symbol.asyncIterator]().next();
    // Queued before the subscription's own turn of the event loop, which follows its empty read.
    setImmediate(() => void subscription.close());
    expect(await iteration).toEqual({ done: true, value: undefined });
    expect(reads).toEqual([[0, 500]]);
    expect(waits).toEqual([]);
  });

  it('aborting its signal ends a waiting subscription, and a closed one no longer listens to the signal', async () => {
    const controller = new AbortController();
    const { source, waits } = scriptedSource([]);
    const aborted = createSubscription(source, { signal: controller.signal });
    const ended = (async () => {
      for await (const _batch of aborted) return 'read';
      return 'ended';
    })();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(waits).toEqual([0]);
    controller.abort();
    expect(await ended).toBe('ended');

    const lasting = new AbortController();
    const closed = createSubscription(scriptedSource([]).source, { signal: lasting.signal });
    expect(getEventListeners(lasting.signal, 'abort')).toHaveLength(1);
    await closed.close();
    expect(getEventListeners(lasting.signal, 'abort')).toHaveLength(0);
  });
});
