import { afterAll, describe, expect, it } from 'vitest';
import { InMemoryEventStore, type RecordedEvent } from '@rapport/core';
import { historyProblems, newEvent, readEverything } from '@rapport/core/testing';
import { createTarget } from './fixtures/target.js';

const target = createTarget('import');
afterAll(() => target.dispose());

const sourceHistory = async (): Promise<ReadonlyArray<RecordedEvent>> => {
  const source = new InMemoryEventStore();
  await source.append('a', [newEvent(), newEvent({ data: { z: 1, a: [{ d: 1, c: 2 }] } })]);
  await source.appendMany([
    { streamId: 'b', expectedVersion: 'no_stream', events: [newEvent()] },
    { streamId: 'a', expectedVersion: 2, events: [newEvent()] },
  ]);
  return readEverything(source);
};

describe(`importing a recorded history (${target.kind})`, () => {
  it('R-AUDIT-5: a history exported from another store keeps its hashes and chain; a rerun skips it', async () => {
    const events = await sourceHistory();
    const store = await target.open();
    await store.append('already-here', [newEvent()]);
    expect(await store.importEvents(events)).toEqual({ imported: 4, skipped: 0 });
    expect(await store.importEvents(events)).toEqual({ imported: 0, skipped: 4 });
    const stored = await readEverything(store);
    expect(historyProblems(stored)).toEqual([]);
    const withoutPosition = (event: RecordedEvent) => ({ ...event, globalPosition: 0 });
    expect(stored.slice(1).map(withoutPosition)).toEqual(events.map(withoutPosition));
    expect(await store.append('a', [newEvent()], { expectedVersion: 3 })).toMatchObject({
      nextExpectedVersion: 4,
    });
    await store.close();
  });

  it('R-AUDIT-5: an altered, removed or reordered event is refused and nothing of the batch is stored', async () => {
    const events = await sourceHistory();
    const store = await target.open();
    const altered = events.map((event, index) => (index === 1 ? { ...event, data: { z: 2 } } : event));
    await expect(store.importEvents(altered)).rejects.toMatchObject({
      code: 'IMPORT_CHAIN_BROKEN',
      message: expect.stringContaining('does not match its hash'),
    });
    await expect(store.importEvents(events.filter((_, index) => index !== 0))).rejects.toMatchObject({
      code: 'IMPORT_CHAIN_BROKEN',
    });
    await expect(store.importEvents([...events].reverse())).rejects.toMatchObject({
      code: 'IMPORT_CHAIN_BROKEN',
    });
    expect(await store.headPosition()).toBe(0);
    await store.close();
  });
});
