/**
 * Codec machinery for the field modules: a refinement that keeps the TypeScript type plain, and
 * arrays of distinct non-empty strings (options, segment ids, currency codes).
 */
import * as t from 'io-ts';

/**
 * A codec that accepts what `codec` accepts and `check` approves, with the same plain type.
 * io-ts `t.refinement` is deprecated and `t.brand` changes the type; this keeps `string` a `string`.
 *
 * @example
 * import * as t from 'io-ts';
 * import { checked } from './codec.js';
 * const Even = checked(t.number, (n) => n % 2 === 0, 'Even', 'expected an even number');
 * Even.is(4); // true
 * Even.is(3); // false
 * Even.decode(3)._tag; // 'Left'
 */
export const checked = <A, O>(
  codec: t.Type<A, O, unknown>,
  check: (a: A) => boolean,
  name: string,
  expected = 'the value breaks its rule',
): t.Type<A, O, unknown> =>
  new t.Type<A, O, unknown>(
    name,
    (u): u is A => codec.is(u) && check(u),
    (u, c) => {
      const decoded = codec.validate(u, c);
      if (decoded._tag === 'Left') return decoded;
      return check(decoded.right) ? decoded : t.failure(u, c, `${name}: ${expected}`);
    },
    codec.encode,
  );

/**
 * True when no two items are equal (strict equality).
 *
 * @example
 * import { distinct } from './codec.js';
 * distinct(['USD', 'EUR']); // true
 * distinct(['USD', 'USD']); // false
 */
export const distinct = (items: readonly unknown[]): boolean => new Set(items).size === items.length;

/**
 * A non-empty array of distinct strings, each accepted by `item`.
 *
 * @example
 * import * as t from 'io-ts';
 * import { distinctNonEmptyArray } from './codec.js';
 * const Options = distinctNonEmptyArray(t.string, 'Options');
 * Options.is(['Inbound', 'Referral']); // true
 * Options.is([]); // false
 * Options.is(['Inbound', 'Inbound']); // false
 */
export const distinctNonEmptyArray = <A, O>(
  item: t.Type<A, O, unknown>,
  name: string,
): t.Type<A[], O[], unknown> =>
  checked(
    t.array(item),
    (items) => items.length > 0 && distinct(items),
    name,
    'expected a non-empty list without repeats',
  );

/**
 * A union of object codecs told apart by their `type` property. Decoding goes straight to the
 * member named by `type`, so a failure reports that member's problem, not every member's.
 *
 * @example
 * import * as t from 'io-ts';
 * import { taggedUnion } from './codec.js';
 * const Shape = taggedUnion(
 *   { circle: t.type({ type: t.literal('circle'), r: t.number }), square: t.type({ type: t.literal('square'), side: t.number }) },
 *   'Shape',
 * );
 * Shape.is({ type: 'circle', r: 1 }); // true
 * Shape.is({ type: 'circle', side: 1 }); // false: a circle has a radius
 * Shape.decode({ type: 'oval' })._tag; // 'Left'
 */
export const taggedUnion = <M extends Readonly<Record<string, t.Mixed>>>(
  members: M,
  name: string,
): t.Type<t.TypeOf<M[keyof M]>, t.OutputOf<M[keyof M]>, unknown> => {
  const memberOf = (u: unknown): t.Mixed | undefined => {
    if (typeof u !== 'object' || u === null || !('type' in u)) return undefined;
    const tag = u.type;
    return typeof tag === 'string' && Object.hasOwn(members, tag) ? members[tag] : undefined;
  };
  const tags = Object.keys(members).join(', ');
  return new t.Type<t.TypeOf<M[keyof M]>, t.OutputOf<M[keyof M]>, unknown>(
    name,
    (u): u is t.TypeOf<M[keyof M]> => memberOf(u)?.is(u) ?? false,
    (u, c) => {
      const member = memberOf(u);
      return member === undefined
        ? t.failure(u, c, `${name}: expected an object whose type is one of ${tags}`)
        : (member.validate(u, c) as t.Validation<t.TypeOf<M[keyof M]>>);
    },
    (a) => (memberOf(a)?.encode(a) ?? a) as t.OutputOf<M[keyof M]>,
  );
};
