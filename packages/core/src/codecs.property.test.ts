import * as E from 'fp-ts/lib/Either.js';
import fc from 'fast-check';
import type * as t from 'io-ts';
import { describe, expect, it, vi } from 'vitest';
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

  it('R-AUDIT-2: IsoInstant refuses a missing timestamp before it has accepted any (a fresh module)', async () => {
    vi.resetModules();
    const fresh = await import('./codecs.js');
    expect(fresh.IsoInstant.is(undefined)).toBe(false);
    expect(fresh.IsoInstant.decode(undefined)._tag).toBe('Left');
  });

  it('R-AUDIT-2: IsoInstant accepts exactly the ISO instants Date.parse reads, whatever it checked before', () => {
    const reference = (u: unknown): boolean =>
      typeof u === 'string' &&
      /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/.test(u) &&
      !Number.isNaN(Date.parse(u));
    const instant = fc
      .date({ min: new Date(0), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true })
      .map((date) => date.toISOString());
    const candidate = fc.oneof(
      instant,
      instant.map((text) => text.replace('T', ' ')),
      instant.map((text) => text.slice(0, 5) + '13' + text.slice(7)),
      fc.constant('2026-02-30T00:00:00.000Z'),
      junk,
    );
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 8 }), (inputs) => {
        // Each input is checked twice in a row, as the events of one append are.
        for (const input of inputs)
          for (let i = 0; i < 2; i++) expect(IsoInstant.is(input)).toBe(reference(input));
      }),
      { numRuns: 300 },
    );
  });

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
