/**
 * Hostile JSON Lines fed to `rapport exec`: deep nesting, huge strings, invalid UTF-8, byte-order
 * marks, prototype keys, wrong types, truncated JSON and bytes that are no text at all, mixed with
 * commands that are accepted, so that the store has a history to keep whole.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { verifyStore } from '@rapport/core';
import { openSqliteEventStore } from '@rapport/store-sqlite';
import { runInProcess, runProcess, tempDir } from '../internal/harness.js';

const ACTORS = ['ann', 'bob'];
// Ids include names of Object.prototype members: ids are data (R-FIELD-7).
const CONTACTS = ['c0', 'c1', 'c2', 'valueOf', 'constructor'];
const ITEMS = ['e1', 'toString', '__proto__', 'hasOwnProperty'];
const FIELDS = ['note', 'toString', '__proto__', 'constructor'];
// Names of Object.prototype members, as keys of the input's objects.
const PROTOTYPE_KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'];

const on = (actor: string, contactId: string) => ({ actor, orgId: 'acme', contactId });

/** The commands that set the organization up, run first. */
const SETUP: ReadonlyArray<object> = [
  { type: 'CreateOrganization', actor: 'ann', orgId: 'acme', name: 'Acme' },
  { type: 'AddMember', actor: 'ann', orgId: 'acme', userId: 'bob', role: 'member' },
  ...FIELDS.map((fieldId) => ({
    type: 'DefineField',
    actor: 'ann',
    orgId: 'acme',
    definition: { fieldId, name: fieldId, valueType: { type: 'text' }, appliesTo: ['person', 'company'] },
  })),
];

/** Commands that are often accepted, over a small pool of ids. */
const plausible: fc.Arbitrary<Record<string, unknown>> = fc
  .tuple(fc.constantFrom(...ACTORS), fc.constantFrom(...CONTACTS), fc.nat(9))
  .chain(([actor, contactId, pick]) =>
    fc.constantFrom<Record<string, unknown>>(
      { type: 'AddContact', ...on(actor, contactId), kind: 'person', name: `Contact ${contactId}` },
      { type: 'SetSegment', ...on(actor, contactId), segmentId: pick % 3 === 0 ? 'family' : 'customer' },
      { type: 'SetStage', ...on(actor, contactId), stage: pick % 2 === 0 ? 'lead' : 'active' },
      { type: 'ApplyTag', ...on(actor, contactId), tag: `t${pick}` },
      { type: 'RemoveTag', ...on(actor, contactId), tag: `t${pick}` },
      { type: 'RenameContact', ...on(actor, contactId), name: `Name ${pick} ✓ 名前` },
      {
        type: 'SetContactInfo',
        ...on(actor, contactId),
        item: { itemId: ITEMS[pick % ITEMS.length], kind: 'email', value: `x${pick}@example.com` },
      },
      { type: 'RemoveContactInfo', ...on(actor, contactId), itemId: ITEMS[pick % ITEMS.length] },
      {
        type: 'SetFieldValue',
        ...on(actor, contactId),
        fieldId: FIELDS[pick % FIELDS.length],
        value: `v${pick}`,
      },
      { type: 'ClearFieldValue', ...on(actor, contactId), fieldId: FIELDS[pick % FIELDS.length] },
      { type: 'RetireField', actor: 'ann', orgId: 'acme', fieldId: FIELDS[pick % FIELDS.length] },
    ),
  );

const deep = (depth: number, open: string, close: string, leaf: string): string =>
  `${open.repeat(depth)}${leaf}${close.repeat(depth)}`;

