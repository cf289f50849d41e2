/** Conformance of reads: stream order and ranges, global order, batches, live subscriptions. */
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '../../envelope.js';
import type { EventStore, Subscription } from '../../eventStore.js';
import type { Harness } from './harness.js';
import { freshStream, newEvent, newEvents, readEverything } from '../events.js';

const versions = (events: ReadonlyArray<RecordedEvent>): number[] => events.map((e) => e.streamVersion);

/**
 * Reads a subscription in the background. `until(position)` ends the reading once an event at or
 * beyond that position has come, and gives what was seen: a subscription that skips events still
 * ends, and the comparison then fails.
 */
const collect = (subscription: Subscription) => {
  const seen: RecordedEvent[] = [];
  let stopAt = Number.POSITIVE_INFINITY;
  const reached = (): boolean => (seen.at(-1)?.globalPosition ?? 0) >= stopAt;
  const reading = (async () => {
    for await (const batch of subscription) {
      seen.push(...batch);
      if (reached()) break;
    }
  })();
  return {
    until: async (position: number): Promise<RecordedEvent[]> => {
      stopAt = position;
      if (reached()) await subscription.close();
      await reading;
      await subscription.close();
      return seen;
    },
  };
};

const expectGapless = (seen: ReadonlyArray<RecordedEvent>, all: ReadonlyArray<RecordedEvent>): void => {
  expect(seen.map((e) => e.globalPosition)).toEqual(all.map((e) => e.globalPosition));
  expect(seen.map((e) => e.id)).toEqual(all.map((e) => e.id));
};

