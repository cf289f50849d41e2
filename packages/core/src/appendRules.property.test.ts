import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { isDeepStrictEqual } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { decodeNewEvents } from './appendRules.js';
import { IsoInstant } from './codecs.js';
import { NewEvent } from './envelope.js';
import { arbitraryOf, newEvent } from './testing/index.js';

/** Valid events, and events with one field replaced by anything at all (or removed). */
const candidates = fc.oneof(
  arbitraryOf(NewEvent),
  fc
    .tuple(
      arbitraryOf(NewEvent),
      fc.constantFrom(
        'id',
        'type',
        'schemaVersion',
        'data',
        'actor',
        'recordedAt',
        'correlationId',
        'causationId',
      ),
      fc.option(fc.anything(), { nil: undefined }),
    )
    .map(([event, field, value]) => ({ ...event, [field]: value })),
  fc.anything(),
);

/**
 * Whether JSON gives `data` back as it is: parsing its text gives a value deeply equal to it, where
 * -0 may read back as 0 and an object without a prototype as a plain one.
 */
const readsBack = (data: unknown): boolean => {
  const text = JSON.stringify(data);
  return text !== undefined && isDeepStrictEqual(JSON.parse(text), normalized(data));
};
const normalized = (value: unknown): unknown => {
  if (Object.is(value, -0)) return 0;
  if (Array.isArray(value))
    return value.length === 0
      ? value
      : Array.from(value, (item, i) => (i in value ? normalized(item) : item));
  if (typeof value !== 'object' || value === null || Object.getPrototypeOf(value) !== null) return value;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, normalized(item)]));
};