/** One hostile change of a plausible command, as the bytes of a line (without its newline). */
const hostile: fc.Arbitrary<Buffer> = fc.oneof(
  // Accepted or refused by the rules, as it is.
  { weight: 6, arbitrary: plausible.map((command) => Buffer.from(JSON.stringify(command))) },
  // Nested deep, in a field or as the whole line.
  {
    weight: 1,
    arbitrary: fc
      .tuple(plausible, fc.integer({ min: 30, max: 40 }), fc.boolean())
      .map(([command, depth, arrays]) =>
        Buffer.from(
          JSON.stringify(command).replace(
            /"name":"[^"]*"|"tag":"[^"]*"|"value":"[^"]*"/,
            (match) =>
              `${match.slice(0, match.indexOf(':') + 1)}${arrays ? deep(depth, '[', ']', '"x"') : deep(depth, '{"a":', '}', '1')}`,
          ),
        ),
      ),
  },
  // Strings just over the string limit.
  {
    weight: 1,
    arbitrary: fc
      .tuple(plausible, fc.constantFrom('x', 'é', '\n', '😀'))
      .map(([command, unit]) =>
        Buffer.from(JSON.stringify({ ...command, name: unit.repeat(Math.ceil(10_001 / unit.length)) })),
      ),
  },
  // Invalid UTF-8 inside a string, or a byte-order mark opening a line other than the first.
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        plausible,
        fc.constantFrom([0xff], [0xc3], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xc0, 0xaf]),
      )
      .map(([command, bytes]) => {
        const text = JSON.stringify({ ...command, name: 'Ren@' });
        const at = text.indexOf('@');
        return Buffer.concat([
          Buffer.from(text.slice(0, at)),
          Buffer.from(bytes),
          Buffer.from(text.slice(at + 1)),
        ]);
      }),
  },
  { weight: 1, arbitrary: plausible.map((command) => Buffer.from(`\ufeff${JSON.stringify(command)}`)) },
  // Prototype keys as keys of the command and of its parts.
  {
    weight: 1,
    arbitrary: fc
      .tuple(plausible, fc.constantFrom(...PROTOTYPE_KEYS), fc.jsonValue({ maxDepth: 2 }), fc.boolean())
      .map(([command, key, value, nested]) => {
        const text = JSON.stringify(command);
        const extra = `${JSON.stringify(key)}:${JSON.stringify(value)}`;
        return Buffer.from(
          nested && text.includes('"item":{')
            ? text.replace('"item":{', `"item":{${extra},`)
            : `{${extra},${text.slice(1)}`,
        );
      }),
  },
  // Wrong types for a field, or a field missing.
  {
    weight: 1,
    arbitrary: fc
      .tuple(plausible, fc.nat(), fc.oneof(fc.jsonValue({ maxDepth: 2 }), fc.constant(undefined)))
      .map(([command, pick, value]) => {
        const keys = Object.keys(command);
        const key = keys[pick % keys.length]!;
        return Buffer.from(JSON.stringify({ ...command, [key]: value }));
      }),
  },
  // Truncated JSON, JSON that is not an object, bytes that are no text, odd command ids.
  {
    weight: 1,
    arbitrary: fc.tuple(plausible, fc.nat()).map(([command, cut]) => {
      const text = JSON.stringify(command);
      return Buffer.from(text.slice(0, 1 + (cut % (text.length - 1))));
    }),
  },
  {
    weight: 1,
    arbitrary: fc.jsonValue({ maxDepth: 3 }).map((value) => Buffer.from(`[${JSON.stringify(value)}]`)),
  },
  {
    weight: 1,
    arbitrary: fc
      .uint8Array({ minLength: 1, maxLength: 40 })
      .map((bytes) => Buffer.from(bytes.map((byte) => (byte === 0x0a || byte === 0x0d ? 0x21 : byte))))
      .map((bytes) => Buffer.concat([Buffer.from('#'), bytes])),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        plausible,
        fc.oneof(
          fc.constantFrom('__proto__', 'toString', '', 'a/b', 'x'.repeat(200), '~0'),
          fc.jsonValue({ maxDepth: 1 }),
        ),
      )
      .map(([command, commandId]) => Buffer.from(JSON.stringify({ commandId, ...command }))),
  },
);

/**
 * Lines too big to draw often: nested 100,000 deep, a command over 64 KiB whose strings are each
 * within the limit, a line over 1 MiB.
 */
const BIG: ReadonlyArray<Buffer> = [
  Buffer.from(deep(100_000, '[', ']', '')),
  Buffer.from(deep(50_000, '{"type":', '}', '1')),
  Buffer.from(
    JSON.stringify({ ...SETUP[0], name: `{"type":"AddContact",${deep(100_000, '{"a":', '}', '1')}}` }).slice(
      0,
      300,
    ),
  ),
  Buffer.from(
    JSON.stringify({
      type: 'DefineField',
      actor: 'ann',
      orgId: 'acme',
      definition: {
        fieldId: 'big',
        name: 'Big',
        valueType: {
          type: 'pick_one',
          options: Array.from({ length: 20 }, (_, i) => `${i}${'o'.repeat(5_000)}`),
        },
        appliesTo: ['person'],
      },
    }),
  ),
  Buffer.from(
    JSON.stringify({ type: 'AddContact', ...on('ann', 'c9'), kind: 'person', name: '😀'.repeat(600_000) }),
  ),
  Buffer.from(
    `{"type":"AddContact","actor":"ann","orgId":"acme","contactId":"c8","kind":"person","name":${deep(100_000, '[', ']', '')}}`,
  ),
];

