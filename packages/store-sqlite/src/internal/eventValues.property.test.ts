import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventFromRow } from '@rapport/core/adapter';
import { eventFromValues, rowOfValues, type EventValues } from './eventValues.js';

const text = fc.string({ maxLength: 12 });

/** The values of a row as SQLite gives them; the data is JSON text, or now and then not JSON. */
const values: fc.Arbitrary<EventValues> = fc.tuple(
  fc.nat(),
  text,
  fc.nat(),
  text,
  text,
  fc.nat(),
  fc.oneof(fc.json(), fc.constantFrom('{', '', 'undefined', '{"a":1}x')),
  text,
  text,
  text,
  fc.option(text, { nil: null }),
  fc.option(text, { nil: null }),
  text,
);

const outcome = (read: () => unknown): unknown => {
  try {
    return { event: read() };
  } catch (error) {
    return { error };
  }
};

describe('eventFromValues (property)', () => {
  it('R-AUDIT-2: gives what eventFromRow gives for the same row, its error included', () => {
    fc.assert(
      fc.property(values, (row) => {
        expect(outcome(() => eventFromValues(row))).toStrictEqual(
          outcome(() => eventFromRow(rowOfValues(row))),
        );
      }),
      { numRuns: 500 },
    );
  });
});
