/**
 * Arbitraries derived from io-ts codecs, so that a new command or event is property-tested the
 * day its codec is written: the codec's structure (`_tag`) is walked and each part given a
 * fast-check arbitrary whose values the codec accepts.
 */
import fc from 'fast-check';
import type * as t from 'io-ts';

/** Arbitraries for named codecs (refinements, brands, custom types) the walk cannot derive. */
export type NamedArbitraries = Readonly<Record<string, fc.Arbitrary<unknown>>>;

/** How `arbitraryOf` completes and bounds what it derives. */
export interface ArbitraryOfOptions {
  /** Arbitraries by codec name; they take precedence over everything else. */
  readonly named?: NamedArbitraries;
  /** How deep recursive codecs go before choosing their smallest forms; default 3. */
  readonly maxDepth?: number;
  /** The longest array or record generated; default 5. */
  readonly maxLength?: number;
}

/** The named refinements of `@rapport/core`'s codecs. */
const coreNamed: NamedArbitraries = {
  SafeInteger: fc.maxSafeInteger(),
  NonNegativeInteger: fc.maxSafeNat(),
  NonEmptyString: fc.string({ minLength: 1 }),
  IsoInstant: fc
    .date({
      min: new Date('1970-01-01T00:00:00.000Z'),
      max: new Date('9999-12-31T23:59:59.999Z'),
      noInvalidDate: true,
    })
    .map((date) => date.toISOString()),
};

/** JSON numbers: finite, and never -0 (JSON writes it as 0). */
const jsonNumber = fc.double({ noNaN: true, noDefaultInfinity: true }).map((n) => (Object.is(n, -0) ? 0 : n));

/** A JSON value as it comes back from JSON text (no -0). */
const asJson = (value: unknown): unknown => JSON.parse(JSON.stringify(value)) as unknown;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyCodec = t.Decoder<unknown, any> & { readonly _tag?: string; readonly is?: (u: unknown) => boolean };

interface Walk {
  readonly named: NamedArbitraries;
  readonly maxDepth: number;
  readonly maxLength: number;
}

const walk = (codec: AnyCodec, w: Walk, depth: number): fc.Arbitrary<unknown> => {
  const named = w.named[codec.name];
  if (named !== undefined) return named;
  const c = codec as unknown as Record<string, unknown>;
  const shallow = depth > w.maxDepth;
  const maxLength = shallow ? 0 : w.maxLength;
  switch (codec._tag) {
    case 'StringType':
      return fc.string();
    case 'NumberType':
      return jsonNumber;
    case 'BooleanType':
      return fc.boolean();
    case 'NullType':
      return fc.constant(null);
    case 'UndefinedType':
    case 'VoidType':
      return fc.constant(undefined);
    case 'UnknownType':
    case 'AnyType':
      return fc.jsonValue({ maxDepth: 2 }).map(asJson);
    case 'UnknownRecordType':
      return fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 1 }).map(asJson), { maxKeys: maxLength });
    case 'UnknownArrayType':
      return fc.array(fc.jsonValue({ maxDepth: 1 }).map(asJson), { maxLength });
    case 'LiteralType':
      return fc.constant(c['value']);
    case 'KeyofType':
      return fc.constantFrom(...Object.keys(c['keys'] as object));
    case 'InterfaceType':
      return fc.record(mapProps(c['props'] as Record<string, AnyCodec>, w, depth + 1));
    case 'PartialType':
      return shallow
        ? fc.constant({})
        : fc.record(mapProps(c['props'] as Record<string, AnyCodec>, w, depth + 1), { requiredKeys: [] });
    case 'ExactType':
    case 'StrictType':
    case 'ReadonlyType':
      return walk(c['type'] as AnyCodec, w, depth);
    case 'RecursiveType':
      return walk(c['type'] as AnyCodec, w, depth + 1);
    case 'RefinementType':
      return walk(c['type'] as AnyCodec, w, depth).filter((value) => codec.is?.(value) ?? true);
    case 'ArrayType':
    case 'ReadonlyArrayType':
      return shallow ? fc.constant([]) : fc.array(walk(c['type'] as AnyCodec, w, depth + 1), { maxLength });
    case 'TupleType':
      return fc.tuple(...(c['types'] as AnyCodec[]).map((member) => walk(member, w, depth + 1)));
    case 'DictionaryType': {
      const keys = finiteKeys(c['domain'] as AnyCodec);
      if (keys !== undefined) {
        const codomain = walk(c['codomain'] as AnyCodec, w, depth + 1);
        return fc.record(Object.fromEntries(keys.map((key) => [key, codomain])));
      }
      if (shallow) return fc.constant({});
      return fc.dictionary(
        walk(c['domain'] as AnyCodec, w, depth + 1) as fc.Arbitrary<string>,
        walk(c['codomain'] as AnyCodec, w, depth + 1),
        { maxKeys: maxLength },
      );
    }
    case 'UnionType': {
      const members = c['types'] as AnyCodec[];
      return shallow
        ? walk(members[0]!, w, depth + 1)
        : fc.oneof(...members.map((member) => walk(member, w, depth + 1)));
    }
    case 'IntersectionType':
      return fc
        .tuple(...(c['types'] as AnyCodec[]).map((member) => walk(member, w, depth)))
        .map((parts) => Object.assign({}, ...parts) as unknown);
    default:
      throw new Error(
        `arbitraryOf: no arbitrary for the codec "${codec.name}"${codec._tag === undefined ? '' : ` (${codec._tag})`}; pass one in options.named`,
      );
  }
};