describe('decodeNewEvents', () => {
  it('R-AUDIT-1, R-AUDIT-8: accepts exactly what the NewEvent codec accepts with data JSON gives back, and hands back the same objects', () => {
    fc.assert(
      fc.property(candidates, (candidate) => {
        const decoded = NewEvent.decode(candidate);
        if (E.isRight(decoded) && readsBack(decoded.right.data)) {
          const [event] = decodeNewEvents('s1', [candidate]);
          expect(event).toBe(candidate);
          expect(event).toEqual(decoded.right);
        } else {
          expect(() => decodeNewEvents('s1', [candidate])).toThrow(
            expect.objectContaining({ code: 'INVALID_EVENT' }),
          );
        }
      }),
      { numRuns: 500 },
    );
  });

  it('R-AUDIT-8: an event whose data is NaN, which the codec takes, is refused: it would read back as null', () => {
    // Found by the property above (seed 191106699), when NaN was taken and io-ts copied the event.
    const event = { ...newEvent(), data: Number.NaN };
    expect(() => decodeNewEvents('s1', [event])).toThrow(
      expect.objectContaining({ code: 'INVALID_EVENT', path: 'events[0].data' }),
    );
  });

  it('R-AUDIT-1: refuses a list of events exactly when two of them share an id, naming the first repeated id', () => {
    // Up to 8 events the ids are compared pairwise, past that through a set: both are covered.
    const lists = fc.array(
      fc.tuple(
        arbitraryOf(NewEvent),
        fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l'),
      ),
      {
        maxLength: 14,
      },
    );
    fc.assert(
      fc.property(lists, (pairs) => {
        const events = pairs.map(([event, id]) => ({ ...event, id }));
        const ids = events.map((event) => event.id);
        const repeated = ids.find((id, i) => ids.indexOf(id) < i);
        if (repeated === undefined) {
          expect(decodeNewEvents('s1', events)).toEqual(events);
        } else {
          expect(() => decodeNewEvents('s1', events)).toThrow(
            expect.objectContaining({ code: 'DUPLICATE_EVENT_ID', eventId: repeated }),
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it('R-AUDIT-1: lists whose ids ascend for a while are refused exactly when two events share an id', () => {
    // Ascending ids are not compared with each other; the first id out of order is compared with all.
    const letter = fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j', 'k', 'l');
    const id = fc.tuple(letter, letter).map(([a, b]) => a + b);
    const lists = fc
      .tuple(fc.uniqueArray(id, { maxLength: 16 }), fc.array(id, { maxLength: 6 }), arbitraryOf(NewEvent))
      .map(([prefix, rest, event]) => [...prefix.sort(), ...rest].map((i) => ({ ...event, id: i })));
    fc.assert(
      fc.property(lists, (events) => {
        const ids = events.map((event) => event.id);
        const repeated = ids.find((i, n) => ids.indexOf(i) < n);
        if (repeated === undefined) {
          expect(decodeNewEvents('s1', events)).toEqual(events);
        } else {
          expect(() => decodeNewEvents('s1', events)).toThrow(
            expect.objectContaining({ code: 'DUPLICATE_EVENT_ID', eventId: repeated }),
          );
        }
      }),
      { numRuns: 500 },
    );
  });

  it('R-AUDIT-2: accepts a timestamp exactly when the ISO pattern and Date.parse do, whatever it checked before', () => {
    // Timestamps of a day already seen are checked by their time alone: times around midnight,
    // out of range and of every fraction length come after others of the same day.
    const reference = (u: string): boolean =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/.test(u) && !Number.isNaN(Date.parse(u));
    const pad = (n: number): string => String(n).padStart(2, '0');
    const upTo = (most: number, edges: number[]) =>
      fc.oneof(fc.integer({ min: 0, max: most }), fc.constantFrom(...edges));
    const timestamp = fc
      .record({
        day: fc.constantFrom('2026-11-23T', '2026-02-31T', '0000-01-01T', '9999-12-31T'),
        hour: upTo(23, [23, 24, 25, 29, 30]),
        minute: upTo(59, [59, 60, 69, 70]),
        second: upTo(59, [59, 60, 69, 70]),
        fraction: fc.oneof(
          fc.constant(''),
          fc
            .tuple(
              fc.constantFrom('.', '.', '.', ','),
              fc.integer({ min: 0, max: 11 }),
              fc.constantFrom('0', '5'),
            )
            .map(([point, length, digit]) => point + digit.repeat(length)),
        ),
        end: fc.constantFrom('Z', 'Z', 'Z', 'Z', 'z', 'Z ', ''),
      })
      .map((t) => `${t.day}${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}${t.fraction}${t.end}`);
    const mangled = fc
      .tuple(timestamp, fc.nat(), fc.constantFrom('x', ' ', '1', ':', '-', ''))
      .map(([text, at, replacement]) => {
        const i = at % text.length;
        return text.slice(0, i) + replacement + text.slice(i + 1);
      });
    const candidate = fc.oneof(
      { weight: 4, arbitrary: timestamp },
      { weight: 2, arbitrary: mangled },
      { weight: 1, arbitrary: fc.string() },
    );
    fc.assert(
      fc.property(arbitraryOf(NewEvent), fc.array(candidate, { maxLength: 12 }), (event, inputs) => {
        for (const recordedAt of inputs) {
          const check = (): unknown => decodeNewEvents('s1', [{ ...event, recordedAt }]);
          if (reference(recordedAt)) expect(check).not.toThrow();
          else expect(check).toThrow(expect.objectContaining({ code: 'INVALID_EVENT' }));
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('R-AUDIT-2: after a timestamp of a day, each one-character change of another of that day is accepted exactly when the ISO pattern and Date.parse accept it', () => {
    // Every change at every place of the time, examples rather than draws: the timestamps of a day
    // already seen are checked by their time alone, and a random draw meets one place seldom.
    const reference = (u: string): boolean =>
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/.test(u) && !Number.isNaN(Date.parse(u));
    const event = newEvent();
    const day = '2026-11-23T';
    const times = ['09:30:00Z', '23:59:59Z', '00:00:00.5Z', '19:45:59.123456789Z', '24:00:00Z'];
    const replacements = ['', 'x', ' ', ':', '.', '-', '0', '5', '9', 'Z', '00', '.5'];
    for (const time of times) {
      for (let at = 0; at < time.length; at++) {
        for (const replacement of replacements) {
          const recordedAt = day + time.slice(0, at) + replacement + time.slice(at + 1);
          decodeNewEvents('s1', [{ ...event, recordedAt: `${day}12:00:00Z` }]);
          const check = (): unknown => decodeNewEvents('s1', [{ ...event, recordedAt }]);
          if (reference(recordedAt)) expect(check, recordedAt).not.toThrow();
          else expect(check, recordedAt).toThrow(expect.objectContaining({ code: 'INVALID_EVENT' }));
        }
      }
    }
  });

  it('valid events are accepted without the io-ts decoder, and a timestamp of a day already met without the ISO pattern', () => {
    // The hot path of every append: the decoder runs only to say why an event is refused, and the
    // pattern and Date.parse once per day met (and for 24:00), so an append of one day's events
    // checks them field by field.
    const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
    const timestamp = fc
      .record({
        day: fc.constantFrom('2026-11-23T', '2026-11-24T', '1999-12-31T'),
        hour: fc.integer({ min: 0, max: 23 }),
        minute: fc.integer({ min: 0, max: 59 }),
        second: fc.integer({ min: 0, max: 59 }),
        fraction: fc.option(fc.stringMatching(/^\d{1,9}$/), { nil: undefined }),
      })
      .map(
        (t) =>
          `${t.day}${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}${t.fraction === undefined ? '' : `.${t.fraction}`}Z`,
      );
    const events = fc.array(
      fc.tuple(arbitraryOf(NewEvent), fc.oneof(timestamp, fc.constant('2026-11-23T24:00:00Z'))),
      { minLength: 1, maxLength: 12 },
    );
    fc.assert(
      fc.property(events, (pairs) => {
        // A first event of a day no other takes, so that the days before this case count for nothing.
        const timestamps = ['2000-01-01T00:00:00Z', ...pairs.map(([, recordedAt]) => recordedAt)];
        const list = timestamps.map((recordedAt, i) => ({
          ...(pairs[Math.max(0, i - 1)]![0] as NewEvent),
          id: `e${pad(i, 3)}`,
          recordedAt,
        }));
        let day: string | undefined;
        let patternRuns = 0;
        for (const recordedAt of timestamps) {
          if (recordedAt.startsWith(day ?? '-') && !recordedAt.includes('T24:')) continue;
          patternRuns += 1;
          day = recordedAt.slice(0, 11);
        }
        const decode = vi.spyOn(NewEvent, 'decode');
        const pattern = vi.spyOn(IsoInstant, 'is');
        try {
          expect(decodeNewEvents('s1', list)).toEqual(list);
          expect(decode).not.toHaveBeenCalled();
          expect(pattern).toHaveBeenCalledTimes(patternRuns);
        } finally {
          decode.mockRestore();
          pattern.mockRestore();
        }
      }),
      { numRuns: 300 },
    );
  });
});
