import fc from 'fast-check';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { IsoInstant, NonEmptyString } from '../codecs.js';
import { arbitraryOf } from './arbitraryOf.js';

interface Tree {
  readonly label: string;
  readonly children: ReadonlyArray<Tree>;
}
const Tree: t.Type<Tree> = t.recursion('Tree', () =>
  t.readonly(t.type({ label: t.string, children: t.readonlyArray(Tree) })),
);

const Email = t.brand(
  t.string,
  (s): s is t.Branded<string, { readonly Email: unique symbol }> => /^[^@\s]+@[^@\s]+$/.test(s),
  'Email',
);

const codecs: ReadonlyArray<t.Decoder<unknown, unknown> & { is: (u: unknown) => boolean }> = [
  t.type({ a: t.string, b: t.number, c: t.boolean, d: t.null }),
  t.partial({ a: t.string, when: IsoInstant }),
  t.exact(t.type({ a: NonEmptyString })),
  t.strict({ a: t.literal('x') }),
  t.intersection([t.type({ a: t.string }), t.partial({ b: t.array(t.number) })]),
  t.union([t.literal('a'), t.keyof({ b: null, c: null })]),
  t.record(t.keyof({ x: null, y: null }), t.number),
  t.record(t.string, t.readonlyArray(t.boolean)),
  t.tuple([t.string, t.number]),
  t.refinement(t.number, (n) => n >= 0, 'NonNegative'),
  Tree,
  t.type({ email: Email }),
];

describe('arbitraryOf', () => {
  codecs.forEach((codec) => {
    it(`generates only values that ${codec.name} accepts`, () => {
      fc.assert(
        fc.property(arbitraryOf(codec, { named: { Email: fc.emailAddress() } }), (value) => {
          expect(codec.is(value)).toBe(true);
        }),
        { numRuns: 100 },
      );
    });
  });

  it('names the codec it cannot derive an arbitrary for', () => {
    const Custom = new t.Type<string>(
      'Custom',
      (u): u is string => typeof u === 'string',
      (u, c) => (typeof u === 'string' ? t.success(u) : t.failure(u, c)),
      t.identity,
    );
    expect(() => arbitraryOf(t.type({ x: Custom }))).toThrow(/Custom/);
  });
});
