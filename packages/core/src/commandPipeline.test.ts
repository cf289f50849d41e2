import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { defineAggregate } from './aggregate.js';
import { createCommandPipeline, isTransientStoreError } from './commandPipeline.js';
import { monotonicUlid } from './commandContext.js';
import { RapportError } from './errors.js';
import type { EventStore } from './eventStore.js';
import { InMemoryEventStore } from './inMemoryStore.js';
import { MAX_EVENT_BYTES } from './inputLimits.js';
import { reject } from './rejection.js';
import { StateCache } from './stateCache.js';

type Note = { type: 'Note'; id: string; text: string };
type Noted = { type: 'Noted'; data: { text: string } };

const notes = { name: 'notes', initialState: 0, evolve: (count: number) => count + 1 };
const noteAggregate = defineAggregate<Note, { notes: number }, Noted>({
  name: 'notes',
  commandTypes: ['Note'],
  streams: (c) => ({ notes: { streamId: `notes-${c.id}`, model: notes } }),
  decide: (c) =>
    c.text === ''
      ? E.left(reject('EMPTY', 'a note needs text'))
      : E.right({ notes: [{ type: 'Noted', data: { text: c.text } }] }),
});

const pipelineOver = (store: EventStore, options: { storeRetries?: number; cacheSize?: number } = {}) =>
  createCommandPipeline<Note, Noted, null>({
    store,
    aggregates: [noteAggregate],
    decodeEvent: (event) => event as never,
    readModels: { current: () => null, caughtUp: async () => null, project: () => undefined },
    newId: monotonicUlid(),
    checkWrites: (command, writes) =>
      writes.some((write) =>
        write.events.some((event) => (event.data as { text: string }).text === 'unreadable'),
      )
        ? reject('EVENT_WOULD_NOT_READ', `Rejected ${command.type}: would not read back`)
        : undefined,
    ...options,
  });

const meta = { actor: 'ann', correlationId: 'c', causationId: null };

/** A store whose appends fail with `error` the first `times` times. */
const failing = (inner: InMemoryEventStore, error: unknown, times: number): EventStore => {
  let left = times;
  return {
    readStream: (streamId, options) => inner.readStream(streamId, options),
    streamVersion: (streamId) => inner.streamVersion(streamId),
    readAll: (options) => inner.readAll(options),
    subscribe: (options) => inner.subscribe(options),
    headPosition: () => inner.headPosition(),
    close: () => inner.close(),
    append: (streamId, events, options) => inner.append(streamId, events, options),
    appendMany: async (writes) => {
      if (left-- > 0) throw error;
      return inner.appendMany(writes);
    },
  };
};

describe('the command pipeline', () => {
  it('R-AUDIT-1: a busy store is tried again, with backoff, and the command is appended once', async () => {
    const inner = new InMemoryEventStore();
    const store = failing(inner, new RapportError('STORE_BUSY', 'locked by another process'), 2);
    const result = await pipelineOver(store).run({ type: 'Note', id: 'n1', text: 'hi' }, meta);
    expect(E.isRight(result) && result.right.events.length).toBe(1);
    expect(await inner.headPosition()).toBe(1);
  });

  it('R-AUDIT-1: a store that stays unavailable is a STORE_UNAVAILABLE rejection with the cause, and nothing is appended', async () => {
    const inner = new InMemoryEventStore();
    const lost = Object.assign(new Error('terminating connection due to administrator command'), {
      code: '57P01',
    });
    const result = await pipelineOver(failing(inner, lost, 100), { storeRetries: 2 }).run(
      { type: 'Note', id: 'n1', text: 'hi' },
      meta,
    );
    expect(result).toEqual(
      E.left(
        expect.objectContaining({
          code: 'STORE_UNAVAILABLE',
          details: expect.objectContaining({ cause: { code: '57P01', message: lost.message } }),
        }),
      ),
    );
    expect(await inner.headPosition()).toBe(0);
    expect(isTransientStoreError(lost)).toBe(true);
  });

  it('a programming error in the store is thrown, not hidden in a rejection', async () => {
    const store = failing(new InMemoryEventStore(), new TypeError('undefined is not a function'), 1);
    await expect(pipelineOver(store).run({ type: 'Note', id: 'n1', text: 'hi' }, meta)).rejects.toThrow(
      TypeError,
    );
  });

  it('R-AUDIT-8: writes the application says would not read back are rejected before anything is appended', async () => {
    const store = new InMemoryEventStore();
    const result = await pipelineOver(store).run({ type: 'Note', id: 'n1', text: 'unreadable' }, meta);
    expect(E.isLeft(result) && result.left.code).toBe('EVENT_WOULD_NOT_READ');
    expect(await store.headPosition()).toBe(0);
  });

  it('R-AUDIT-1: an event over MAX_EVENT_BYTES is rejected with EVENT_TOO_LARGE, naming the command', async () => {
    const store = new InMemoryEventStore();
    const result = await pipelineOver(store).run(
      { type: 'Note', id: 'n1', text: 'x'.repeat(MAX_EVENT_BYTES) },
      meta,
    );
    expect(E.isLeft(result) && [result.left.code, result.left.message.startsWith('Rejected Note:')]).toEqual([
      'EVENT_TOO_LARGE',
      true,
    ]);
    expect(await store.headPosition()).toBe(0);
  });

  it('keeps deciding right when its cache holds fewer streams than the commands touch', async () => {
    const store = new InMemoryEventStore();
    const pipeline = pipelineOver(store, { cacheSize: 2 });
    for (let round = 0; round < 3; round += 1)
      for (const id of ['a', 'b', 'c', 'd']) await pipeline.run({ type: 'Note', id, text: `${round}` }, meta);
    for (const id of ['a', 'b', 'c', 'd'])
      expect(await pipeline.state({ streamId: `notes-${id}`, model: notes })).toBe(3);
  });
});

describe('the state cache', () => {
  it('holds at most its capacity of streams, forgetting the least recently used', async () => {
    const store = new InMemoryEventStore();
    const cache = new StateCache((event) => event as never, 3);
    for (const id of ['a', 'b', 'c', 'd', 'e']) await cache.load(store, `notes-${id}`, notes);
    expect(cache.size).toBe(3);
    expect(cache.cached('notes-a')).toBeUndefined();
    expect(cache.cached('notes-e')).toEqual({ version: 0, state: 0 });
  });
});
