import fc from 'fast-check';
import type * as t from 'io-ts';
import { mapLeft, type Either } from 'fp-ts/lib/Either.js';
import { pipe } from 'fp-ts/lib/function.js';
import { describe, expect, it } from 'vitest';
import { decodeOrReject, type Rejection } from '@rapport/core';
import { arbitraryOf } from '@rapport/core/testing';
import { Command, commandCodecs, decodeCommand, type CommandType } from './commands.js';

/** Decoding as every command was decoded before `is` was asked first: the codec of its type decodes it. */
const decodedByCodec = (input: Record<string, unknown>): Either<Rejection, Command> => {
  const type = input['type'] as CommandType;
  return pipe(
    decodeOrReject(commandCodecs[type] as t.Type<Command, unknown, unknown>, input, 'COMMAND_INVALID'),
    mapLeft((rejection) => ({
      ...rejection,
      message: `Rejected ${type}: ${rejection.message}`,
      rule: 'R-AUDIT-1',
    })),
  );
};

const id = fc.stringMatching(/^[A-Za-z0-9_.:@-]{1,12}$/);
const text = (max: number) =>
  fc.string({ minLength: 1, maxLength: 20 }).filter((s) => s.trim().length > 0 && s.length <= max);

/** Commands of every type, as their codecs accept them. */
const commands = arbitraryOf(Command, {
  named: {
    Id: id,
    Name: text(500),
    Tag: text(100),
    SyncField: fc.oneof(
      fc.constantFrom('name', 'stage', 'segment', 'step'),
      id.map((key) => `tag:${key}`),
    ),
    FieldType: fc.constantFrom(
      { type: 'text' },
      { type: 'text', maxLength: 40 },
      { type: 'date' },
      { type: 'pick_one', options: ['red', 'blue'] },
      { type: 'pick_many', options: ['red', 'blue'] },
    ),
    EntityKinds: fc.constantFrom(['person'], ['company'], ['person', 'deal']),
    SegmentIds: fc.constantFrom(['customer'], ['customer', 'family']),
    Stages: fc.constantFrom(['lead'], ['lead', 'active']),
    ChecklistSteps: fc.uniqueArray(fc.record({ stepId: id, title: text(200) }), {
      selector: (step) => step.stepId,
      maxLength: 3,
    }),
  },
}) as fc.Arbitrary<Record<string, unknown>>;

/** A change anywhere in a value: a property added, removed or replaced, or nothing. */
const changed = (value: unknown, how: fc.Arbitrary<(part: Record<string, unknown>) => void>) =>
  fc.tuple(fc.nat(), how).map(([pick, change]) => {
    const copy = JSON.parse(JSON.stringify(value)) as unknown;
    const objects: Record<string, unknown>[] = [];
    const collect = (part: unknown): void => {
      if (typeof part !== 'object' || part === null) return;
      if (!Array.isArray(part)) objects.push(part as Record<string, unknown>);
      for (const inner of Object.values(part)) collect(inner);
    };
    collect(copy);
    const target = objects[pick % objects.length];
    if (target !== undefined) change(target);
    return copy as Record<string, unknown>;
  });

const change: fc.Arbitrary<(part: Record<string, unknown>) => void> = fc.oneof(
  fc.constant(() => undefined),
  fc
    .tuple(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 1 }))
    .map(([key, value]) => (part: Record<string, unknown>) => {
      if (key !== 'type') part[key] = value;
    }),
  fc.nat().map((pick) => (part: Record<string, unknown>) => {
    const keys = Object.keys(part).filter((key) => key !== 'type');
    const key = keys[pick % Math.max(keys.length, 1)];
    if (key !== undefined) delete part[key];
  }),
);

describe('decodeCommand', () => {
  it('R-AUDIT-1: gives what decoding its JSON with the codec of its type gives, never the input object itself, for commands of every type with any property added, removed or replaced', () => {
    fc.assert(
      fc.property(
        commands.chain((command) => changed(command, change)),
        (input) => {
          // Input is decoded as the JSON data it stands for (-0 is 0, undefined properties are left out).
          const expected = decodedByCodec(JSON.parse(JSON.stringify(input)) as Record<string, unknown>);
          const decoded = decodeCommand(input);
          expect(decoded).toEqual(expected);
          // Never the caller's object, which could change after it was checked.
          if (decoded._tag === 'Right') expect(decoded.right).not.toBe(input);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
