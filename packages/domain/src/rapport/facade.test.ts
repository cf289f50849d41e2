import { afterAll, describe, expect, it } from 'vitest';
import { ConcurrencyError, createInMemoryEventStore, MAX_EVENT_BYTES } from '@rapport/core';
import { createTempDir } from '@rapport/core/testing';
import { openSqliteEventStore, type SqliteEventStore } from '@rapport/store-sqlite';
import { READ_MODELS_SNAPSHOT, READ_MODELS_VERSION, saveReadModels } from '../audit/readModels.js';
import { createRapport, type Rapport } from './facade.js';
import { projectionsOf } from '../testing/projections.js';
import { executeInput } from '../testing/execute.js';

const temp = createTempDir('facade-snapshots');
afterAll(() => temp.remove());

const acme = { orgId: 'acme' };
const USERS = ['ann', 'bob', 'cat'] as const;

/** The SQLite store of a file, with the global positions of every event its `readAll` gave. */
const opened = async (path: string): Promise<{ store: SqliteEventStore; positions: number[] }> => {
  const inner = await openSqliteEventStore({ path });
  const positions: number[] = [];
  const store: SqliteEventStore = {
    ...inner,
    readAll: async function* (options) {
      for await (const batch of inner.readAll(options)) {
        positions.push(...batch.map((event) => event.globalPosition));
        yield batch;
      }
    },
  };
  return { store, positions };
};

const accepted = async (rapport: Rapport, command: Record<string, unknown>): Promise<void> => {
  const result = await executeInput(rapport, command);
  if (result._tag === 'Left') throw new Error(`expected ${String(command['type'])}: ${result.left.message}`);
};

/** An organization with shared, assigned and followed contacts, tags, an audience and sync prompts. */
const history = async (rapport: Rapport): Promise<void> => {
  await accepted(rapport, { type: 'CreateOrganization', actor: 'ann', ...acme, name: 'Acme' });
  await accepted(rapport, { type: 'AddMember', actor: 'ann', ...acme, userId: 'bob', role: 'manager' });
  await accepted(rapport, { type: 'AddMember', actor: 'ann', ...acme, userId: 'cat', role: 'member' });
  for (const actor of USERS)
    await accepted(rapport, {
      type: 'AddContact',
      actor,
      ...acme,
      contactId: 'ada',
      kind: 'person',
      name: 'Ada',
    });
  await accepted(rapport, {
    type: 'SetSegment',
    actor: 'bob',
    ...acme,
    contactId: 'ada',
    segmentId: 'customer',
  });
  await accepted(rapport, { type: 'AssignUser', actor: 'bob', ...acme, contactId: 'ada', userId: 'bob' });
  await accepted(rapport, {
    type: 'SetSegment',
    actor: 'cat',
    ...acme,
    contactId: 'ada',
    segmentId: 'customer',
  });
  await accepted(rapport, { type: 'SetStage', actor: 'cat', ...acme, contactId: 'ada', stage: 'lead' });
  await accepted(rapport, {
    type: 'DefineAudience',
    actor: 'cat',
    ...acme,
    audienceId: 'vips',
    name: 'VIPs',
    filter: { op: 'tags', match: 'any', tags: ['VIP'] },
  });
};

/** What happens after the snapshot: a team tag that flows or prompts, and a personal tag. */
const later = async (rapport: Rapport): Promise<void> => {
  await accepted(rapport, {
    type: 'ApplyTag',
    actor: 'bob',
    ...acme,
    contactId: 'ada',
    tag: 'VIP',
    target: 'team',
  });
  await accepted(rapport, { type: 'ApplyTag', actor: 'cat', ...acme, contactId: 'ada', tag: 'VIP' });
  await accepted(rapport, { type: 'ApplyTag', actor: 'ann', ...acme, contactId: 'ada', tag: 'Golf' });
};

/** Everything a member reads through the facade, and the projections' state. */
const views = async (rapport: Rapport) => ({
  projections: (await projectionsOf(rapport)).snapshot(),
  team: await rapport.as('ann').teamView('acme'),
  members: await Promise.all(
    USERS.map(async (userId) => ({
      myPeople: await rapport.as(userId).myPeople('acme'),
      audiences: await rapport.as(userId).audiences('acme'),
      vips: await rapport.as(userId).members('acme', 'vips', 'team'),
      prompts: await rapport.as(userId).prompts('acme'),
      sync: await rapport.as(userId).syncState('acme', 'ada'),
    })),
  ),
});

const range = (from: number, to: number): number[] =>
  Array.from({ length: Math.max(0, to - from + 1) }, (_, index) => from + index);

/** A history saved at a checkpoint, with more events after it, in a SQLite file. */
const savedThenContinued = async (name: string) => {
  const path = temp.file(name);
  const first = await openSqliteEventStore({ path });
  const app = createRapport({ store: first, snapshots: first });
  await history(app);
  const saved = await app.saveSnapshot();
  if (saved._tag === 'Left') throw new Error(saved.left.message);
  await later(app);
  const head = await first.headPosition();
  await first.close();
  return { path, checkpoint: saved.right, head };
};

