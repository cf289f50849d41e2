import { describe, expect, it } from 'vitest';
import type { StreamModel } from './aggregate.js';
import type { Recorded, RecordedEvent } from './envelope.js';
import type { ReadStreamOptions } from './eventStore.js';
import { InMemoryEventStore } from './inMemoryStore.js';
import { StateCache } from './stateCache.js';
import { newEvent } from './testing/index.js';

type Added = { readonly type: 'Added'; readonly data: { readonly n: number } };

/** A running total of the `n` of each event. */
const total: StreamModel<number, Added> = {
  name: 'counter',
  initialState: 0,
  evolve: (sum, event) => sum + event.data.n,
};

const added = (...ns: number[]) => ns.map((n) => newEvent({ type: 'Added', data: { n } }));

/** An in-memory store that notes the version each read of a stream starts from. */
class CountingStore extends InMemoryEventStore {
  readonly reads: Array<[string, number | undefined]> = [];

  override readStream(streamId: string, options?: ReadStreamOptions): Promise<ReadonlyArray<RecordedEvent>> {
    this.reads.push([streamId, options?.fromVersion]);
    return super.readStream(streamId, options);
  }
}

const decode = (event: RecordedEvent) => event as unknown as Recorded<Added>;

describe('StateCache', () => {
  it('folds a stream once; later loads give the cached state, and a refresh folds only the events after it', async () => {
    const store = new CountingStore();
    await store.append('c1', added(2, 3));
    const cache = new StateCache(decode);
    expect(await cache.load(store, 'c1', total)).toEqual({ version: 2, state: 5 });
    expect(await cache.load(store, 'c1', total)).toEqual({ version: 2, state: 5 });
    await store.append('c1', added(10));
    expect(cache.cached('c1')).toEqual({ version: 2, state: 5 });
    expect(await cache.load(store, 'c1', total, true)).toEqual({ version: 3, state: 15 });
    expect(store.reads).toEqual([
      ['c1', 1],
      ['c1', 3],
    ]);
    expect(cache.cached('unknown')).toBeUndefined();
    expect(await cache.load(store, 'empty', total)).toEqual({ version: 0, state: 0 });
  });

  it('advance folds appended events on top of the state it was given, and forgets a stream whose state moved on', async () => {
    const store = new CountingStore();
    const cache = new StateCache(decode);
    await store.append('c1', added(1));
    const base = await cache.load(store, 'c1', total);
    const { events } = await store.append('c1', added(4, 5));
    cache.advance('c1', total, base, events.map(decode));
    expect(cache.cached('c1')).toEqual({ version: 3, state: 10 });
    cache.advance('c1', total, base, events.map(decode));
    expect(cache.cached('c1')).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('holds at most `capacity` streams and forgets first the one used least recently', async () => {
    const store = new CountingStore();
    for (const id of ['a', 'b', 'c', 'd', 'e', 'f']) await store.append(id, added(1));
    const cache = new StateCache(decode, 4);
    for (const id of ['a', 'b', 'c', 'd']) await cache.load(store, id, total);
    expect(cache.size).toBe(4);
    cache.cached('a');
    await cache.load(store, 'e', total);
    expect(cache.size).toBe(4);
    expect(['a', 'b', 'c', 'd', 'e'].filter((id) => cache.cached(id) !== undefined)).toEqual([
      'a',
      'c',
      'd',
      'e',
    ]);
  });

  it('a stream advanced is kept over those not used since', async () => {
    const store = new CountingStore();
    for (const id of ['a', 'b', 'c', 'd', 'e']) await store.append(id, added(1));
    const cache = new StateCache(decode, 4);
    const base = await cache.load(store, 'a', total);
    for (const id of ['b', 'c', 'd']) await cache.load(store, id, total);
    const { events } = await store.append('a', added(2));
    cache.advance('a', total, base, events.map(decode));
    await cache.load(store, 'e', total);
    expect(cache.cached('a')).toEqual({ version: 2, state: 3 });
    expect(cache.cached('b')).toBeUndefined();
  });

  it('holds 50,000 streams by default', () => {
    expect(new StateCache(decode).capacity).toBe(50_000);
  });
});
