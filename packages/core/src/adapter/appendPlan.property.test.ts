import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { NewEvent } from '../envelope.js';
import { canonicalJson, hashEvent } from '../hashChain.js';
import { checkAppend, planAppend, type StoredState } from './appendPlan.js';

/**
 * Data a store takes (R-AUDIT-8: what JSON gives back), in every shape that has a canonical form
 * of its own: -0, objects without a prototype, keys that look like indexes, `toJSON`, `__proto__`.
 */
const data = fc.oneof(
  fc.jsonValue(),
  fc.anything({
    withNullPrototype: true,
    values: [
      fc.string(),
      fc.integer(),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
      fc.boolean(),
      fc.constant(null),
    ],
    key: fc.oneof(fc.string(), fc.constantFrom('toJSON', '__proto__', '10', '9', 'a', 'b')),
  }),
);

const text = fc.string({ minLength: 1, maxLength: 12 });

const event = fc.record({
  type: text,
  schemaVersion: fc.nat(),
  data,
  actor: text,
  recordedAt: fc.constantFrom('2026-11-23T09:30:00.000Z', '2026-01-01T00:00:00Z'),
  correlationId: text,
  causationId: fc.option(text, { nil: null }),
});

const empty: StoredState = { heads: new Map(), byId: new Map(), firstPosition: 1 };

describe('planAppend', () => {
  it('R-AUDIT-5: each insert carries the hash hashEvent gives for its canonical data, and that data text', () => {
    fc.assert(
      fc.property(text, fc.array(event, { minLength: 1, maxLength: 4 }), (streamId, drafts) => {
        const events: NewEvent[] = drafts.map((draft, n) => ({ ...draft, id: `e${n}` }));
        const plan = planAppend(
          checkAppend([{ streamId, expectedVersion: 'no_stream', events }], true),
          empty,
        );
        expect(plan.inserts).toHaveLength(events.length);
        expect(plan.insertTexts).toHaveLength(events.length);
        let previousHash: string | null = null;
        plan.inserts.forEach((insert, n) => {
          const original = events[n]!.data;
          const canonical = JSON.parse(canonicalJson(original)) as unknown;
          expect(insert.data).toStrictEqual(canonical);
          expect(plan.insertTexts[n]).toBe(canonicalJson(original));
          expect(plan.insertTexts[n]).toBe(canonicalJson(insert.data));
          expect(insert.previousHash).toBe(previousHash);
          expect(insert.hash).toBe(hashEvent(previousHash, { ...insert, data: canonical }));
          previousHash = insert.hash;
        });
      }),
      { numRuns: 300 },
    );
  });
});
