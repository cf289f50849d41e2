import { describe, expect, it } from 'vitest';
import { fixedContext } from './commandContext.js';
import { commandHandler } from './commandHandler.js';
import type { RecordedEvent } from './envelope.js';
import { InMemoryEventStore } from './inMemoryStore.js';
import { applyEvents, foldProjection } from './projection.js';
import { ProjectionRunner, replayProjection } from './projectionRunner.js';
import { contactCommand, contactsProjection, tagCountsProjection } from './testFixtures/contacts.js';

const at = (minute: number) =>
  fixedContext({
    actor: 'u_ann',
    now: `2026-11-23T09:${String(minute).padStart(2, '0')}:00.000Z`,
    idPrefix: `m${minute}`,
  });

const seed = async () => {
  const store = new InMemoryEventStore();
  const runner = new ProjectionRunner(store, [contactsProjection, tagCountsProjection], { snapshots: store });
  await runner.start();
  const handle = commandHandler(store, contactCommand, { onAppended: [runner.onAppended] });
  await handle({ type: 'AddContact', contactId: 'c1', name: 'Ann' }, at(1));
  await handle({ type: 'AddContact', contactId: 'c2', name: 'Bob' }, at(2));
  await handle({ type: 'Tag', contactId: 'c1', tag: 'vip' }, at(3));
  await handle({ type: 'RenameContact', contactId: 'c1', name: 'Anna' }, at(4));
  return { store, runner, handle };
};

const everything = async (store: InMemoryEventStore): Promise<RecordedEvent[]> => {
  const all: RecordedEvent[] = [];
  for await (const batch of store.readAll()) all.push(...batch);
  return all;
};

describe('projections', () => {
  it('keep one frozen document per key, changed by the recipe of each event type', async () => {
    const { runner } = await seed();
    const contacts = runner.view<{ name: string; tags: string[]; renames: number }>('contacts');
    expect(contacts.get('c1')).toEqual({ name: 'Anna', tags: ['vip'], renames: 1 });
    expect(contacts.get('c2')).toEqual({ name: 'Bob', tags: [], renames: 0 });
    expect(Object.isFrozen(contacts.get('c1'))).toBe(true);
    expect(contacts.checkpoint).toBe(4);
    expect(runner.view('tagCounts').get('vip')).toEqual({ count: 1, contacts: ['c1'] });
  });

  it('leave untouched documents as they were (same object) and remove a document whose recipe returns nothing', async () => {
    const { store, runner, handle } = await seed();
    const contacts = runner.view('contacts');
    const bob = contacts.get('c2');
    await handle({ type: 'RemoveContact', contactId: 'c1' }, at(5));
    expect(contacts.get('c1')).toBeUndefined();
    expect(contacts.get('c2')).toBe(bob);
    expect(foldProjection(contactsProjection, await everything(store)).has('c1')).toBe(false);
  });

  it('R-AUDIT-3: a rebuild from scratch equals the live projection', async () => {
    const { runner } = await seed();
    const live = new Map(runner.view('contacts').documents);
    await runner.rebuild();
    expect(new Map(runner.view('contacts').documents)).toEqual(live);
  });

  it('R-AUDIT-3: restart from a snapshot of the same version, and rebuild when the version differs', async () => {
    const { store, runner, handle } = await seed();
    await runner.saveSnapshots();
    await handle({ type: 'Tag', contactId: 'c2', tag: 'friend' }, at(6));
    const restarted = new ProjectionRunner(store, [contactsProjection], { snapshots: store });
    await restarted.start();
    expect(new Map(restarted.view('contacts').documents)).toEqual(new Map(runner.view('contacts').documents));

    await store.saveSnapshot({
      projection: 'contacts',
      version: 1,
      checkpoint: 5,
      state: { documents: [['c9', { name: 'Ghost', tags: [], renames: 0 }]] },
    });
    const fromOurSnapshot = new ProjectionRunner(store, [contactsProjection], { snapshots: store });
    await fromOurSnapshot.start();
    expect(fromOurSnapshot.view('contacts').get('c9')).toEqual({ name: 'Ghost', tags: [], renames: 0 });

    const changed = { ...contactsProjection, version: 2 };
    const rebuilt = new ProjectionRunner(store, [changed], { snapshots: store });
    await rebuilt.start();
    expect(rebuilt.view('contacts').get('c9')).toBeUndefined();
    expect(new Map(rebuilt.view('contacts').documents)).toEqual(new Map(runner.view('contacts').documents));
  });

  it('R-AUDIT-3: replays to a position or to an instant', async () => {
    const { store } = await seed();
    expect((await replayProjection(store, contactsProjection, { to: 3 })).get('c1')).toEqual({
      name: 'Ann',
      tags: ['vip'],
      renames: 0,
    });
    const asOf = await replayProjection(store, contactsProjection, { until: '2026-11-23T09:01:30.000Z' });
    expect([...asOf.keys()]).toEqual(['c1']);
  });

  it('apply events written by others before the inline events, reading them from the store', async () => {
    const { store, runner, handle } = await seed();
    await commandHandler(store, contactCommand)({ type: 'AddContact', contactId: 'c3', name: 'Cy' }, at(7));
    await handle({ type: 'Tag', contactId: 'c3', tag: 'press' }, at(8));
    expect(runner.view('contacts').get('c3')).toEqual({ name: 'Cy', tags: ['press'], renames: 0 });
  });

  it('follow a store live until aborted', async () => {
    const { store } = await seed();
    const follower = new ProjectionRunner(store, [contactsProjection]);
    const controller = new AbortController();
    const following = follower.follow(controller.signal);
    await commandHandler(store, contactCommand)({ type: 'AddContact', contactId: 'c3', name: 'Cy' }, at(9));
    while (follower.view('contacts').checkpoint < 5) await new Promise((resolve) => setImmediate(resolve));
    controller.abort();
    await following;
    expect(follower.view<{ name: string }>('contacts').get('c3')?.name).toBe('Cy');
  });

  it('a batch makes one draft per touched key: applying events one by one gives the same documents', async () => {
    const { store } = await seed();
    const events = await everything(store);
    const oneByOne = new Map();
    for (const event of events) applyEvents(contactsProjection, oneByOne, [event]);
    expect(oneByOne).toEqual(foldProjection(contactsProjection, events));
  });
});
