import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from './envelope.js';
import type { EventStore } from './eventStore.js';
import { InMemoryEventStore } from './inMemoryStore.js';
import {
  createChainVerifier,
  mergeVerificationReports,
  streamRanges,
  verifyStore,
  type StreamRange,
} from './verify.js';

/** Appends, each to one of a few streams, with data of a few shapes. */
const appends = fc.array(
  fc.record({ stream: fc.integer({ min: 0, max: 5 }), n: fc.integer({ min: 0, max: 3 }) }),
  { maxLength: 40 },
);

/** A change made to a stored history behind the store's back; positions stay increasing. */
const tampering = fc.array(
  fc.record({
    kind: fc.constantFrom('data', 'remove', 'version', 'previousHash', 'hash', 'stream', 'swapData'),
    at: fc.nat(),
    other: fc.nat(),
  }),
  { maxLength: 4 },
);

const history = async (
  input: ReadonlyArray<{ stream: number; n: number }>,
): Promise<ReadonlyArray<RecordedEvent>> => {
  const store = new InMemoryEventStore();
  for (const [i, { stream, n }] of input.entries()) {
    await store.append(`s-${stream}`, [
      {
        id: `e${i}`,
        type: 'Noted',
        schemaVersion: 1,
        data: n === 0 ? {} : { n, list: Array.from({ length: n }, (_, k) => ({ k })) },
        actor: 'u',
        recordedAt: '2026-11-23T09:30:00.000Z',
        correlationId: 'c',
        causationId: null,
      },
    ]);
  }
  const events: RecordedEvent[] = [];
  for await (const batch of store.readAll()) events.push(...batch);
  return events;
};

const tamper = (
  events: ReadonlyArray<RecordedEvent>,
  changes: ReadonlyArray<{ kind: string; at: number; other: number }>,
): ReadonlyArray<RecordedEvent> => {
  let out = [...events];
  for (const { kind, at, other } of changes) {
    if (out.length === 0) break;
    const i = at % out.length;
    const event = out[i]!;
    const by = out[other % out.length]!;
    const changed: Record<string, RecordedEvent | undefined> = {
      data: { ...event, data: { altered: true } },
      remove: undefined,
      version: { ...event, streamVersion: event.streamVersion + 1 + (other % 2) },
      previousHash: { ...event, previousHash: by.hash },
      hash: { ...event, hash: by.hash },
      stream: { ...event, streamId: by.streamId },
      swapData: { ...event, data: by.data },
    };
    const replacement = changed[kind];
    out =
      replacement === undefined
        ? out.filter((_, k) => k !== i)
        : out.map((e, k) => (k === i ? replacement : e));
  }
  return out;
};

const over = (events: ReadonlyArray<RecordedEvent>): Pick<EventStore, 'readAll'> => ({
  readAll: () => ({
    async *[Symbol.asyncIterator]() {
      yield events;
    },
  }),
});

const inRange = (streamId: string, range: StreamRange): boolean =>
  (range.from === null || streamId >= range.from) && (range.to === null || streamId < range.to);

describe('verification of removals', () => {
  it("R-AUDIT-5: removing any events but the store's own last ones is detected, and an intact history verifies", async () => {
    await fc.assert(
      fc.asyncProperty(appends, fc.array(fc.boolean(), { maxLength: 40 }), async (input, removals) => {
        const events = await history(input);
        expect((await verifyStore(over(events))).ok).toBe(true);
        const kept = events.filter((_, i) => removals[i] !== true);
        const head = kept.at(-1)?.globalPosition ?? 0;
        const removedBelowHead = events.some((event) => !kept.includes(event) && event.globalPosition < head);
        const report = await verifyStore(over(kept));
        if (removedBelowHead) expect(report.ok).toBe(false);
        expect(report.missingPositions).toBe(head - kept.length);
      }),
      { numRuns: 200 },
    );
  });
});

describe('verification in partitions', () => {
  it('R-AUDIT-5: the merged reports on the ranges of any split of the streams equal verifyStore on the whole', async () => {
    await fc.assert(
      fc.asyncProperty(appends, tampering, fc.integer({ min: 1, max: 4 }), async (input, changes, count) => {
        const events = tamper(await history(input), changes);
        const ranges = streamRanges(events.map((event) => event.streamId).sort(), count);
        const reports = ranges.map((range) => {
          const verifier = createChainVerifier();
          for (const event of events) if (inRange(event.streamId, range)) verifier.check(event);
          return verifier.report();
        });
        expect(mergeVerificationReports(reports)).toEqual(await verifyStore(over(events)));
      }),
      { numRuns: 200 },
    );
  });

  it('streamRanges: at most `count` ranges that follow each other from the first stream to the last', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 3 })), fc.integer({ min: 1, max: 8 }), (ids, count) => {
        const sorted = [...ids].sort();
        const ranges = streamRanges(sorted, count);
        expect(ranges.length).toBeGreaterThanOrEqual(1);
        expect(ranges.length).toBeLessThanOrEqual(count);
        expect(ranges[0]!.from).toBeNull();
        expect(ranges[ranges.length - 1]!.to).toBeNull();
        for (let i = 1; i < ranges.length; i++) expect(ranges[i]!.from).toBe(ranges[i - 1]!.to);
        for (const id of sorted) expect(ranges.filter((range) => inRange(id, range))).toHaveLength(1);
      }),
    );
  });

  it('mergeVerificationReports: totals added, the greatest head, the positions no partition holds, breaks by global position', () => {
    const breakAt = (globalPosition: number) => ({
      streamId: `s${globalPosition}`,
      streamVersion: 1,
      globalPosition,
      kind: 'hash_mismatch' as const,
      expected: 'a',
      actual: 'b',
      message: 'altered',
    });
    const merged = mergeVerificationReports([
      {
        ok: false,
        events: 3,
        streams: 2,
        headPosition: 9,
        missingPositions: 6,
        breaks: [breakAt(2), breakAt(8)],
      },
      { ok: false, events: 4, streams: 1, headPosition: 7, missingPositions: 3, breaks: [breakAt(5)] },
      { ok: true, events: 0, streams: 0, headPosition: 0, missingPositions: 0, breaks: [] },
    ]);
    expect(merged).toEqual({
      ok: false,
      events: 7,
      streams: 3,
      headPosition: 9,
      missingPositions: 2,
      breaks: [breakAt(2), breakAt(5), breakAt(8)],
    });
    const whole = { ok: false, events: 2, streams: 1, headPosition: 4, missingPositions: 2, breaks: [] };
    expect(mergeVerificationReports([whole, { ...whole, events: 2, headPosition: 3 }])).toMatchObject({
      ok: true,
      missingPositions: 0,
    });
  });
});
