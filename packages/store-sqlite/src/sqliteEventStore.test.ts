import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { ConcurrencyError, DuplicateEventIdError, hashEvent } from '@rapport/core';
import { createTempDir, historyProblems, newEvent, readEverything } from '@rapport/core/testing';
import { openSqliteEventStore } from './index.js';

const temp = createTempDir('sqlite-store');
afterAll(() => temp.remove());

describe('SQLite event store', () => {
  it('R-AUDIT-2: an appended event keeps its envelope and gets its version, position and chained hash', async () => {
    const store = await openSqliteEventStore({ path: ':memory:' });
    const first = newEvent({ data: { b: 1, a: [1, 'x'] }, causationId: 'cmd-1' });
    const second = newEvent();
    const result = await store.append('contact-1', [first, second], { expectedVersion: 'no_stream' });
    const [one, two] = await store.readStream('contact-1');
    expect(result.nextExpectedVersion).toBe(2);
    expect(one).toEqual({
      ...first,
      streamId: 'contact-1',
      streamVersion: 1,
      globalPosition: 1,
      previousHash: null,
      hash: hashEvent(null, { ...first, streamId: 'contact-1', streamVersion: 1 }),
    });
    expect(two?.previousHash).toBe(one?.hash);
    expect(result.events).toEqual([one, two]);
    await store.close();
  });

  it('R-AUDIT-1: an append of several streams where one conflicts stores nothing', async () => {
    const store = await openSqliteEventStore({ path: ':memory:' });
    await store.append('b', [newEvent()]);
    const attempt = store.appendMany([
      { streamId: 'a', expectedVersion: 'no_stream', events: [newEvent()] },
      { streamId: 'b', expectedVersion: 0, events: [newEvent()] },
    ]);
    await expect(attempt).rejects.toMatchObject({ code: 'CONCURRENCY_CONFLICT', expected: 0, actual: 1 });
    await expect(attempt).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await store.streamVersion('a')).toBe(0);
    expect(await store.headPosition()).toBe(1);
    await store.close();
  });

  it('checks each expected version: no_stream, stream_exists, a number, any', async () => {
    const store = await openSqliteEventStore({ path: ':memory:' });
    await expect(store.append('s', [newEvent()], { expectedVersion: 'stream_exists' })).rejects.toMatchObject(
      {
        expected: 'stream_exists',
        actual: 0,
      },
    );
    await store.append('s', [newEvent()], { expectedVersion: 'no_stream' });
    await expect(store.append('s', [newEvent()], { expectedVersion: 'no_stream' })).rejects.toBeInstanceOf(
      ConcurrencyError,
    );
    await store.append('s', [newEvent()], { expectedVersion: 'stream_exists' });
    await store.append('s', [newEvent()], { expectedVersion: 2 });
    await store.append('s', [newEvent()]);
    expect(await store.streamVersion('s')).toBe(4);
    const guard = await store.appendMany([{ streamId: 's', expectedVersion: 4, events: [] }]);
    expect(guard).toEqual([{ streamId: 's', nextExpectedVersion: 4, events: [] }]);
    await store.close();
  });

  it('a retried append returns the first result and stores nothing twice, whatever the expected version', async () => {
    const store = await openSqliteEventStore({ path: ':memory:' });
    const events = [newEvent(), newEvent()];
    const first = await store.append('s', events, { expectedVersion: 'no_stream' });
    await store.append('s', [newEvent()]);
    const retry = await store.append('s', events, { expectedVersion: 'no_stream' });
    expect(retry).toEqual(first);
    expect(await store.headPosition()).toBe(3);
    await store.close();
  });

  it('an event id reused with other content or in another stream is refused', async () => {
    const store = await openSqliteEventStore({ path: ':memory:' });
    const event = newEvent();
    await store.append('s', [event]);
    await expect(store.append('s', [{ ...event, data: { other: true } }])).rejects.toBeInstanceOf(
      DuplicateEventIdError,
    );
    await expect(store.append('t', [event])).rejects.toMatchObject({ code: 'DUPLICATE_EVENT_ID' });
    await expect(store.append('s', [event, newEvent()])).rejects.toMatchObject({
      code: 'DUPLICATE_EVENT_ID',
    });
    const twice = newEvent();
    await expect(store.append('u', [twice, twice])).rejects.toMatchObject({ code: 'DUPLICATE_EVENT_ID' });
    expect(await store.headPosition()).toBe(1);
    await store.close();
  });

  it('an invalid event is refused with its path and nothing is stored', async () => {
    const store = await openSqliteEventStore({ path: ':memory:' });
    const bad = { ...newEvent(), recordedAt: 'yesterday' };
    await expect(store.append('s', [newEvent(), bad])).rejects.toMatchObject({
      code: 'INVALID_EVENT',
      path: 'events[1].recordedAt',
      message: 'at events[1].recordedAt: expected IsoInstant, got the string "yesterday"',
    });
    await expect(
      store.appendMany([{ streamId: 's', expectedVersion: 'any', events: [newEvent({ data: { n: 1n } })] }]),
    ).rejects.toMatchObject({ code: 'INVALID_EVENT', path: 'writes[0].events[0].data.n' });
    expect(await store.headPosition()).toBe(0);
    await store.close();
  });

  it('R-AUDIT-5: an append of 127 events to two streams is stored in order, every row chained, and read back as returned', async () => {
    const store = await openSqliteEventStore({ path: ':memory:' });
    await store.append('a', [newEvent()]);
    const results = await store.appendMany([
      { streamId: 'a', expectedVersion: 1, events: Array.from({ length: 100 }, () => newEvent()) },
      { streamId: 'b', expectedVersion: 'no_stream', events: Array.from({ length: 27 }, () => newEvent()) },
    ]);
    const everything = await readEverything(store);
    expect(everything.map((event) => event.globalPosition)).toEqual(
      Array.from({ length: 128 }, (_, i) => i + 1),
    );
    expect(historyProblems(everything)).toEqual([]);
    expect(everything.slice(1)).toEqual(results.flatMap((result) => result.events));
    await store.close();
  });

  it('readAll reads in batches up to the head as of the call', async () => {
    const store = await openSqliteEventStore({ path: ':memory:' });
    for (let i = 0; i < 7; i += 1) await store.append(`s${i % 3}`, [newEvent()]);
    const reading = store.readAll({ after: 2, batchSize: 2 });
    await store.append('late', [newEvent()]);
    const batches: number[][] = [];
    for await (const batch of reading) batches.push(batch.map((event) => event.globalPosition));
    expect(batches).toEqual([[3, 4], [5, 6], [7]]);
    const stream = await store.readStream('s0', { fromVersion: 2, toVersion: 2 });
    expect(stream.map((event) => event.streamVersion)).toEqual([2]);
    await store.close();
  });

  it('a subscription catches up, then follows appends of this process and of another one', async () => {
    const path = temp.file('subscribe.db');
    const store = await openSqliteEventStore({ path, pollIntervalMs: 10 });
    const other = await openSqliteEventStore({ path });
    await store.append('s', [newEvent(), newEvent()]);
    const subscription = store.subscribe({ after: 1, batchSize: 10 });
    const seen: number[] = [];
    const following = (async () => {
      for await (const batch of subscription) {
        seen.push(...batch.map((event) => event.globalPosition));
        if (seen.length === 1) await store.append('s', [newEvent()]);
        if (seen.length === 2) await other.append('t', [newEvent()]);
        if (seen.length === 3) await subscription.close();
      }
    })();
    await following;
    expect(seen).toEqual([2, 3, 4]);
    await other.close();
    await store.close();
  });

  it('closing the store ends its subscriptions and refuses further calls', async () => {
    const store = await openSqliteEventStore({ path: ':memory:' });
    const subscription = store.subscribe();
    const ended = (async () => {
      for await (const batch of subscription) void batch;
      return 'ended';
    })();
    await store.close();
    expect(await ended).toBe('ended');
    await expect(store.headPosition()).rejects.toMatchObject({ code: 'STORE_CLOSED' });
  });

  it('events survive closing and reopening the file', async () => {
    const path = temp.file('reopen.db');
    const store = await openSqliteEventStore({ path });
    await store.append('s', [newEvent(), newEvent()]);
    await store.close();
    const reopened = await openSqliteEventStore({ path, synchronous: 'NORMAL' });
    const events = await readEverything(reopened);
    expect(events.map((event) => event.streamVersion)).toEqual([1, 2]);
    expect(historyProblems(events)).toEqual([]);
    await reopened.close();
  });

  it('opens ./rapport.db when no path is given', async () => {
    const cwd = process.cwd();
    process.chdir(temp.file('.'));
    try {
      const store = await openSqliteEventStore();
      expect(store.path).toBe('./rapport.db');
      await store.append('s', [newEvent()]);
      await store.close();
      const raw = new Database(temp.file('rapport.db'), { readonly: true });
      expect(raw.prepare('SELECT count(*) AS n FROM events').get()).toEqual({ n: 1 });
      raw.close();
    } finally {
      process.chdir(cwd);
    }
  });

  it('a write that waits too long for another process to finish its write fails with STORE_BUSY', async () => {
    const path = temp.file('busy.db');
    const store = await openSqliteEventStore({ path, busyTimeoutMs: 20 });
    const other = new Database(path);
    other.exec('BEGIN IMMEDIATE');
    await expect(store.append('s', [newEvent()])).rejects.toMatchObject({ code: 'STORE_BUSY' });
    other.exec('ROLLBACK');
    other.close();
    await store.append('s', [newEvent()]);
    expect(await store.headPosition()).toBe(1);
    await store.close();
  });

  it('R-AUDIT-5: an event altered in the file is detected by verifying the chain', async () => {
    const path = temp.file('tamper.db');
    const store = await openSqliteEventStore({ path });
    await store.append('s', [newEvent(), newEvent({ data: { amount: 10 } }), newEvent()]);
    expect(historyProblems(await readEverything(store))).toEqual([]);
    const raw = new Database(path);
    raw.prepare(`UPDATE events SET data = '{"amount":1000}' WHERE stream_version = 2`).run();
    raw.close();
    expect(historyProblems(await readEverything(store))).toEqual([
      expect.stringContaining('does not match its hash'),
    ]);
    await store.close();
  });
});