/** A file of `count` hostile lines after the setup, the big ones spread among them, opened by a byte-order mark. */
const hostileFile = (count: number, seed: number): { bytes: Buffer; lines: number } => {
  const drawn = fc.sample(hostile, { numRuns: count - BIG.length, seed });
  BIG.forEach((line, index) =>
    drawn.splice(Math.floor(((index + 1) * drawn.length) / (BIG.length + 1)), 0, line),
  );
  const lines = [...SETUP.map((command) => Buffer.from(JSON.stringify(command))), ...drawn];
  return {
    bytes: Buffer.concat([Buffer.from('\ufeff'), ...lines.flatMap((line) => [line, Buffer.from('\n')])]),
    lines: lines.length,
  };
};

interface Outcome {
  readonly line?: number;
  readonly outcome?: 'accepted' | 'done before' | 'rejected';
  readonly rejection?: { readonly code: string };
  readonly events?: ReadonlyArray<string>;
  readonly commandId?: string | null;
  readonly summary?: { readonly lines: number; readonly accepted: number; readonly rejected: number };
}

const outcomesOf = (stdout: string): Outcome[] =>
  stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Outcome);

const STACK_TRACE = /\n\s+at |Error:|node:internal/;

describe('rapport exec, fuzzed with hostile JSON Lines', () => {
  it(
    'R-AUDIT-1, R-FIELD-7: 10,000 hostile lines, prototype member names among their ids: no stack trace, one result for every line, exit code 1, and the store verifies, replays and is not appended to twice',
    { timeout: 600_000 },
    async () => {
      const dir = tempDir();
      const file = hostileFile(10_000, 20261206);
      writeFileSync(join(dir, 'hostile.jsonl'), file.bytes);

      const run = await runInProcess(['exec', 'hostile.jsonl', '--json'], dir);

      expect(run.stderr).not.toMatch(STACK_TRACE);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(1);
      const outcomes = outcomesOf(run.stdout);
      const lines = outcomes.filter((outcome) => outcome.line !== undefined);
      expect(lines.map((outcome) => outcome.line)).toEqual(
        Array.from({ length: file.lines }, (_, i) => i + 1),
      );
      const accepted = lines.filter((outcome) => outcome.outcome === 'accepted').length;
      const rejected = lines.filter((outcome) => outcome.outcome === 'rejected');
      expect(accepted).toBeGreaterThan(1000);
      expect(outcomes.at(-1)?.summary).toMatchObject({
        lines: file.lines,
        accepted,
        rejected: rejected.length,
      });
      // Every class of hostile input met its rejection.
      const codes = new Set(rejected.map((outcome) => outcome.rejection?.code));
      for (const code of [
        'INPUT_TOO_DEEP',
        'STRING_TOO_LONG',
        'INPUT_TOO_LARGE',
        'LINE_TOO_LONG',
        'LINE_NOT_UTF8',
        'LINE_NOT_JSON',
        'COMMAND_INVALID',
        'COMMAND_UNKNOWN',
        'COMMAND_ID_INVALID',
      ])
        expect(codes).toContain(code);

      const store = await openSqliteEventStore({ path: join(dir, 'rapport.db') });
      try {
        const report = await verifyStore(store);
        expect(report.ok).toBe(true);
        expect(report.events).toBe(lines.reduce((sum, outcome) => sum + (outcome.events?.length ?? 0), 0));
      } finally {
        await store.close();
      }
      const replay = await runInProcess(['replay'], dir);
      expect([replay.code, replay.stderr]).toEqual([0, '']);

      const again = await runInProcess(['exec', 'hostile.jsonl', '--json'], dir);
      expect(again.stderr).toBe('');
      const rerun = outcomesOf(again.stdout).filter((outcome) => outcome.line !== undefined);
      // A command that appended nothing left no trace: it runs again, and appends nothing again.
      // Lines that share a "commandId" are one command, done once.
      const appended = new Set(
        lines.filter((outcome) => (outcome.events?.length ?? 0) > 0).map((outcome) => outcome.commandId),
      );
      expect(rerun.filter((outcome) => outcome.outcome === 'done before')).toHaveLength(
        lines.filter((outcome) => appended.has(outcome.commandId)).length,
      );
      expect(rerun.filter((outcome) => (outcome.events?.length ?? 0) > 0)).toHaveLength(0);
    },
  );

  it(
    'R-AUDIT-1: a real process given 300 hostile lines exits with 1, prints no stack trace and reports every line',
    { timeout: 120_000 },
    async () => {
      const dir = tempDir();
      const file = hostileFile(300, 7);
      writeFileSync(join(dir, 'hostile.jsonl'), file.bytes);

      const run = await runProcess(['exec', 'hostile.jsonl', '--json'], dir);

      expect(run.stderr).not.toMatch(STACK_TRACE);
      expect(run.code).toBe(1);
      const lines = outcomesOf(run.stdout).filter((outcome) => outcome.line !== undefined);
      expect(lines.map((outcome) => outcome.line)).toEqual(
        Array.from({ length: file.lines }, (_, i) => i + 1),
      );
    },
  );
});