/** Declares the read and subscription tests of `describeEventStoreConformance`. */
export const describeReadConformance = <S extends EventStore>(h: Harness<S>): void => {
  describe('reading streams', () => {
    it(
      'readStream gives a stream’s events in version order; an unknown stream is empty at version 0',
      h.withStore(async (store) => {
        const a = freshStream('a');
        const b = freshStream('b');
        const written = [];
        for (let i = 0; i < 4; i++) {
          written.push(...(await store.append(a, newEvents(2))).events);
          await store.append(b, [newEvent()]);
        }
        const read = await store.readStream(a);
        expect(versions(read)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
        expect(read.map((e) => e.id)).toEqual(written.map((e) => e.id));
        expect(read.every((e) => e.streamId === a)).toBe(true);
        expect(await store.readStream(freshStream('none'))).toEqual([]);
        expect(await store.streamVersion(freshStream('none'))).toBe(0);
        expect(await store.streamVersion(a)).toBe(8);
      }),
    );

    it(
      'readStream reads a range of versions, both ends inclusive',
      h.withStore(async (store) => {
        const s = freshStream();
        await store.append(s, newEvents(6));
        expect(versions(await store.readStream(s, { fromVersion: 3 }))).toEqual([3, 4, 5, 6]);
        expect(versions(await store.readStream(s, { toVersion: 2 }))).toEqual([1, 2]);
        expect(versions(await store.readStream(s, { fromVersion: 2, toVersion: 4 }))).toEqual([2, 3, 4]);
        expect(versions(await store.readStream(s, { fromVersion: 4, toVersion: 4 }))).toEqual([4]);
        expect(versions(await store.readStream(s, { fromVersion: 5, toVersion: 99 }))).toEqual([5, 6]);
        expect(await store.readStream(s, { fromVersion: 7 })).toEqual([]);
        expect(await store.readStream(s, { fromVersion: 4, toVersion: 3 })).toEqual([]);
      }),
    );
  });

  describe('reading all', () => {
    it(
      'readAll gives every event in global order, positions only growing, as the appends were made',
      h.withStore(async (store) => {
        const appended: RecordedEvent[] = [];
        const streams = [freshStream('a'), freshStream('b'), freshStream('c')];
        for (let i = 0; i < 9; i++)
          appended.push(...(await store.append(streams[i % 3]!, newEvents(1 + (i % 2)))).events);
        const all = await readEverything(store);
        expect(all.map((e) => e.id)).toEqual(appended.map((e) => e.id));
        for (let i = 1; i < all.length; i++)
          expect(all[i]!.globalPosition).toBeGreaterThan(all[i - 1]!.globalPosition);
        expect(await store.headPosition()).toBe(all.at(-1)?.globalPosition);
      }),
    );

    it(
      'readAll honours its checkpoint, its end and its batch size',
      h.withStore(async (store) => {
        expect(await store.headPosition()).toBe(0);
        expect(await readEverything(store)).toEqual([]);
        const s = freshStream();
        await store.append(s, newEvents(10));
        const all = await readEverything(store);
        const third = all[2]!.globalPosition;
        const seventh = all[6]!.globalPosition;
        const batches: number[] = [];
        const read: RecordedEvent[] = [];
        for await (const batch of store.readAll({ after: third, to: seventh, batchSize: 2 })) {
          batches.push(batch.length);
          read.push(...batch);
        }
        expect(read.map((e) => e.id)).toEqual(all.slice(3, 7).map((e) => e.id));
        expect(batches.every((n) => n >= 1 && n <= 2)).toBe(true);
        expect(await readEverything(store, 3)).toEqual(all);
      }),
    );

    it(
      'readAll reads to the head as of its start: events appended while it reads are left for the next read',
      h.withStore(async (store) => {
        const s = freshStream();
        await store.append(s, newEvents(3));
        const read: RecordedEvent[] = [];
        let appended = false;
        for await (const batch of store.readAll({ batchSize: 1 })) {
          read.push(...batch);
          if (!appended) {
            appended = true;
            await store.append(s, newEvents(2));
          }
        }
        expect(versions(read)).toEqual([1, 2, 3]);
        expect(versions(await readEverything(store))).toEqual([1, 2, 3, 4, 5]);
      }),
    );
  });

  describe('subscriptions', () => {
    it(
      'a subscription catches up from its checkpoint, then follows new events live',
      h.withStore(async (store) => {
        const s = freshStream();
        await store.append(s, newEvents(5));
        const before = await readEverything(store);
        const seen = collect(store.subscribe({ after: before[1]!.globalPosition, batchSize: 2 }));
        await store.append(s, newEvents(4));
        const all = await readEverything(store);
        expectGapless(await seen.until(all.at(-1)!.globalPosition), all.slice(2));
      }),
    );

    it(
      'subscribers see every event once, in order, while several writers append concurrently',
      h.withStore(async (store) => {
        const writers = 4;
        const appendsPerWriter = 10;
        await store.append(freshStream('early'), newEvents(3));
        const total = 3 + writers * appendsPerWriter * 2;
        const early = collect(store.subscribe({ batchSize: 7 }));
        const writing = Array.from({ length: writers }, async (_, w) => {
          const s = freshStream(`writer${w}`);
          for (let i = 0; i < appendsPerWriter; i++) await store.append(s, newEvents(2));
        });
        await new Promise((resolve) => setImmediate(resolve));
        const late = collect(store.subscribe({ batchSize: 3 }));
        await Promise.all(writing);
        const all = await readEverything(store);
        expect(all).toHaveLength(total);
        const head = all.at(-1)!.globalPosition;
        expectGapless(await early.until(head), all);
        expectGapless(await late.until(head), all);
      }),
    );

    it(
      'closing a subscription, or aborting its signal, ends its iteration',
      h.withStore(async (store) => {
        await store.append(freshStream(), newEvents(2));
        const subscription = store.subscribe();
        const ended = (async () => {
          let count = 0;
          for await (const batch of subscription) count += batch.length;
          return count;
        })();
        await new Promise((resolve) => setTimeout(resolve, 20));
        await subscription.close();
        expect(await ended).toBe(2);

        const controller = new AbortController();
        const aborted = (async () => {
          let count = 0;
          for await (const batch of store.subscribe({ signal: controller.signal })) count += batch.length;
          return count;
        })();
        await new Promise((resolve) => setTimeout(resolve, 20));
        controller.abort();
        expect(await aborted).toBe(2);
      }),
    );
  });
};