/** The keys of a record whose domain is finite (keyof, literal, union of those): all are required. */
const finiteKeys = (domain: AnyCodec): ReadonlyArray<string> | undefined => {
  const d = domain as unknown as Record<string, unknown>;
  switch (domain._tag) {
    case 'KeyofType':
      return Object.keys(d['keys'] as object);
    case 'LiteralType':
      return [String(d['value'])];
    case 'UnionType': {
      const parts = (d['types'] as AnyCodec[]).map(finiteKeys);
      return parts.every((part) => part !== undefined) ? parts.flat() : undefined;
    }
    default:
      return undefined;
  }
};

const mapProps = (
  props: Record<string, AnyCodec>,
  w: Walk,
  depth: number,
): Record<string, fc.Arbitrary<unknown>> =>
  Object.fromEntries(Object.entries(props).map(([key, codec]) => [key, walk(codec, w, depth)]));

/**
 * An arbitrary of the values a codec accepts, derived from its structure: interfaces, partials,
 * exact, readonly, intersections, unions, literals, keyof, strings, numbers (finite), booleans,
 * null, arrays, tuples, records, refinements (filtered by the codec), recursion (bounded), and the
 * named refinements of `@rapport/core` (`SafeInteger`, `NonNegativeInteger`, `NonEmptyString`,
 * `IsoInstant`). Other named codecs take an arbitrary from `options.named`.
 *
 * @example
 * import * as t from 'io-ts';
 * import fc from 'fast-check';
 * import { arbitraryOf } from '@rapport/core/testing';
 * const Tagged = t.type({ contactId: t.string, tags: t.array(t.keyof({ vip: null, friend: null })) });
 * fc.assert(fc.property(arbitraryOf(Tagged), (value) => Tagged.is(value)));
 */
export const arbitraryOf = <A>(
  codec: t.Decoder<unknown, A>,
  options: ArbitraryOfOptions = {},
): fc.Arbitrary<A> =>
  walk(
    codec as AnyCodec,
    {
      named: { ...coreNamed, ...options.named },
      maxDepth: options.maxDepth ?? 3,
      maxLength: options.maxLength ?? 5,
    },
    0,
  ) as fc.Arbitrary<A>;
