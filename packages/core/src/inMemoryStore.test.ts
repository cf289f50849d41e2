import { performance } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import type { NewEvent, RecordedEvent } from './envelope.js';
import { hashEvent } from './hashChain.js';
import { createInMemoryEventStore, InMemoryEventStore } from './inMemoryStore.js';
import { readEverything } from './testing/index.js';

const event = (id: string, data: unknown = { n: id }): NewEvent => ({
  id,
  type: 'Noted',
  schemaVersion: 1,
  data,
  actor: 'u_ann',
  recordedAt: '2026-11-23T09:30:00.000Z',
  correlationId: 'corr-1',
  causationId: null,
});

describe('InMemoryEventStore', () => {
  it('R-AUDIT-2: records version, position and the chained hash of each event', async () => {
    const store = new InMemoryEventStore();
    const { events } = await store.append('s1', [event('a'), event('b')]);
    expect(events.map((e) => [e.streamVersion, e.globalPosition])).toEqual([
      [1, 1],
      [2, 2],
    ]);
    expect(events[0]?.previousHash).toBeNull();
    expect(events[1]?.previousHash).toBe(events[0]?.hash);
    const first = events[0]!;
    expect(first.hash).toBe(hashEvent(null, first));
  });

  it('R-AUDIT-1: stored events are frozen and independent of the caller’s objects', async () => {
    const store = new InMemoryEventStore();
    const data = { tags: ['x'] };
    await store.append('s1', [event('a', data)]);
    data.tags.push('y');
    const [stored] = await store.readStream('s1');
    expect(stored?.data).toEqual({ tags: ['x'] });
    expect(Object.isFrozen(stored)).toBe(true);
    expect(Object.isFrozen((stored?.data as { tags: string[] }).tags)).toBe(true);
  });

  it('R-AUDIT-1: a malformed event is refused naming its path, and nothing is stored', async () => {
    const store = new InMemoryEventStore();
    const bad = { ...event('b'), recordedAt: 'yesterday' };
    await expect(store.append('s1', [event('a'), bad])).rejects.toMatchObject({
      code: 'INVALID_EVENT',
      path: 'events[1].recordedAt',
    });
    expect(await store.headPosition()).toBe(0);
  });

  it('a closed store refuses further calls', async () => {
    const store = new InMemoryEventStore();
    await store.close();
    await expect(store.readStream('s1')).rejects.toMatchObject({ code: 'STORE_CLOSED' });
  });

  it('a caught-up subscription waits for the next append without keeping the event loop busy', async () => {
    const store = new InMemoryEventStore();
    await store.append('s1', [event('a')]);
    const subscription = store.subscribe();
    const batches = subscription[Symbol.asyncIterator]();
    expect((await batches.next()).value).toHaveLength(1);
    const waiting = batches.next();
    const start = performance.eventLoopUtilization();
    await new Promise((resolve) => setTimeout(resolve, 200));
    // A subscription that read again and again while nothing came would hold the loop near 1.
    expect(performance.eventLoopUtilization(start).utilization).toBeLessThan(0.5);
    await store.append('s1', [event('b')]);
    const next = (await waiting).value as ReadonlyArray<RecordedEvent>;
    expect(next.map((e) => e.id)).toEqual(['b']);
    await subscription.close();
  });

  it('an append made between a subscription’s empty read and its wait is not missed', async () => {
    const store = new InMemoryEventStore();
    const subscription = store.subscribe();
    const batches = subscription[Symbol.asyncIterator]();
    const first = batches.next();
    // Queued before the subscription's own turn of the event loop, after its read found nothing.
    setImmediate(() => void store.append('s1', [event('a')]));
    const within = await Promise.race([first, new Promise((resolve) => setTimeout(resolve, 2000, 'waited'))]);
    expect(within).toMatchObject({ value: [{ id: 'a' }] });
    await subscription.close();
  });

  it('closing the store ends a subscription waiting for events: its next read is refused', async () => {
    const store = new InMemoryEventStore();
    const subscription = store.subscribe();
    const ended = (async () => {
      for await (const _batch of subscription) return 'read';
      return 'ended';
    })().catch((error: { code: string }) => error.code);
    await new Promise((resolve) => setTimeout(resolve, 20));
    await store.close();
    const outcome = await Promise.race([
      ended,
      new Promise((resolve) => setTimeout(resolve, 2000, 'waited')),
    ]);
    expect(outcome).toBe('STORE_CLOSED');
    expect(() => store.subscribe()).toThrow(expect.objectContaining({ code: 'STORE_CLOSED' }));
  });

  it('readAll reads in batches of the size the store was given, 1,000 by default, at least one', async () => {
    const sizes = async (store: InMemoryEventStore): Promise<number[]> => {
      await store.append(
        's1',
        ['a', 'b', 'c', 'd', 'e'].map((id) => event(id)),
      );
      const batches: number[] = [];
      for await (const batch of store.readAll()) batches.push(batch.length);
      return batches;
    };
    expect(await sizes(createInMemoryEventStore({ batchSize: 2 }))).toEqual([2, 2, 1]);
    expect(await sizes(new InMemoryEventStore({ batchSize: 0.5 }))).toEqual([1, 1, 1, 1, 1]);
    expect(await sizes(new InMemoryEventStore())).toEqual([5]);
  });

  it('R-AUDIT-1: data in its odd JSON shapes is stored deeply frozen too', async () => {
    const store = new InMemoryEventStore();
    const bare = Object.assign(Object.create(null) as object, { list: [1] });
    await store.append('s1', [event('a', { zero: -0, nested: bare })]);
    const [stored] = await store.readStream('s1');
    expect(stored?.data).toEqual({ zero: 0, nested: { list: [1] } });
    const data = stored?.data as { nested: { list: number[] } };
    expect(Object.isFrozen(data)).toBe(true);
    expect(Object.isFrozen(data.nested.list)).toBe(true);
  });

  it('an append names the stream id it refuses; readAll on a closed store, or closed while read, is refused', async () => {
    const store = new InMemoryEventStore({ batchSize: 1 });
    await expect(store.append('', [event('a')])).rejects.toMatchObject({
      code: 'INVALID_EVENT',
      path: 'streamId',
    });
    await store.append('s1', [event('a'), event('b')]);
    const reading = store.readAll()[Symbol.asyncIterator]();
    expect((await reading.next()).value).toHaveLength(1);
    await store.close();
    await expect(reading.next()).rejects.toMatchObject({ code: 'STORE_CLOSED' });
    await expect(readEverything(store)).rejects.toMatchObject({ code: 'STORE_CLOSED' });
  });

  it('a retried appendMany is a retry though its guards no longer hold: they were checked the first time', async () => {
    const store = new InMemoryEventStore();
    const writes = [
      { streamId: 'guarded', expectedVersion: 'no_stream' as const, events: [] },
      { streamId: 's1', expectedVersion: 'no_stream' as const, events: [event('a')] },
    ];
    const first = await store.appendMany(writes);
    await store.append('guarded', [event('g')]);
    await store.append('s1', [event('b')]);
    const again = await store.appendMany(writes);
    expect(again[1]).toEqual(first[1]);
    expect(again[0]?.events).toEqual([]);
    expect(await store.headPosition()).toBe(3);
  });

  it('a call of guards only, writing no event, is checked against their expected versions', async () => {
    const store = new InMemoryEventStore();
    await store.append('s1', [event('a')]);
    await expect(
      store.appendMany([
        { streamId: 's1', expectedVersion: 1, events: [] },
        { streamId: 's2', expectedVersion: 'no_stream', events: [] },
      ]),
    ).resolves.toHaveLength(2);
    await expect(
      store.appendMany([{ streamId: 's1', expectedVersion: 'no_stream', events: [] }]),
    ).rejects.toMatchObject({
      code: 'CONCURRENCY_CONFLICT',
    });
  });

  it('in a call with a retried write and a new one, only the new one is checked against its expected version', async () => {
    const store = new InMemoryEventStore();
    const [retried] = await store.appendMany([
      { streamId: 's1', expectedVersion: 'no_stream', events: [event('a')] },
    ]);
    await store.append('s1', [event('b')]);
    const results = await store.appendMany([
      { streamId: 's1', expectedVersion: 'no_stream', events: [event('a')] },
      { streamId: 's2', expectedVersion: 'no_stream', events: [event('c')] },
    ]);
    expect(results[0]).toEqual(retried);
    expect(results[1]?.events.map((e) => [e.id, e.globalPosition])).toEqual([['c', 3]]);
    await expect(
      store.appendMany([
        { streamId: 's1', expectedVersion: 'no_stream', events: [event('a')] },
        { streamId: 's2', expectedVersion: 'no_stream', events: [event('d')] },
      ]),
    ).rejects.toMatchObject({ code: 'CONCURRENCY_CONFLICT', streamId: 's2' });
  });

  it('a subscription waiting for events is woken by an appendMany', async () => {
    const store = new InMemoryEventStore();
    const subscription = store.subscribe();
    const batches = subscription[Symbol.asyncIterator]();
    const first = batches.next();
    await new Promise((resolve) => setTimeout(resolve, 20));
    await store.appendMany([{ streamId: 's1', expectedVersion: 'any', events: [event('a')] }]);
    const within = await Promise.race([first, new Promise((resolve) => setTimeout(resolve, 2000, 'waited'))]);
    expect(within).toMatchObject({ value: [{ id: 'a' }] });
    await subscription.close();
  });
});
