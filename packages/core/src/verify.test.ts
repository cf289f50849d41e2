import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from './envelope.js';
import type { EventStore } from './eventStore.js';
import { InMemoryEventStore } from './inMemoryStore.js';
import { newEvent } from './testing/index.js';
import { availableParallelism } from 'node:os';
import type { StoreCheck } from './storeCheck.js';
import { streamRanges, verificationThreads, verifyStore, withStoreCheck } from './verify.js';

const stored = async (): Promise<RecordedEvent[]> => {
  const store = new InMemoryEventStore();
  for (let i = 0; i < 3; i++)
    for (const s of ['a', 'b']) await store.append(s, [newEvent({ id: `${s}${i}`, data: { i } })]);
  const all: RecordedEvent[] = [];
  for await (const batch of store.readAll()) all.push(...batch);
  return all;
};

const over = (events: ReadonlyArray<RecordedEvent>): Pick<EventStore, 'readAll'> => ({
  readAll: () => ({
    async *[Symbol.asyncIterator]() {
      yield events;
    },
  }),
});

describe('verifyStore', () => {
  it('R-AUDIT-5: an intact history verifies, with totals', async () => {
    expect(await verifyStore(over(await stored()))).toEqual({
      ok: true,
      events: 6,
      streams: 2,
      headPosition: 6,
      missingPositions: 0,
      breaks: [],
    });
  });

  it('R-AUDIT-5: the last event of a stream removed is detected by the position it leaves empty', async () => {
    const all = await stored();
    // Stream "a" ends at position 5; stream "b" goes on to position 6.
    const lastOfA = all.filter((e) => e.streamId === 'a').at(-1)!;
    const report = await verifyStore(over(all.filter((e) => e !== lastOfA)));
    expect(report).toMatchObject({ ok: false, events: 5, headPosition: 6, missingPositions: 1, breaks: [] });
  });

  it("R-AUDIT-5: the store's own last events removed leave every position up to the new head held", async () => {
    const all = await stored();
    expect(await verifyStore(over(all.slice(0, 4)))).toMatchObject({
      ok: true,
      headPosition: 4,
      missingPositions: 0,
    });
  });

  it('R-AUDIT-5: two events of a stream swapped are detected; other streams stay verified', async () => {
    const all = await stored();
    const a = all.filter((e) => e.streamId === 'a');
    const swapped = all.map((e) =>
      e === a[0]
        ? { ...a[1]!, globalPosition: e.globalPosition }
        : e === a[1]
          ? { ...a[0]!, globalPosition: e.globalPosition }
          : e,
    );
    const report = await verifyStore(over(swapped));
    expect(report.breaks).toEqual([
      expect.objectContaining({ streamId: 'a', streamVersion: 2, kind: 'version_gap', expected: 1 }),
    ]);
  });

  it('R-AUDIT-5: an event rewritten with a recomputed hash but a stale link is detected', async () => {
    const all = await stored();
    const b2 = all.find((e) => e.streamId === 'b' && e.streamVersion === 2)!;
    const forged = all.map((e) => (e === b2 ? { ...e, previousHash: '0'.repeat(64) } : e));
    expect((await verifyStore(over(forged))).breaks).toEqual([
      expect.objectContaining({ streamId: 'b', streamVersion: 2, kind: 'previous_hash_mismatch' }),
    ]);
  });

  it('R-AUDIT-5: a global position that goes back is detected', async () => {
    const all = await stored();
    const moved = [...all.slice(0, 4), all[5]!, all[4]!];
    const report = await verifyStore(over(moved));
    expect(report.ok).toBe(false);
    expect(report.breaks[0]).toMatchObject({ kind: 'position_out_of_order' });
  });

  it('verificationThreads: the number asked for; by default one per 20,000 events, up to the cores', () => {
    expect(verificationThreads(3, 10)).toBe(3);
    expect(verificationThreads(0, 10)).toBe(1);
    expect(verificationThreads(2.7, 10)).toBe(2);
    expect(verificationThreads(0.5, 10)).toBe(1);
    expect(verificationThreads(undefined, 20_001)).toBe(Math.min(2, availableParallelism()));
    expect(verificationThreads(undefined, 0)).toBe(1);
    expect(verificationThreads(undefined, 19_999)).toBe(1);
    expect(verificationThreads(undefined, 40_000)).toBe(Math.min(2, availableParallelism()));
    expect(verificationThreads(undefined, 10_000_000)).toBe(availableParallelism());
  });

  it('R-AUDIT-5: reads the store in the batch size given, and checks every event of every batch', async () => {
    const events = await stored();
    const sizes: Array<number | undefined> = [];
    const batched = (batchSize?: number): Pick<EventStore, 'readAll'> => ({
      readAll: (options = {}) => {
        sizes.push(options.batchSize);
        return {
          async *[Symbol.asyncIterator]() {
            for (let i = 0; i < events.length; i += batchSize ?? 4)
              yield events.slice(i, i + (batchSize ?? 4));
          },
        };
      },
    });
    expect(await verifyStore(batched(2), { batchSize: 2 })).toMatchObject({
      ok: true,
      events: 6,
      streams: 2,
    });
    expect(await verifyStore(batched())).toMatchObject({ ok: true, events: 6 });
    expect(sizes).toEqual([2, undefined]);
  });
});

describe('withStoreCheck', () => {
  const chains = { ok: true, events: 3, streams: 1, headPosition: 3, missingPositions: 0, breaks: [] };
  const check = (problems: StoreCheck['problems']): StoreCheck => ({
    method: 'counts',
    stored: { events: 3, headPosition: 3 },
    gaps: [],
    problems,
  });

  it("R-AUDIT-6: a report is ok only when its chains hold and the store's own check found nothing", () => {
    const problem = { kind: 'count_mismatch' as const, positions: [], message: '4 stored, 3 read' };
    expect(withStoreCheck(chains, check([]))).toEqual({ ...chains, store: check([]) });
    expect(withStoreCheck(chains, check([problem]))).toMatchObject({ ok: false, events: 3 });
    expect(withStoreCheck({ ...chains, ok: false }, check([])).ok).toBe(false);
  });
});

describe('streamRanges', () => {
  it('splits distinct streams into `count` ranges holding as many of them each, give or take one', () => {
    const sample = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
    expect(streamRanges(sample, 3)).toEqual([
      { from: null, to: 'c' },
      { from: 'c', to: 'e' },
      { from: 'e', to: null },
    ]);
    expect(streamRanges(sample, 1)).toEqual([{ from: null, to: null }]);
    expect(streamRanges(['a', 'b'], 4)).toEqual([
      { from: null, to: 'b' },
      { from: 'b', to: null },
    ]);
  });

  it('a stream sampled often is never split, so fewer ranges; a bound is never the first stream nor given twice', () => {
    expect(streamRanges(['a', 'a', 'a', 'a', 'a', 'b'], 3)).toEqual([{ from: null, to: null }]);
    expect(streamRanges(['a', 'b', 'b', 'b', 'b', 'b', 'c'], 4)).toEqual([
      { from: null, to: 'b' },
      { from: 'b', to: null },
    ]);
    expect(streamRanges(['a', 'a', 'b', 'b', 'c', 'c'], 3)).toEqual([
      { from: null, to: 'b' },
      { from: 'b', to: 'c' },
      { from: 'c', to: null },
    ]);
    expect(streamRanges([], 3)).toEqual([{ from: null, to: null }]);
  });
});
