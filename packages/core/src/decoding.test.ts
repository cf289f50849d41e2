import * as E from 'fp-ts/lib/Either.js';
import * as t from 'io-ts';
import { describe, expect, it } from 'vitest';
import { IsoInstant, NonEmptyString } from './codecs.js';
import { decodeIssues, decodeOrReject } from './decoding.js';
import { NewEvent } from './envelope.js';

const issues = <A>(codec: t.Decoder<unknown, A>, input: unknown) => {
  const result = codec.decode(input);
  if (E.isRight(result)) throw new Error('expected a decoding failure');
  return decodeIssues(result.left);
};

const Command = t.union([
  t.type({
    type: t.literal('SetStage'),
    contactId: NonEmptyString,
    stage: t.keyof({ lead: null, active: null }),
  }),
  t.type({ type: t.literal('AddTag'), contactId: NonEmptyString, tags: t.array(NonEmptyString) }),
]);

describe('decoding reporter', () => {
  it('R-AUDIT-1: names the path, the expected type and what was found', () => {
    expect(issues(t.type({ age: t.number }), { age: 'ten' })).toEqual([
      { path: 'age', expected: 'number', got: 'the string "ten"' },
    ]);
  });

  it('R-AUDIT-1: reports nested paths through intersections and arrays', () => {
    const codec = t.type({ events: t.array(NewEvent) });
    const found = issues(codec, {
      events: [
        {
          id: 'a',
          type: 'T',
          schemaVersion: 1,
          data: {},
          actor: 'u',
          recordedAt: 'now',
          correlationId: 'c',
          causationId: null,
        },
      ],
    });
    expect(found).toEqual([
      { path: 'events[0].recordedAt', expected: 'IsoInstant', got: 'the string "now"' },
    ]);
  });

  it('R-AUDIT-1: in a union told apart by a literal, reports the alternative that matched', () => {
    expect(issues(Command, { type: 'AddTag', contactId: 'c1', tags: ['ok', ''] })).toEqual([
      { path: 'tags[1]', expected: 'NonEmptyString', got: 'the string ""' },
    ]);
  });

  it('R-AUDIT-1: a union with no matching alternative is reported once, by its name', () => {
    const found = issues(Command, { type: 'Nope' });
    expect(found).toHaveLength(1);
    expect(found[0]?.path).toBe('');
    expect(found[0]?.expected).toContain('|');
    const nullable = issues(t.type({ c: t.union([NonEmptyString, t.null]) }), { c: 5 });
    expect(nullable).toEqual([{ path: 'c', expected: '(NonEmptyString | null)', got: 'the number 5' }]);
  });

  it('R-AUDIT-1: a missing field is said to be missing', () => {
    expect(issues(t.type({ when: IsoInstant }), {})).toEqual([
      { path: 'when', expected: 'IsoInstant', got: 'nothing (the field is missing)' },
    ]);
  });

  it('R-AUDIT-1: decodeOrReject gives a typed rejection with the path and a sentence', () => {
    const result = decodeOrReject(t.type({ name: t.string }), { name: 3 }, 'COMMAND_INVALID');
    expect(result).toEqual(
      E.left({
        code: 'COMMAND_INVALID',
        path: 'name',
        message: 'at name: expected string, got the number 3',
        details: { issues: [{ path: 'name', expected: 'string', got: 'the number 3' }] },
      }),
    );
    expect(decodeOrReject(t.string, 'ok')).toEqual(E.right('ok'));
  });
});
