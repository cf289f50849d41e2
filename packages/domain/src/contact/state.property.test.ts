import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { arbitraryOf } from '@rapport/core/testing';
import { ContactEvent } from './events.js';
import { evolveContact, initialContactState, type ContactState } from './state.js';

/** Events over a few users, items, fields and tags, so that they often meet the copies they change. */
const events = fc.array(
  arbitraryOf(ContactEvent, {
    named: {
      Id: fc.constantFrom('ann', 'bob', 'i1', 'f1'),
      Name: fc.constantFrom('Ada', 'Bo'),
      InfoValue: fc.constantFrom('ada@example.com', '+44 20 7946 0000'),
      FieldValue: fc.constantFrom({ type: 'text', value: 'x' }, { type: 'date', value: '2026-11-23' }),
      Tag: fc.constantFrom('VIP', ' vip', 'Golf'),
    },
  }),
  { maxLength: 30 },
);

const deepFreeze = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
};

describe('evolveContact', () => {
  it('never changes the state it is given: folding over frozen states gives what folding over fresh ones gives', () => {
    fc.assert(
      fc.property(events, (sequence) => {
        let shared: ContactState = initialContactState;
        let fresh: ContactState = structuredClone(initialContactState);
        for (const event of sequence) {
          // Changing any part of a frozen state in place throws, parts shared with earlier states too.
          shared = evolveContact(deepFreeze(shared), event);
          fresh = evolveContact(structuredClone(fresh), structuredClone(event));
          expect(shared).toEqual(fresh);
        }
      }),
      { numRuns: 300 },
    );
  });
});