/** A facade over the file that replays the whole history, with no snapshot store. */
const scratchViews = async (path: string) => {
  const { store, positions } = await opened(path);
  const scratch = createRapport({ store });
  const seen = await views(scratch);
  await store.close();
  return { seen, positions };
};

describe('a facade restarting from a snapshot', () => {
  it('R-AUDIT-3: a new facade over the store reads only the events after the saved checkpoint, and its views equal a replay from scratch', async () => {
    const { path, checkpoint, head } = await savedThenContinued('restart.db');
    expect(checkpoint).toBeGreaterThan(0);
    expect(head).toBeGreaterThan(checkpoint);

    const { store, positions } = await opened(path);
    const restarted = createRapport({ store, snapshots: store });
    const seen = await views(restarted);
    // The event at the checkpoint is read once, to check that it is the one the snapshot was built up to.
    expect(positions).toEqual(range(checkpoint, head));
    const scratch = await scratchViews(path);
    expect(scratch.positions).toEqual(range(1, head));
    expect(seen).toEqual(scratch.seen);
    expect(seen.members[2]?.vips).toEqual({ _tag: 'Right', right: ['ada'] });
    expect(seen.members.some((read) => read.prompts._tag === 'Right' && read.prompts.right.length > 0)).toBe(
      true,
    );
    await store.close();
  });

  it('R-AUDIT-3: a facade started from a snapshot keeps executing commands as one that replayed everything', async () => {
    const { path } = await savedThenContinued('continue.db');
    const { store } = await opened(path);
    const restarted = createRapport({ store, snapshots: store });
    await accepted(restarted, { type: 'SetStage', actor: 'bob', ...acme, contactId: 'ada', stage: 'active' });
    await accepted(restarted, { type: 'RemoveTag', actor: 'cat', ...acme, contactId: 'ada', tag: 'VIP' });
    const seen = await views(restarted);
    await store.close();
    expect(seen).toEqual((await scratchViews(path)).seen);
  });

  it('a snapshot saved again after a restart, with or without new events, starts the next facade at its checkpoint', async () => {
    const { path, head } = await savedThenContinued('resave.db');
    for (let restart = 0; restart < 2; restart += 1) {
      const { store } = await opened(path);
      const restarted = createRapport({ store, snapshots: store });
      expect(await restarted.saveSnapshot()).toEqual({ _tag: 'Right', right: head });
      await store.close();
    }

    const again = await opened(path);
    const next = createRapport({ store: again.store, snapshots: again.store });
    const seen = await views(next);
    expect(again.positions).toEqual([head]);
    await again.store.close();
    expect(seen).toEqual((await scratchViews(path)).seen);
  });

  it('a snapshot of another READ_MODELS_VERSION is ignored and the whole history replayed', async () => {
    const { path, head } = await savedThenContinued('version.db');
    const { store, positions } = await opened(path);
    const saved = await store.loadSnapshot(READ_MODELS_SNAPSHOT);
    if (saved === undefined) throw new Error('no snapshot saved');
    await store.saveSnapshot({ ...saved, version: READ_MODELS_VERSION + 1 });
    const restarted = createRapport({ store, snapshots: store });
    const seen = await views(restarted);
    expect(positions).toEqual(range(1, head));
    await store.close();
    expect(seen).toEqual((await scratchViews(path)).seen);
  });

  it("a snapshot whose checkpoint event's hash does not match the store is ignored and the whole history replayed", async () => {
    const { path, checkpoint, head } = await savedThenContinued('hash.db');
    const { store, positions } = await opened(path);
    const saved = await store.loadSnapshot(READ_MODELS_SNAPSHOT);
    if (saved === undefined) throw new Error('no snapshot saved');
    const snapshot = saved.state as Parameters<typeof saveReadModels>[1];
    await saveReadModels(store, { ...snapshot, hash: 'f'.repeat(64) });
    const restarted = createRapport({ store, snapshots: store });
    const seen = await views(restarted);
    expect(positions).toEqual([checkpoint, ...range(1, head)]);
    await store.close();
    expect(seen).toEqual((await scratchViews(path)).seen);
  });

  it('saving a snapshot without a snapshot store is refused and saves nothing', async () => {
    const store = createInMemoryEventStore();
    const rapport = createRapport({ store });
    await history(rapport);
    const result = await rapport.saveSnapshot();
    expect(result._tag === 'Left' && result.left.code).toBe('NO_SNAPSHOT_STORE');
    expect(await store.loadSnapshot(READ_MODELS_SNAPSHOT)).toBeUndefined();
  });
});

