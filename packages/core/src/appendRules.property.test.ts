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
});
