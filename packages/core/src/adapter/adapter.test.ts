import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { NewEvent, RecordedEvent } from '../envelope.js';
import type { StreamWrite } from '../eventStore.js';
import { checkAppend, EMPTY_HEAD, planAppend, type StoredState } from './appendPlan.js';
import { eventFromRow, type EventRow } from './eventRow.js';
import { brokenLink, planImport } from './importPlan.js';
import { appendOneStream, openSubscriptions, readAllInRanges, type ReadRange } from './storeCalls.js';
import { decodeRecordedEvents, decodeSnapshot } from './storeInput.js';
import { createWakeup } from './wakeup.js';

const newEvent = (id: string, data: unknown = { id }): NewEvent => ({
  id,
  type: 'Noted',
  schemaVersion: 1,
  data,
  actor: 'u_ann',
  recordedAt: '2026-11-23T09:30:00.000Z',
  correlationId: 'c1',
  causationId: null,
});

const empty: StoredState = { heads: new Map(), byId: new Map(), firstPosition: 1 };

/** A stream `s1` of three events as a store would have recorded them. */
const history = (): ReadonlyArray<RecordedEvent> =>
  planAppend(
    checkAppend(
      [
        {
          streamId: 's1',
          expectedVersion: 'no_stream',
          events: ['e1', 'e2', 'e3'].map((id) => newEvent(id)),
        },
      ],
      false,
    ),
    empty,
  ).inserts;

const stateOf = (events: ReadonlyArray<RecordedEvent>, firstPosition: number): StoredState => {
  const last = events[events.length - 1];
  return {
    heads:
      last === undefined
        ? new Map()
        : new Map([[last.streamId, { version: last.streamVersion, hash: last.hash }]]),
    byId: new Map(events.map((event) => [event.id, event])),
    firstPosition,
  };
};

describe('planAppend', () => {
  it('R-AUDIT-5: chains each new event to the last hash of its stream, from the store head', () => {
    const [first, second, third] = history();
    expect(first).toMatchObject({ streamVersion: 1, globalPosition: 1, previousHash: null });
    expect(second?.previousHash).toBe(first?.hash);
    expect(third?.previousHash).toBe(second?.hash);
    expect(brokenLink(EMPTY_HEAD, first!)).toBeUndefined();
    expect(brokenLink({ version: 1, hash: first!.hash }, second!)).toBeUndefined();
    expect(brokenLink(EMPTY_HEAD, second!)).toMatch(/does not follow version 0/);
  });

  it('R-AUDIT-1: a conflicting expected version plans nothing', () => {
    const stored = history();
    const checked = checkAppend([{ streamId: 's1', expectedVersion: 1, events: [newEvent('e4')] }], true);
    expect(() => planAppend(checked, stateOf(stored, 4))).toThrow(
      expect.objectContaining({ code: 'CONCURRENCY_CONFLICT' }),
    );
  });

  it('a retried append returns the stored events and inserts nothing, whatever its expected version', () => {
    const stored = history();
    const checked = checkAppend(
      [
        {
          streamId: 's1',
          expectedVersion: 'no_stream',
          events: ['e1', 'e2', 'e3'].map((id) => newEvent(id)),
        },
      ],
      true,
    );
    const plan = planAppend(checked, stateOf(stored, 4));
    expect(plan.inserts).toEqual([]);
    expect(plan.results).toEqual([{ streamId: 's1', nextExpectedVersion: 3, events: stored }]);
  });

  it('refuses data that JSON cannot hold, naming its path', () => {
    expect(() =>
      checkAppend([{ streamId: 's1', expectedVersion: 'any', events: [newEvent('e1', 1n)] }], true),
    ).toThrow(expect.objectContaining({ code: 'INVALID_EVENT', path: 'events[0].data' }));
  });
});

