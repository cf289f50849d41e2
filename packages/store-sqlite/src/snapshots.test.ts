import { afterAll, describe, expect, it } from 'vitest';
import type { ProjectionSnapshot } from '@rapport/core';
import { createTempDir, newEvent } from '@rapport/core/testing';
import { openSqliteEventStore, type SqliteEventStore } from './index.js';

const temp = createTempDir('sqlite-snapshots');
afterAll(() => temp.remove());

describe('projection snapshots', () => {
  it('a snapshot is kept with its checkpoint in the same file, across a restart', async () => {
    const path = temp.file('snapshots.db');
    const store = await openSqliteEventStore({ path });
    const snapshot: ProjectionSnapshot = {
      projection: 'contacts-by-stage',
      version: 3,
      checkpoint: 42,
      state: { lead: ['c1', 'c2'], active: [] },
    };
    await store.saveSnapshot(snapshot);
    await store.close();
    const reopened = await openSqliteEventStore({ path });
    expect(await reopened.loadSnapshot('contacts-by-stage')).toEqual(snapshot);
    expect(await reopened.loadSnapshot('unknown')).toBeUndefined();
    await reopened.close();
  });

  it('saving again replaces the snapshot, whatever its version', async () => {
    const store = await openSqliteEventStore({ path: ':memory:' });
    await store.saveSnapshot({ projection: 'p', version: 1, checkpoint: 10, state: { n: 1 } });
    await store.saveSnapshot({ projection: 'p', version: 2, checkpoint: 0, state: null });
    expect(await store.loadSnapshot('p')).toEqual({
      projection: 'p',
      version: 2,
      checkpoint: 0,
      state: null,
    });
    await store.close();
  });

  it('a malformed snapshot is refused with its path', async () => {
    const store = await openSqliteEventStore({ path: ':memory:' });
    const bad = { projection: 'p', version: 1, checkpoint: -1, state: {} };
    await expect(store.saveSnapshot(bad)).rejects.toMatchObject({
      code: 'INVALID_SNAPSHOT',
      message: 'the snapshot is invalid: at checkpoint: expected NonNegativeInteger, got the number -1',
    });
    await expect(
      store.saveSnapshot({ projection: 'p', version: 1, checkpoint: 1, state: 1n }),
    ).rejects.toMatchObject({ code: 'INVALID_SNAPSHOT' });
    expect(await store.loadSnapshot('p')).toBeUndefined();
    await store.close();
  });
});

/**
 * What an app does on start with a projection counting events per stream: load the snapshot, use
 * it only if it was written by the same projection version, read what follows its checkpoint, save.
 */
const startProjection = async (store: SqliteEventStore, version: number) => {
  const snapshot = await store.loadSnapshot('events-per-stream');
  const usable = snapshot?.version === version ? snapshot : undefined;
  const counts = { ...((usable?.state as Record<string, number> | undefined) ?? {}) };
  let checkpoint = usable?.checkpoint ?? 0;
  let read = 0;
  for await (const batch of store.readAll({ after: checkpoint })) {
    for (const event of batch) counts[event.streamId] = (counts[event.streamId] ?? 0) + 1;
    read += batch.length;
    checkpoint = batch[batch.length - 1]?.globalPosition ?? checkpoint;
  }
  await store.saveSnapshot({ projection: 'events-per-stream', version, checkpoint, state: counts });
  return { counts, read };
};

describe('restarting an app from its snapshots', () => {
  it('R-AUDIT-3: a restart reads only what follows the checkpoint; a snapshot of an older projection version is rebuilt', async () => {
    const path = temp.file('restart.db');
    const first = await openSqliteEventStore({ path });
    await first.append('a', [newEvent(), newEvent()]);
    await first.append('b', [newEvent()]);
    expect(await startProjection(first, 1)).toEqual({ counts: { a: 2, b: 1 }, read: 3 });
    await first.append('b', [newEvent()]);
    await first.close();

    const restarted = await openSqliteEventStore({ path });
    expect(await startProjection(restarted, 1)).toEqual({ counts: { a: 2, b: 2 }, read: 1 });
    expect(await startProjection(restarted, 2)).toEqual({ counts: { a: 2, b: 2 }, read: 4 });
    expect(await restarted.loadSnapshot('events-per-stream')).toMatchObject({ version: 2, checkpoint: 4 });
    await restarted.close();
  });
});
