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
): t.Type<A, O, unknown> =>
  new t.Type<A, O, unknown>(
    name,
    (u): u is A => codec.is(u) && check(u),
    (u, c) => {
      const decoded = codec.validate(u, c);
      if (decoded._tag === 'Left') return decoded;
      return check(decoded.right) ? decoded : t.failure(u, c, `${name}: the value breaks its rule`);
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
): t.Type<A[], O[], unknown> => checked(t.array(item), (items) => items.length > 0 && distinct(items), name);
