import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { checkEventSize, COMMAND_LIMITS, limitInput, MAX_EVENT_BYTES } from './inputLimits.js';

const nested = (depth: number): unknown => {
  let value: unknown = 'leaf';
  for (let level = 0; level < depth; level++) value = { a: value };
  return value;
};

const rejectionOf = (result: E.Either<{ code: string; path?: string }, unknown>) =>
  E.isLeft(result) ? { code: result.left.code, path: result.left.path } : 'accepted';

describe('limitInput', () => {
  it('R-AUDIT-1: input nested up to the depth limit is accepted, one level more is INPUT_TOO_DEEP at its path', () => {
    expect(E.isRight(limitInput(nested(COMMAND_LIMITS.maxDepth)))).toBe(true);
    const refused = rejectionOf(limitInput(nested(COMMAND_LIMITS.maxDepth + 1)));
    expect(refused).toEqual({
      code: 'INPUT_TOO_DEEP',
      path: Array(COMMAND_LIMITS.maxDepth).fill('a').join('.'),
    });
  });

  it('R-AUDIT-1: input nested 100,000 deep is refused, not a stack overflow', () => {
    const text = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(rejectionOf(limitInput(JSON.parse(text)))).toMatchObject({ code: 'INPUT_TOO_DEEP' });
  });

  it('R-AUDIT-1: a string or a key longer than the limit is STRING_TOO_LONG, with its path', () => {
    const long = 'x'.repeat(COMMAND_LIMITS.maxStringLength + 1);
    expect(E.isRight(limitInput({ note: long.slice(1) }))).toBe(true);
    expect(rejectionOf(limitInput({ notes: ['ok', long] }))).toEqual({
      code: 'STRING_TOO_LONG',
      path: 'notes[1]',
    });
    expect(rejectionOf(limitInput({ [long]: 1 }))).toMatchObject({ code: 'STRING_TOO_LONG' });
  });

  it('R-AUDIT-1: input whose JSON takes more bytes than the limit is INPUT_TOO_LARGE, counted in UTF-8 with escapes', () => {
    const limits = { maxDepth: 8, maxStringLength: 1000, maxBytes: 20 };
    // {"a":"é"} is 10 bytes: é takes two.
    expect(E.isRight(limitInput({ a: 'é'.repeat(6) }, limits))).toBe(true); // 8 + 12 bytes
    expect(rejectionOf(limitInput({ a: 'é'.repeat(7) }, limits))).toMatchObject({ code: 'INPUT_TOO_LARGE' });
    // "\n" takes two bytes as JSON.
    expect(E.isRight(limitInput({ a: '\n'.repeat(6) }, limits))).toBe(true);
    expect(rejectionOf(limitInput({ a: '\n'.repeat(7) }, limits))).toMatchObject({ code: 'INPUT_TOO_LARGE' });
  });

  it('R-AUDIT-1: a number is counted by the text JSON gives it, up to 25 bytes without an exponent', () => {
    // Found by the property: JSON writes -0.0000013371949897291482 out in full, 25 bytes.
    const small = -0.0000013371949897291482;
    expect(JSON.stringify(small)).toHaveLength(25);
    const limits = { maxDepth: 0, maxStringLength: 0 };
    expect(rejectionOf(limitInput(small, { ...limits, maxBytes: 24 }))).toMatchObject({
      code: 'INPUT_TOO_LARGE',
    });
    expect(E.isRight(limitInput(small, { ...limits, maxBytes: 25 }))).toBe(true);
    expect(E.isLeft(checkEventSize({ type: 'Noted', data: small }, 24))).toBe(true);
  });

  it('R-AUDIT-1: an object graph that shares one part many times is refused by its size without walking it all', () => {
    let shared: unknown = ['x'];
    for (let level = 0; level < 30; level++) shared = [shared, shared];
    expect(rejectionOf(limitInput(shared))).toMatchObject({ code: 'INPUT_TOO_LARGE' });
  });

  it('R-AUDIT-1: a getter is read once: the copy holds its first value, and what validates it sees what is used', () => {
    let reads = 0;
    const live = {
      type: 'SetStage',
      get stage() {
        reads += 1;
        return reads === 1 ? 'lead' : 'won';
      },
    };
    const copy = limitInput(live);
    expect(copy).toEqual(E.right({ type: 'SetStage', stage: 'lead' }));
    expect(reads).toBe(1);
    const throwing = {
      get stage(): string {
        throw new Error('gone');
      },
    };
    expect(rejectionOf(limitInput({ list: [throwing] }))).toEqual({
      code: 'INPUT_NOT_DATA',
      path: 'list[0].stage',
    });
  });

  it('R-AUDIT-1: a Proxy is read once: what is given back no longer changes', () => {
    let reads = 0;
    const proxy = new Proxy({ stage: 'lead' }, { get: () => ((reads += 1) === 1 ? 'lead' : 'won') });
    const copy = limitInput(proxy);
    expect(copy).toEqual(E.right({ stage: 'lead' }));
    const value = (copy as E.Right<{ stage: string }>).right;
    expect([value.stage, value.stage, reads]).toEqual(['lead', 'lead', 1]);
    expect(Object.isFrozen(value)).toBe(true);
    const throwing = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('trap');
        },
      },
    );
    expect(rejectionOf(limitInput(throwing))).toEqual({ code: 'INPUT_NOT_DATA', path: '' });
  });

  it('R-AUDIT-1: class instances, dates, maps, functions, symbols, big integers and non-finite numbers are INPUT_NOT_DATA', () => {
    class Command {
      type = 'SetStage';
    }
    for (const value of [
      new Command(),
      new Date(0),
      new Map(),
      () => 1,
      Symbol('s'),
      1n,
      Number.NaN,
      Infinity,
    ])
      expect(rejectionOf(limitInput({ value }))).toMatchObject({ code: 'INPUT_NOT_DATA' });
  });

  it('R-AUDIT-1: the copy is deeply frozen, keeps "__proto__" as an own key and holds what JSON would', () => {
    const input = JSON.parse('{"__proto__":{"polluted":true},"list":[1,{"b":null}],"gone":1}') as Record<
      string,
      unknown
    >;
    delete input['gone'];
    (input as { missing?: undefined }).missing = undefined;
    const copy = limitInput(input);
    expect(E.isRight(copy)).toBe(true);
    const value = (copy as E.Right<Record<string, unknown>>).right;
    expect(Object.keys(value)).toEqual(['__proto__', 'list']);
    expect(Object.prototype.hasOwnProperty.call(value, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    expect(Object.isFrozen(value)).toBe(true);
    expect(Object.isFrozen(value['list'])).toBe(true);
    expect(Object.isFrozen((value['list'] as unknown[])[1])).toBe(true);
    expect(JSON.stringify(value)).toBe(JSON.stringify(input));
  });

  it('R-AUDIT-1: a null-prototype object is plain data', () => {
    const bare = Object.assign(Object.create(null) as object, { a: 1 });
    expect(limitInput(bare)).toEqual(E.right({ a: 1 }));
  });
});

describe('checkEventSize', () => {
  it('R-AUDIT-1: data of up to MAX_EVENT_BYTES bytes of JSON passes, one byte more is EVENT_TOO_LARGE', () => {
    // {"a":"…"} takes 8 bytes besides the string.
    const fits = { type: 'Noted', data: { a: 'x'.repeat(MAX_EVENT_BYTES - 8) } };
    expect(E.isRight(checkEventSize(fits))).toBe(true);
    const over = checkEventSize({ type: 'Noted', data: { a: 'x'.repeat(MAX_EVENT_BYTES - 7) } });
    expect(E.isLeft(over) && over.left).toMatchObject({
      code: 'EVENT_TOO_LARGE',
      details: { type: 'Noted', bytes: MAX_EVENT_BYTES + 1, maxBytes: MAX_EVENT_BYTES },
    });
  });
});