describe('a facade whose appends keep meeting concurrent writes', () => {
  it('R-AUDIT-1: gives a CONCURRENCY_CONFLICT rejection after its retries and appends nothing', async () => {
    const inner = createInMemoryEventStore();
    let attempts = 0;
    const store = {
      ...inner,
      readStream: inner.readStream.bind(inner),
      streamVersion: inner.streamVersion.bind(inner),
      readAll: inner.readAll.bind(inner),
      subscribe: inner.subscribe.bind(inner),
      headPosition: inner.headPosition.bind(inner),
      close: inner.close.bind(inner),
      append: inner.append.bind(inner),
      appendMany: async () => {
        attempts += 1;
        throw new ConcurrencyError('org-acme', 0, 1);
      },
    };
    const rapport = createRapport({ store, maxRetries: 2 });
    const result = await rapport.execute({ type: 'CreateOrganization', actor: 'ann', ...acme, name: 'Acme' });
    expect(result._tag === 'Left' && result.left.code).toBe('CONCURRENCY_CONFLICT');
    expect(result._tag === 'Left' && result.left.message).toMatch(
      /^Rejected CreateOrganization: stream "org-acme" kept changing .* \(3 attempts\); try again$/,
    );
    expect(attempts).toBe(3);
    expect(await inner.headPosition()).toBe(0);
  });
});

describe('a command given its own id', () => {
  it("R-AUDIT-1: its events are <commandId>~0, ~1… in order, also after an attempt that met a concurrent write, and its reactions' derive from their trigger", async () => {
    const inner = createInMemoryEventStore();
    let conflicts = 1;
    const store = {
      ...inner,
      readStream: inner.readStream.bind(inner),
      streamVersion: inner.streamVersion.bind(inner),
      readAll: inner.readAll.bind(inner),
      subscribe: inner.subscribe.bind(inner),
      headPosition: inner.headPosition.bind(inner),
      close: inner.close.bind(inner),
      append: inner.append.bind(inner),
      appendMany: async (...args: Parameters<typeof inner.appendMany>) => {
        if (conflicts-- > 0) throw new ConcurrencyError('org-acme', 0, 1);
        return inner.appendMany(...args);
      },
    };
    const rapport = createRapport({ store });
    const created = await rapport.execute(
      { type: 'CreateOrganization', actor: 'ann', ...acme, name: 'Acme' },
      { commandId: 'line-1' },
    );
    expect(created._tag === 'Right' && created.right.map((event) => event.id)).toEqual(
      created._tag === 'Right' ? created.right.map((_, index) => `line-1~${index}`) : [],
    );
    // A business contact is shared by the auto-share reaction: the command's events take ids from
    // the command's id, the reaction's from the event that set it off.
    await rapport.execute({
      type: 'AddContact',
      actor: 'ann',
      ...acme,
      contactId: 'ada',
      kind: 'person',
      name: 'Ada',
    });
    const added = await rapport.execute(
      { type: 'SetSegment', actor: 'ann', ...acme, contactId: 'ada', segmentId: 'customer' },
      { commandId: 'line-2' },
    );
    const ids = added._tag === 'Right' ? added.right.map((event) => event.id) : [];
    expect(ids[0]).toBe('line-2~0');
    expect(ids.slice(1)).toEqual(['line-2~0.share.0.0']);
    const stored: string[] = [];
    for await (const batch of inner.readAll()) stored.push(...batch.map((event) => event.id));
    expect(stored.filter((id) => id.startsWith('line-2~'))).toEqual(ids);
    // The same command given again is refused by the store: nothing is stored twice.
    const again = await rapport.execute(
      { type: 'SetSegment', actor: 'ann', ...acme, contactId: 'ada', segmentId: 'partner' },
      { commandId: 'line-2' },
    );
    expect(again._tag === 'Left' && again.left.code).toBe('DUPLICATE_EVENT_ID');
    expect(await inner.headPosition()).toBe(stored.length);
  });
});

describe('an event over the size limit', () => {
  it('R-AUDIT-1: a command whose event would take more than MAX_EVENT_BYTES is rejected with EVENT_TOO_LARGE and appends nothing', async () => {
    const store = createInMemoryEventStore();
    const rapport = createRapport({ store });
    const on = { actor: 'ann', ...acme, contactId: 'ada' };
    await accepted(rapport, { type: 'CreateOrganization', actor: 'ann', ...acme, name: 'Acme' });
    await accepted(rapport, { type: 'AddContact', ...on, kind: 'company', name: 'Ada Ltd' });
    // Each item is within every input limit; sharing copies all of them into one event.
    for (let item = 0; item < 60; item++)
      await accepted(rapport, {
        type: 'SetContactInfo',
        ...on,
        item: { itemId: `n${item}`, kind: 'note', value: `${item} ${'x'.repeat(4_900)}` },
      });
    const head = await store.headPosition();

    const shared = await rapport.execute({ type: 'ShareContact', ...on });

    expect(shared._tag === 'Left' && shared.left).toMatchObject({
      code: 'EVENT_TOO_LARGE',
      details: { maxBytes: MAX_EVENT_BYTES },
    });
    expect(await store.headPosition()).toBe(head);
  });
});
