import { afterAll, describe, expect, it } from 'vitest';
import type { ProjectionSnapshot } from '@rapport/core';
import { createTempDir } from './fixtures/tempDir.js';
import { openSqliteEventStore } from './index.js';

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
