import { afterAll, describe, expect, it } from 'vitest';
import { ConcurrencyError, hashEvent } from '@rapport/core';
import { historyProblems, newEvent, readEverything } from '@rapport/core/testing';
import { createTarget } from './fixtures/target.js';

const target = createTarget('store');
afterAll(() => target.dispose());

describe(`PostgreSQL event store (${target.kind})`, () => {
  it('R-AUDIT-2: an event keeps its envelope and its data exactly, and its hash verifies when read back', async () => {
    const store = await target.open();
    const data = { z: 'nul \u0000 and emoji 🧭', a: { y: [1.5, -0, 1e21, null], b: true }, '10': 1, '2': 2 };
    const event = newEvent({ data, causationId: 'cmd-1' });
    await store.append('contact-1', [event], { expectedVersion: 'no_stream' });
    const [stored] = await store.readStream('contact-1');
    expect(stored).toMatchObject({ id: event.id, causationId: 'cmd-1', streamVersion: 1, globalPosition: 1 });
    expect(stored?.data).toEqual({
      z: 'nul \u0000 and emoji 🧭',
      a: { y: [1.5, 0, 1e21, null], b: true },
      '10': 1,
      '2': 2,
    });
    expect(stored?.hash).toBe(hashEvent(null, { ...event, streamId: 'contact-1', streamVersion: 1 }));
    expect(await store.readStream('contact-1', { fromVersion: 2 ** 40 })).toEqual([]);
    await store.close();
  });

  it('R-AUDIT-1: appends racing on one stream are decided on its real head: any goes after, a stale version conflicts, a reused id is a retry', async () => {
    const store = await target.open();
    const [one, two] = await Promise.all([
      store.append('raced', [newEvent(), newEvent()]),
      store.append('raced', [newEvent()]),
    ]);
    // Either is stored first; the other goes after it, whatever head it read.
    expect([
      [2, 3],
      [3, 1],
    ]).toContainEqual([one.nextExpectedVersion, two.nextExpectedVersion]);
    const outcomes = await Promise.allSettled(
      [0, 1].map(() => store.append('created', [newEvent()], { expectedVersion: 'no_stream' })),
    );
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
    expect(outcomes.find((outcome) => outcome.status === 'rejected')).toMatchObject({
      reason: expect.objectContaining({ code: 'CONCURRENCY_CONFLICT', expected: 'no_stream', actual: 1 }),
    });
    const event = newEvent();
    const [first, retried] = await Promise.all([
      store.append('retried', [event]),
      store.append('retried', [event]),
    ]);
    expect(retried).toEqual(first);
    const everything = await readEverything(store);
    expect(everything).toHaveLength(5);
    expect(historyProblems(everything)).toEqual([]);
    await store.close();
  });

  it('R-AUDIT-1: a refused append stores nothing and leaves no gap in the positions', async () => {
    const store = await target.open();
    await store.append('a', [newEvent()]);
    await expect(
      store.appendMany([
        { streamId: 'b', expectedVersion: 'no_stream', events: [newEvent(), newEvent()] },
        { streamId: 'a', expectedVersion: 'no_stream', events: [newEvent()] },
      ]),
    ).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await store.streamVersion('b')).toBe(0);
    const next = await store.append('b', [newEvent()]);
    expect(next.events[0]?.globalPosition).toBe(2);
    expect(historyProblems(await readEverything(store))).toEqual([]);
    await store.close();
  });

  it('a notification wakes a subscriber of another store instance, without waiting for the poll', async () => {
    const schema = target.newSchema();
    const writer = await target.open({ schema });
    const reader = await target.open({ schema, pollIntervalMs: 3_600_000 });
    const subscription = reader.subscribe();
    const seen: number[] = [];
    const following = (async () => {
      for await (const batch of subscription) {
        seen.push(...batch.map((event) => event.globalPosition));
        if (seen.length === 3) await subscription.close();
      }
    })();
    await writer.append('s', [newEvent()]);
    await writer.append('s', [newEvent(), newEvent()]);
    await following;
    expect(seen).toEqual([1, 2, 3]);
    await reader.close();
    await writer.close();
  });

  it('closing the store ends its subscriptions and refuses further calls', async () => {
    const store = await target.open();
    const subscription = store.subscribe();
    const ended = (async () => {
      for await (const batch of subscription) void batch;
      return 'ended';
    })();
    await store.append('s', [newEvent()]);
    await store.close();
    expect(await ended).toBe('ended');
    await expect(store.headPosition()).rejects.toMatchObject({ code: 'STORE_CLOSED' });
  });

  it('a projection snapshot is kept with its checkpoint in the same schema, for the next instance', async () => {
    const schema = target.newSchema();
    const first = await target.open({ schema });
    await first.saveSnapshot({
      projection: 'contacts-by-stage',
      version: 2,
      checkpoint: 40,
      state: { lead: ['c1'] },
    });
    await first.close();
    const next = await target.open({ schema });
    expect(await next.loadSnapshot('contacts-by-stage')).toEqual({
      projection: 'contacts-by-stage',
      version: 2,
      checkpoint: 40,
      state: { lead: ['c1'] },
    });
    await expect(
      next.saveSnapshot({ projection: '', version: 1, checkpoint: 0, state: {} }),
    ).rejects.toMatchObject({
      code: 'INVALID_SNAPSHOT',
    });
    await next.close();
  });

  it('a projection is claimed by one holder at a time, and free again once released', async () => {
    const schema = target.newSchema();
    const one = await target.open({ schema });
    const other = target.kind === 'server' ? await target.open({ schema }) : one;
    const claim = await one.claimProjection('contacts-by-stage');
    expect(claim?.projection).toBe('contacts-by-stage');
    expect(await other.claimProjection('contacts-by-stage')).toBeUndefined();
    const unrelated = await other.claimProjection('deals');
    expect(unrelated).toBeDefined();
    await claim?.release();
    const again = await other.claimProjection('contacts-by-stage');
    expect(again).toBeDefined();
    expect(again?.lost.aborted).toBe(false);
    await again?.release();
    await unrelated?.release();
    if (other !== one) await other.close();
    await one.close();
  });
});
