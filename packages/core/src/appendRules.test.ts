import { describe, expect, it } from 'vitest';
import {
  checkExpectedVersion,
  checkStreamId,
  checkWrites,
  classifyWrite,
  decodeNewEvents,
  isSameEvent,
} from './appendRules.js';
import type { NewEvent, RecordedEvent } from './envelope.js';
import { newEvent } from './testing/index.js';

/** A stored form of `event` in `streamId`, as a store records it. */
const recorded = (event: NewEvent, streamId = 's1'): RecordedEvent => ({
  ...event,
  streamId,
  streamVersion: 1,
  globalPosition: 1,
  previousHash: null,
  hash: 'h',
});

describe('checkExpectedVersion', () => {
  const passes = (expected: Parameters<typeof checkExpectedVersion>[1], actual: number): boolean => {
    try {
      checkExpectedVersion('s1', expected, actual);
      return true;
    } catch (error) {
      expect(error).toMatchObject({ code: 'CONCURRENCY_CONFLICT', streamId: 's1', expected, actual });
      return false;
    }
  };

  it("'any' meets every version; 'no_stream' only 0; 'stream_exists' all but 0; a number only itself", () => {
    expect([0, 1, 7].map((actual) => passes('any', actual))).toEqual([true, true, true]);
    expect([0, 1, 7].map((actual) => passes('no_stream', actual))).toEqual([true, false, false]);
    expect([0, 1, 7].map((actual) => passes('stream_exists', actual))).toEqual([false, true, true]);
    expect([0, 1, 7].map((actual) => passes(1, actual))).toEqual([false, true, false]);
    expect([0, 1, 7].map((actual) => passes(0, actual))).toEqual([true, false, false]);
  });

  it('an expected version that is not a whole number ≥ 0 is refused as such, whatever the stream holds', () => {
    for (const expected of [-1, 1.5, Number.NaN, 2 ** 53, '3', null, 'latest']) {
      expect(() => checkExpectedVersion('s1', expected as never, 3)).toThrow(
        expect.objectContaining({
          code: 'INVALID_EXPECTED_VERSION',
          details: { streamId: 's1', expected },
          message: expect.stringContaining('of stream "s1"'),
        }),
      );
    }
  });
});

describe('isSameEvent', () => {
  it('R-AUDIT-1: an event is the same as a stored one only with the same id, type, schema version, metadata and data', () => {
    const stored = newEvent({ data: { a: 1, b: [1, 2] }, causationId: 'cause' });
    expect(isSameEvent({ ...stored, data: { b: [1, 2], a: 1 } }, stored)).toBe(true);
    const others: ReadonlyArray<Partial<NewEvent>> = [
      { id: `${stored.id}x` },
      { type: 'Other' },
      { schemaVersion: 2 },
      { actor: 'u_other' },
      { recordedAt: '2026-11-23T09:30:00.001Z' },
      { correlationId: 'corr-other' },
      { causationId: null },
      { data: { a: 1, b: [2, 1] } },
    ];
    for (const change of others) expect(isSameEvent({ ...stored, ...change }, stored)).toBe(false);
  });
});

describe('classifyWrite', () => {
  const [a, b] = [newEvent(), newEvent()];

  it('R-AUDIT-1: a write none of whose ids is stored is new; one whose every id is stored the same, in its stream, is a retry', () => {
    expect(classifyWrite('s1', [a, b], [undefined, undefined])).toBe('new');
    expect(classifyWrite('s1', [], [])).toBe('new');
    expect(classifyWrite('s1', [a, b], [recorded(a), recorded(b)])).toBe('retry');
  });

  it('R-AUDIT-1: an id stored with other content or in another stream, or a write only part of which is stored, is refused naming the id', () => {
    expect(() => classifyWrite('s1', [a, b], [recorded(a), recorded({ ...b, type: 'Other' })])).toThrow(
      expect.objectContaining({ code: 'DUPLICATE_EVENT_ID', eventId: b.id, streamId: 's1' }),
    );
    expect(() => classifyWrite('s1', [a], [recorded(a, 's2')])).toThrow(
      expect.objectContaining({ code: 'DUPLICATE_EVENT_ID', eventId: a.id }),
    );
    expect(() => classifyWrite('s1', [a, b], [undefined, recorded(b)])).toThrow(
      expect.objectContaining({ code: 'DUPLICATE_EVENT_ID', eventId: b.id }),
    );
  });
});

describe('decodeNewEvents', () => {
  it('R-AUDIT-1: a malformed event is refused with its path under the prefix given, and the issues', () => {
    const events = [newEvent(), newEvent({ recordedAt: 'yesterday' })];
    expect(() => decodeNewEvents('s1', events, 'writes[1].events')).toThrow(
      expect.objectContaining({
        code: 'INVALID_EVENT',
        path: 'writes[1].events[1].recordedAt',
        details: expect.objectContaining({ streamId: 's1' }),
      }),
    );
    expect(() => decodeNewEvents('s1', [newEvent(), 'not an event'])).toThrow(
      expect.objectContaining({ code: 'INVALID_EVENT', path: 'events[1]' }),
    );
  });

  it('refuses what is not a list of events, naming the path', () => {
    expect(() => decodeNewEvents('s1', { length: 1 } as never, 'writes[0].events')).toThrow(
      expect.objectContaining({
        code: 'INVALID_EVENT',
        path: 'writes[0].events',
        message: 'at writes[0].events: expected an array of events',
      }),
    );
  });
});

describe('checkWrites and checkStreamId', () => {
  it('refuses what is not a list of writes, and a stream written twice, naming the write', () => {
    expect(() => checkWrites('s1' as never)).toThrow(
      expect.objectContaining({
        code: 'INVALID_EVENT',
        path: 'writes',
        message: 'at writes: expected an array of stream writes',
      }),
    );
    const write = (streamId: unknown) => ({ streamId, expectedVersion: 'any', events: [] }) as never;
    expect(() => checkWrites([write('a'), write('b')])).not.toThrow();
    expect(() => checkWrites([write('a'), write('b'), write('a')])).toThrow(
      expect.objectContaining({
        code: 'INVALID_EVENT',
        path: 'writes[2].streamId',
        message: 'at writes[2].streamId: stream "a" is written twice in one appendMany',
      }),
    );
    expect(() => checkWrites([write('a'), null as never])).toThrow(
      expect.objectContaining({ code: 'INVALID_EVENT', path: 'writes[1].streamId' }),
    );
    expect(() => checkWrites([write('a'), write('')])).toThrow(
      expect.objectContaining({ code: 'INVALID_EVENT', path: 'writes[1].streamId' }),
    );
  });

  it('a stream id is a non-empty string; anything else is refused, described, at the path given', () => {
    expect(() => checkStreamId('s')).not.toThrow();
    expect(() => checkStreamId('')).toThrow(
      expect.objectContaining({
        path: 'streamId',
        message: 'at streamId: expected a non-empty string, got the string ""',
      }),
    );
    expect(() => checkStreamId(42, 'writes[3].streamId')).toThrow(
      expect.objectContaining({ code: 'INVALID_EVENT', path: 'writes[3].streamId' }),
    );
  });
});