describe('planImport', () => {
  it('R-AUDIT-5: an intact history is imported after the head with its hashes, and a rerun skips it', () => {
    const events = history();
    const plan = planImport(events, { ...empty, firstPosition: 10 });
    expect(plan.inserts.map((event) => event.globalPosition)).toEqual([10, 11, 12]);
    expect(plan.inserts.map((event) => event.hash)).toEqual(events.map((event) => event.hash));
    expect(planImport(events, stateOf(plan.inserts, 13))).toEqual({ inserts: [], skipped: 3 });
  });

  it('R-AUDIT-5: an altered, removed or reordered event is refused', () => {
    const [first, second, third] = history() as [RecordedEvent, RecordedEvent, RecordedEvent];
    const code = expect.objectContaining({ code: 'IMPORT_CHAIN_BROKEN' });
    expect(() => planImport([first, { ...second, data: { id: 'x' } }, third], empty)).toThrow(code);
    expect(() => planImport([first, third], empty)).toThrow(code);
    expect(() => planImport([second, first, third], empty)).toThrow(code);
  });

  it('an event id stored with other content is a conflict', () => {
    const events = history();
    const [first] = events;
    const other = { ...first!, hash: 'f'.repeat(64) };
    expect(() => planImport(events, stateOf([other], 2))).toThrow(
      expect.objectContaining({ code: 'IMPORT_CONFLICT' }),
    );
  });
});

describe('eventFromRow', () => {
  const row: EventRow = {
    global_position: '7',
    stream_id: 's1',
    stream_version: '2',
    event_id: 'e1',
    type: 'Noted',
    schema_version: 1,
    data: '{"a":[1,2]}',
    actor: 'u_ann',
    recorded_at: '2026-11-23T09:30:00.000Z',
    correlation_id: 'c1',
    causation_id: null,
    previous_hash: null,
    hash: 'ab',
  };

  it('R-AUDIT-2: gives back the envelope, whole numbers read from text', () => {
    expect(eventFromRow(row)).toEqual({
      id: 'e1',
      type: 'Noted',
      schemaVersion: 1,
      data: { a: [1, 2] },
      actor: 'u_ann',
      recordedAt: '2026-11-23T09:30:00.000Z',
      correlationId: 'c1',
      causationId: null,
      streamId: 's1',
      streamVersion: 2,
      globalPosition: 7,
      previousHash: null,
      hash: 'ab',
    });
  });

  it('data that is not JSON is reported as a damaged store', () => {
    expect(() => eventFromRow({ ...row, data: '{' })).toThrow(
      expect.objectContaining({ code: 'STORE_CORRUPTED' }),
    );
  });
});

describe('store input', () => {
  it('a malformed imported event is refused with its path', () => {
    expect(() => decodeRecordedEvents([{ ...history()[0], streamVersion: -1 }])).toThrow(
      expect.objectContaining({
        code: 'INVALID_IMPORT',
        message: expect.stringContaining('events[0].streamVersion'),
      }),
    );
  });

  it('a snapshot whose state JSON cannot hold is refused', () => {
    expect(decodeSnapshot({ projection: 'p', version: 1, checkpoint: 0, state: { a: 1 } }).stateJson).toBe(
      '{"a":1}',
    );
    expect(() => decodeSnapshot({ projection: 'p', version: 1, checkpoint: 0, state: 1n })).toThrow(
      expect.objectContaining({ code: 'INVALID_SNAPSHOT' }),
    );
  });
});

describe('createWakeup', () => {
  const never = new AbortController().signal;

  it('wakes every waiter on wakeAll, long before its poll interval', async () => {
    const wakeup = createWakeup();
    const woken: number[] = [];
    const waiting = [1, 2].map((n) =>
      wakeup.wait(async () => false, 3_600_000, never).then(() => woken.push(n)),
    );
    await new Promise((resolve) => setImmediate(resolve));
    expect(woken).toEqual([]);
    wakeup.wakeAll();
    await Promise.all(waiting);
    expect(woken.sort()).toEqual([1, 2]);
  });

  it('returns at once when events are there, and when its signal aborts', async () => {
    const wakeup = createWakeup();
    await wakeup.wait(async () => true, 3_600_000, never);
    const controller = new AbortController();
    const waiting = wakeup.wait(async () => false, 3_600_000, controller.signal);
    controller.abort();
    await waiting;
  });
});

