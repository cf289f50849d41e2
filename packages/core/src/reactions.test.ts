import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { defineAggregate } from './aggregate.js';
import { createCommandPipeline } from './commandPipeline.js';
import { monotonicUlid } from './commandContext.js';
import type { EventStore } from './eventStore.js';
import { InMemoryEventStore } from './inMemoryStore.js';
import { createReactor, followUpEventId, REACTIONS_CHECKPOINT, type Reaction } from './reactions.js';
import { RapportError } from './errors.js';
import { reject } from './rejection.js';
import { readEverything } from './testing/index.js';

type Add = { type: 'Add'; counterId: string; n: number };
type Added = { type: 'Added'; data: { counterId: string; n: number } };

const total = { name: 'counter', initialState: 0, evolve: (t: number, e: Added) => t + e.data.n };
const counter = defineAggregate<Add, { total: number }, Added>({
  name: 'counter',
  commandTypes: ['Add'],
  streams: (c) => ({ total: { streamId: `counter-${c.counterId}`, model: total } }),
  decide: (c, { total: t }) =>
    t + c.n > 1000
      ? E.left(reject('OVER_LIMIT', 'the total would pass 1000'))
      : E.right({ total: [{ type: 'Added', data: { counterId: c.counterId, n: c.n } }] }),
});

const pipelineOver = (store: EventStore) =>
  createCommandPipeline<Add, Added, null>({
    store,
    aggregates: [counter],
    decodeEvent: (event) => event as never,
    readModels: { current: () => null, caughtUp: async () => null, project: () => undefined },
    newId: monotonicUlid(),
  });

/** Every Add to counter `a` is mirrored to counter `b` (once, not mirrored again). */
const mirror: Reaction<Add, Added, null> = {
  name: 'mirror',
  react: (event) =>
    event.data.counterId === 'a'
      ? [{ command: { type: 'Add', counterId: 'b', n: event.data.n }, actor: 'system' }]
      : [],
};

const reactorOver = (store: InMemoryEventStore, reactions = [mirror], maxDepth?: number) =>
  createReactor<Add, Added, null>({
    store,
    pipeline: pipelineOver(store),
    reactions,
    decodeEvent: (event) => event as never,
    readModels: () => null,
    checkpoints: store,
    saveInterval: 0,
    ...(maxDepth === undefined ? {} : { maxDepth }),
  });

const meta = { actor: 'ann', correlationId: 'corr-1', causationId: null };

