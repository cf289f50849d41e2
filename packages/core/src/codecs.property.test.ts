import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import type * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { IsoInstant, NonEmptyString, NonNegativeInteger, SafeInteger } from './codecs.js';
import { EventMetadata, NewEvent, RecordedEvent } from './envelope.js';
import { InMemoryEventStore } from './inMemoryStore.js';
import { Rejection } from './rejection.js';
import { arbitraryOf } from './testing/index.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const codecs: ReadonlyArray<t.Type<any, unknown, unknown>> = [
  SafeInteger,
  NonNegativeInteger,
  NonEmptyString,
  IsoInstant,
  EventMetadata,
  NewEvent,
  RecordedEvent,
  Rejection,
];

/** Random input: JSON values, any value fast-check makes, and random bytes (raw and as text). */
const junk = fc.oneof(
  fc.jsonValue(),
  fc.anything(),
  fc.uint8Array().map((bytes) => Buffer.from(bytes)),
  fc.uint8Array().map((bytes) => new TextDecoder().decode(bytes)),
);

describe('codec properties', () => {
  for (const codec of codecs) {
    it(`R-AUDIT-2: ${codec.name} round-trips through encode, JSON and decode`, () => {
      fc.assert(
        fc.property(arbitraryOf(codec), (value) => {
          expect(codec.is(value)).toBe(true);
          const decoded = codec.decode(JSON.parse(JSON.stringify(codec.encode(value))));
          expect(decoded).toEqual(E.right(value));
        }),
        { numRuns: 200 },
      );
    });

    it(`R-AUDIT-1: ${codec.name} never throws on random input`, () => {
      fc.assert(
        fc.property(junk, (input) => {
          expect(() => codec.decode(input)).not.toThrow();
        }),
        { numRuns: 200 },
      );
    });
  }

  it('R-AUDIT-1: random input appended as events is refused as INVALID_EVENT and nothing is stored', async () => {
    const store = new InMemoryEventStore();
    await fc.assert(
      fc.asyncProperty(junk, async (input) => {
        if (NewEvent.is(input)) return;
        await expect(store.append('s', [input as NewEvent])).rejects.toMatchObject({ code: 'INVALID_EVENT' });
      }),
      { numRuns: 200 },
    );
    expect(await store.headPosition()).toBe(0);
  });
});