describe('createWakeup: what ends a wait', () => {
  it('the poll interval, when nothing else comes first', async () => {
    const wakeup = createWakeup();
    const started = Date.now();
    const waited = wakeup
      .wait(async () => false, 30, new AbortController().signal)
      .then(() => Date.now() - started);
    const elapsed = await Promise.race([
      waited,
      new Promise((resolve) => setTimeout(resolve, 2000, 'still waiting')),
    ]);
    expect(elapsed).toBeGreaterThanOrEqual(25);
  });

  it('a wakeAll while it checks for new events, or its signal aborting then: it does not wait', async () => {
    const wakeup = createWakeup();
    const outcome = (wait: Promise<void>) =>
      Promise.race([
        wait.then(() => 'returned'),
        new Promise((resolve) => setTimeout(resolve, 1000, 'waited')),
      ]);
    const woken = wakeup.wait(
      async () => {
        wakeup.wakeAll();
        return false;
      },
      3_600_000,
      new AbortController().signal,
    );
    expect(await outcome(woken)).toBe('returned');
    const controller = new AbortController();
    const aborted = wakeup.wait(
      async () => {
        controller.abort();
        return false;
      },
      3_600_000,
      controller.signal,
    );
    expect(await outcome(aborted)).toBe('returned');
  });

  it('a wait that ended leaves no listener on its signal, and a later wakeAll finds no waiter', async () => {
    const wakeup = createWakeup();
    const signal = new AbortController().signal;
    const waiting = wakeup.wait(async () => false, 3_600_000, signal);
    await new Promise((resolve) => setImmediate(resolve));
    expect(getEventListeners(signal, 'abort')).toHaveLength(1);
    wakeup.wakeAll();
    await waiting;
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    await wakeup.wait(async () => false, 5, signal);
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });
});

describe('store calls', () => {
  const log = (): RecordedEvent[] =>
    planAppend(
      checkAppend(
        [
          {
            streamId: 's1',
            expectedVersion: 'any',
            events: ['a', 'b', 'c', 'd', 'e'].map((id) => newEvent(id)),
          },
        ],
        false,
      ),
      empty,
    ).inserts.slice();
  const rangeOf =
    (events: ReadonlyArray<RecordedEvent>): ReadRange =>
    async (after, to, limit) =>
      events.filter((event) => event.globalPosition > after && event.globalPosition <= to).slice(0, limit);

  it('append writes one stream, expected version any unless given, with the paths of append', async () => {
    const calls: Array<{ writes: ReadonlyArray<StreamWrite>; single: boolean }> = [];
    const append = appendOneStream(async (writes, single) => {
      calls.push({ writes, single });
      return writes.map((write) => ({ streamId: write.streamId, nextExpectedVersion: 0, events: [] }));
    });
    await append('s1', []);
    await append('s2', [], { expectedVersion: 'no_stream' });
    expect(calls).toEqual([
      { writes: [{ streamId: 's1', expectedVersion: 'any', events: [] }], single: true },
      { writes: [{ streamId: 's2', expectedVersion: 'no_stream', events: [] }], single: true },
    ]);
  });

  it('readAll reads in batches up to the head as of the call, from after, never past to', async () => {
    const events = log();
    const reading = readAllInRanges(Promise.resolve(4), rangeOf(events), { after: 1 }, 2);
    const positions: number[][] = [];
    for await (const batch of reading) positions.push(batch.map((event) => event.globalPosition));
    expect(positions).toEqual([[2, 3], [4]]);
    const bounded: number[] = [];
    for await (const batch of readAllInRanges(Promise.resolve(5), rangeOf(events), { to: 2 }, 500)) {
      bounded.push(...batch.map((event) => event.globalPosition));
    }
    expect(bounded).toEqual([1, 2]);
  });

  it('closing every open subscription ends each one', async () => {
    const events = log();
    const subscriptions = openSubscriptions();
    const subscription = subscriptions.subscribe(
      {
        readBatch: (after, limit) => rangeOf(events)(after, Number.MAX_SAFE_INTEGER, limit),
        waitForEvents: (_after, signal) =>
          new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true })),
      },
      { after: 3 },
    );
    const seen: number[] = [];
    for await (const batch of subscription) {
      seen.push(...batch.map((event) => event.globalPosition));
      if (seen.length === 2) void subscriptions.closeAll();
    }
    expect(seen).toEqual([4, 5]);
  });
});
