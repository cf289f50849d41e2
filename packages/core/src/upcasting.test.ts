import { describe, expect, it } from 'vitest';
import type { NewEvent } from './envelope.js';
import { InMemoryEventStore } from './inMemoryStore.js';
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
    ).toThrow(expect.objectContaining({ code: 'DUPLICATE_UPCASTER' }));
  });
});
