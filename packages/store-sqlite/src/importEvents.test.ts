import { afterAll, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '@rapport/core';
import { createTempDir, historyProblems, newEvent, readEverything } from '@rapport/core/testing';
import { openSqliteEventStore } from './index.js';

const temp = createTempDir('sqlite-import');
afterAll(() => temp.remove());

const sourceHistory = async (): Promise<ReadonlyArray<RecordedEvent>> => {
  const source = await openSqliteEventStore({ path: ':memory:' });
  await source.append('a', [newEvent(), newEvent()]);
  await source.appendMany([
    { streamId: 'b', expectedVersion: 'no_stream', events: [newEvent({ data: { z: 1, a: { y: [1, 2] } } })] },
    { streamId: 'a', expectedVersion: 2, events: [newEvent()] },
  ]);
  const events = await readEverything(source);
  await source.close();
  return events;
};

describe('importing a recorded history', () => {
  it('R-AUDIT-5: an exported history imported into another store keeps its hashes and its chain', async () => {
    const events = await sourceHistory();
    const target = await openSqliteEventStore({ path: temp.file('target.db') });
    await target.append('already-here', [newEvent()]);
    expect(await target.importEvents(events)).toEqual({ imported: 4, skipped: 0 });
    const stored = await readEverything(target);
    expect(historyProblems(stored)).toEqual([]);
    const imported = stored.slice(1);
    const withoutPosition = (event: RecordedEvent) => ({ ...event, globalPosition: 0 });
    expect(imported.map(withoutPosition)).toEqual(events.map(withoutPosition));
    expect(imported.map((event) => event.globalPosition)).toEqual([2, 3, 4, 5]);
    await target.close();
  });

  it('an import run again skips what is already stored', async () => {
    const events = await sourceHistory();
    const target = await openSqliteEventStore({ path: ':memory:' });
    await target.importEvents(events.slice(0, 2));
    expect(await target.importEvents(events)).toEqual({ imported: 2, skipped: 2 });
    expect(await target.headPosition()).toBe(4);
    await target.close();
  });

  it('R-AUDIT-5: an altered event is refused and nothing of the batch is stored', async () => {
    const events = await sourceHistory();
    const altered = events.map((event, index) => (index === 2 ? { ...event, data: { z: 2 } } : event));
    const target = await openSqliteEventStore({ path: ':memory:' });
    await expect(target.importEvents(altered)).rejects.toMatchObject({
      code: 'IMPORT_CHAIN_BROKEN',
      message: expect.stringContaining('does not match its hash'),
    });
    expect(await target.headPosition()).toBe(0);
    await target.close();
  });

  it('R-AUDIT-5: a removed or reordered event is refused', async () => {
    const events = await sourceHistory();
    const target = await openSqliteEventStore({ path: ':memory:' });
    const withoutSecond = events.filter((_, index) => index !== 1);
    await expect(target.importEvents(withoutSecond)).rejects.toMatchObject({ code: 'IMPORT_CHAIN_BROKEN' });
    const [first, second, ...rest] = events;
    if (first === undefined || second === undefined) throw new Error('the source history is too short');
    await expect(target.importEvents([second, first, ...rest])).rejects.toMatchObject({
      code: 'IMPORT_CHAIN_BROKEN',
    });
    expect(await target.headPosition()).toBe(0);
    await target.close();
  });

  it('an event whose id is stored with another hash is refused', async () => {
    const events = await sourceHistory();
    const target = await openSqliteEventStore({ path: ':memory:' });
    const first = events[0];
    if (first === undefined) throw new Error('the source history is empty');
    await target.append('a', [{ ...first, data: { different: true } }]);
    await expect(target.importEvents(events)).rejects.toMatchObject({ code: 'IMPORT_CONFLICT' });
    await target.close();
  });

  it('a malformed event is refused with its path', async () => {
    const target = await openSqliteEventStore({ path: ':memory:' });
    const [first] = await sourceHistory();
    await expect(
      target.importEvents([{ ...first, hash: 42 } as unknown as RecordedEvent]),
    ).rejects.toMatchObject({
      code: 'INVALID_IMPORT',
      message: expect.stringContaining('at events[0].hash: expected string, got the number 42'),
    });
    await target.close();
  });
});
