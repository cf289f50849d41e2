import { describe, expect, it } from 'vitest';
import type { NewEvent, RecordedEvent } from './envelope.js';
import { InMemoryEventStore } from './inMemoryStore.js';
import { newEvent } from './testing/index.js';
import { upcast, upcasterRegistry, withUpcasting } from './upcasting.js';
import { verifyStore } from './verify.js';

const noted = (id: string, schemaVersion: number, data: unknown): NewEvent => ({
  id,
  type: 'Noted',
  schemaVersion,
  data,
  actor: 'u_ann',
  recordedAt: '2026-11-23T09:30:00.000Z',
  correlationId: 'corr',
  causationId: null,
});

const registry = upcasterRegistry([
  { type: 'Noted', fromVersion: 1, upcast: (data) => ({ text: (data as { note: string }).note }) },
  { type: 'Noted', fromVersion: 2, upcast: (data) => ({ ...(data as object), pinned: false }) },
]);

describe('upcasting', () => {
  it('brings an old event to the latest schema, step by step, without touching the stored event', async () => {
    const store = new InMemoryEventStore();
    const { events } = await store.append('s', [
      noted('a', 1, { note: 'hi' }),
      noted('b', 3, { text: 'x', pinned: true }),
    ]);
    const [v1, v3] = events;
    const latest = upcast(registry)(v1!);
    expect(latest).toMatchObject({ schemaVersion: 3, data: { text: 'hi', pinned: false }, hash: v1!.hash });
    expect(v1!.data).toEqual({ note: 'hi' });
    expect(upcast(registry)(v3!)).toBe(v3);
  });

  it('R-AUDIT-5: a reading view upcasts on read while verification reads the stored form', async () => {
    const store = new InMemoryEventStore();
    const view = withUpcasting(store, registry);
    await view.append('s', [noted('a', 1, { note: 'hi' })]);
    expect((await view.readStream('s'))[0]?.data).toEqual({ text: 'hi', pinned: false });
    const all = [];
    for await (const batch of view.readAll()) all.push(...batch);
    expect(all[0]?.schemaVersion).toBe(3);
    expect((await store.readStream('s'))[0]?.data).toEqual({ note: 'hi' });
    expect((await verifyStore(view)).ok).toBe(true);
  });

  it('refuses two upcasters for one type and version', () => {
    expect(() =>
      upcasterRegistry([
        { type: 'Noted', fromVersion: 1, upcast: (d) => d },
        { type: 'Noted', fromVersion: 1, upcast: (d) => d },
      ]),
    ).toThrow(
      expect.objectContaining({
        code: 'DUPLICATE_UPCASTER',
        message: 'two upcasters take "Noted" from schema version 1',
        details: { type: 'Noted', fromVersion: 1 },
      }),
    );
  });

  it('each step is given the event at the version it starts from, and the steps stop at the first version with none', async () => {
    const seen: Array<[unknown, number]> = [];
    const toLatest = upcast(
      upcasterRegistry([
        {
          type: 'Noted',
          fromVersion: 1,
          upcast: (data, event) => (seen.push([data, event.schemaVersion]), { v: 2 }),
        },
        {
          type: 'Noted',
          fromVersion: 2,
          upcast: (data, event) => (seen.push([data, event.schemaVersion]), { v: 3 }),
        },
        { type: 'Noted', fromVersion: 4, upcast: () => ({ v: 5 }) },
        { type: 'Other', fromVersion: 1, upcast: () => ({ other: true }) },
      ]),
    );
    const store = new InMemoryEventStore();
    await store.append('s', [noted('a', 1, { v: 1 })]);
    const [stored] = await store.readStream('s');
    expect(toLatest(stored!)).toMatchObject({ type: 'Noted', schemaVersion: 3, data: { v: 3 } });
    expect(seen).toEqual([
      [{ v: 1 }, 1],
      [{ v: 2 }, 2],
    ]);
  });

  it('an event of a type with no upcaster, or at a version no step starts from, is returned as it is', async () => {
    const store = new InMemoryEventStore();
    const { events } = await store.append('s', [
      newEvent({ type: 'Unknown', schemaVersion: 1 }),
      noted('b', 7, { text: 'late' }),
    ]);
    for (const event of events) expect(upcast(registry)(event)).toBe(event);
  });

  it('registers the steps of several types and versions side by side', () => {
    const first = (d: unknown): unknown => d;
    const second = (d: unknown): unknown => d;
    const third = (d: unknown): unknown => d;
    const { steps } = upcasterRegistry([
      { type: 'A', fromVersion: 1, upcast: first },
      { type: 'B', fromVersion: 1, upcast: second },
      { type: 'A', fromVersion: 2, upcast: third },
    ]);
    expect([...steps.keys()]).toEqual(['A', 'B']);
    expect([...steps.get('A')!]).toEqual([
      [1, first],
      [2, third],
    ]);
    expect([...steps.get('B')!]).toEqual([[1, second]]);
  });

  it('withUpcasting: every read takes its options and upcasts, every other call goes to the store unchanged', async () => {
    const store = new InMemoryEventStore();
    const view = withUpcasting(store, registry);
    const appended = await view.append(
      's',
      [noted('a', 1, { note: 'one' }), noted('b', 1, { note: 'two' })],
      {
        expectedVersion: 'no_stream',
      },
    );
    expect(appended.events.map((event) => event.schemaVersion)).toEqual([1, 1]);
    await expect(
      view.append('s', [noted('c', 1, { note: 'x' })], { expectedVersion: 'no_stream' }),
    ).rejects.toMatchObject({ code: 'CONCURRENCY_CONFLICT' });
    const [written] = await view.appendMany([
      { streamId: 't', expectedVersion: 'no_stream', events: [noted('d', 2, { text: 'three' })] },
    ]);
    expect(written!.events[0]).toMatchObject({ schemaVersion: 2, data: { text: 'three' } });
    expect(await view.streamVersion('s')).toBe(2);
    expect(await view.headPosition()).toBe(3);

    const fromSecond = await view.readStream('s', { fromVersion: 2 });
    expect(fromSecond.map((event) => [event.id, event.schemaVersion, event.data])).toEqual([
      ['b', 3, { text: 'two', pinned: false }],
    ]);
    const afterFirst: RecordedEvent[] = [];
    for await (const batch of view.readAll({ after: 1, batchSize: 1 })) {
      expect(batch).toHaveLength(1);
      afterFirst.push(...batch);
    }
    expect(afterFirst.map((event) => [event.id, event.schemaVersion])).toEqual([
      ['b', 3],
      ['d', 3],
    ]);

    const subscription = view.subscribe({ after: 2 });
    const live: RecordedEvent[] = [];
    for await (const batch of subscription) {
      live.push(...batch);
      if (live.length === 1) await subscription.close();
    }
    expect(live.map((event) => [event.id, event.data])).toEqual([['d', { text: 'three', pinned: false }]]);

    await view.close();
    await expect(store.headPosition()).rejects.toMatchObject({ code: 'STORE_CLOSED' });
  });
});
