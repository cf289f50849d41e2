import { describe, expect, it } from 'vitest';
import type { NewEvent } from './envelope.js';
import { hashEvent } from './hashChain.js';
import { InMemoryEventStore } from './inMemoryStore.js';

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
});