describe('durable reactions', () => {
  it('R-SYNC-10: a follow-up cites its trigger as causation, keeps its correlation id and takes ids derived from it', async () => {
    const store = new InMemoryEventStore();
    const reactor = reactorOver(store);
    const added = await pipelineOver(store).run({ type: 'Add', counterId: 'a', n: 2 }, meta);
    const trigger = E.isRight(added) ? added.right.events[0]! : undefined;
    const followUps = await reactor.drain(E.isRight(added) ? added.right.events : []);
    expect(followUps).toMatchObject([
      {
        id: followUpEventId(trigger!.id, 'mirror', 0, 0),
        streamId: 'counter-b',
        actor: 'system',
        causationId: trigger!.id,
        correlationId: 'corr-1',
        data: { counterId: 'b', n: 2 },
      },
    ]);
  });

  it('R-SYNC-11: after a crash, a new reactor carries out from the saved checkpoint what no reactor did, once', async () => {
    const store = new InMemoryEventStore();
    const pipeline = pipelineOver(store);
    const before = reactorOver(store);
    const first = await pipeline.run({ type: 'Add', counterId: 'a', n: 1 }, meta);
    await before.drain(E.isRight(first) ? first.right.events : []);
    await before.save();
    // The process dies after appending, before reacting.
    await pipeline.run({ type: 'Add', counterId: 'a', n: 5 }, meta);
    expect((await store.loadSnapshot(REACTIONS_CHECKPOINT))?.checkpoint).toBe(2);

    await reactorOver(store).drain();
    const b = (await store.readStream('counter-b')).map((event) => event.data);
    expect(b).toEqual([
      { counterId: 'b', n: 1 },
      { counterId: 'b', n: 5 },
    ]);
  });

  it('R-SYNC-11: a reaction carried out whose checkpoint was not saved is not carried out twice (its derived ids are stored)', async () => {
    const store = new InMemoryEventStore();
    const pipeline = pipelineOver(store);
    await pipeline.run({ type: 'Add', counterId: 'a', n: 3 }, meta);
    const crashed = createReactor<Add, Added, null>({
      store,
      pipeline,
      reactions: [mirror],
      decodeEvent: (event) => event as never,
      readModels: () => null,
      // No checkpoint store: what it did is not remembered.
    });
    await crashed.drain();
    await reactorOver(store).drain();
    await reactorOver(store).drain();
    expect((await store.readStream('counter-b')).map((event) => (event.data as { n: number }).n)).toEqual([
      3,
    ]);
  });

  it('follow-ups that would set off follow-ups for ever stop at the depth limit', async () => {
    const store = new InMemoryEventStore();
    const echo: Reaction<Add, Added, null> = {
      name: 'echo',
      react: (event) => [
        { command: { type: 'Add', counterId: event.data.counterId, n: 1 }, actor: 'system' },
      ],
    };
    await pipelineOver(store).run({ type: 'Add', counterId: 'a', n: 1 }, meta);
    await reactorOver(store, [echo], 4).drain();
    expect((await readEverything(store)).length).toBe(5);
  });

  it('a follow-up the rules refuse is final: the reactor moves on', async () => {
    const store = new InMemoryEventStore();
    const pipeline = pipelineOver(store);
    await pipeline.run({ type: 'Add', counterId: 'b', n: 999 }, meta);
    await pipeline.run({ type: 'Add', counterId: 'a', n: 5 }, meta);
    await pipeline.run({ type: 'Add', counterId: 'a', n: 1 }, meta);
    const reactor = reactorOver(store);
    await reactor.drain();
    expect((await store.readStream('counter-b')).map((event) => (event.data as { n: number }).n)).toEqual([
      999, 1,
    ]);
    expect(reactor.checkpoint).toBe(4);
  });

  it('R-SYNC-11: a follow-up that meets a busy store is pending: the checkpoint waits at its trigger until a later try carries it out', async () => {
    const store = new InMemoryEventStore();
    await pipelineOver(store).run({ type: 'Add', counterId: 'a', n: 5 }, meta);
    let busy = true;
    const appendMany: EventStore['appendMany'] = (writes) =>
      busy
        ? Promise.reject(new RapportError('STORE_BUSY', 'the database is locked'))
        : store.appendMany(writes);
    const flaky = new Proxy(store, {
      get: (target, key: keyof InMemoryEventStore) => {
        if (key === 'appendMany') return appendMany;
        const value: unknown = target[key];
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
    });
    const reactor = createReactor<Add, Added, null>({
      store: flaky,
      pipeline: createCommandPipeline<Add, Added, null>({
        store: flaky,
        aggregates: [counter],
        decodeEvent: (event) => event as never,
        readModels: { current: () => null, caughtUp: async () => null, project: () => undefined },
        newId: monotonicUlid(),
        storeRetries: 0,
      }),
      reactions: [mirror],
      decodeEvent: (event) => event as never,
      readModels: () => null,
    });
    await reactor.drain();
    expect([reactor.checkpoint, reactor.pending]).toEqual([0, true]);
    expect(await store.readStream('counter-b')).toEqual([]);
    busy = false;
    await reactor.drain();
    expect([reactor.checkpoint, reactor.pending]).toEqual([2, false]);
    expect((await store.readStream('counter-b')).map((event) => event.data)).toEqual([
      { counterId: 'b', n: 5 },
    ]);
  });
});
