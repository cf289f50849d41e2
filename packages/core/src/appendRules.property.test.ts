import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeNewEvents } from './appendRules.js';
import { NewEvent } from './envelope.js';
import { arbitraryOf } from './testing/index.js';

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

describe('decodeNewEvents', () => {
  it('R-AUDIT-1: accepts exactly what the NewEvent codec accepts, and hands back the same objects', () => {
    fc.assert(
      fc.property(candidates, (candidate) => {
        const decoded = NewEvent.decode(candidate);
        if (E.isRight(decoded)) {
          const [event] = decodeNewEvents('s1', [candidate]);
          expect(event).toBe(decoded.right);
          expect(event).toBe(candidate);
        } else {
          expect(() => decodeNewEvents('s1', [candidate])).toThrow(
            expect.objectContaining({ code: 'INVALID_EVENT' }),
          );
        }
      }),
      { numRuns: 500 },
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
});
