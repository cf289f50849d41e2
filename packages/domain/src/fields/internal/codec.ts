/**
 * Codec machinery for the field modules: a refinement that keeps the TypeScript type plain, and
 * arrays of distinct non-empty strings (options, segment ids, currency codes).
 */
import * as t from 'io-ts';

/**
 * A codec that accepts what `codec` accepts and `check` approves, with the same plain type.
 * io-ts `t.refinement` is deprecated and `t.brand` changes the type; this keeps `string` a `string`.
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

/** True when no two items are equal (strict equality). */
export const distinct = (items: readonly unknown[]): boolean => new Set(items).size === items.length;

/**
 * A non-empty array of distinct strings, each accepted by `item`.
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
