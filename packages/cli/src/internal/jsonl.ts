/**
 * The JSON Lines form of a history: one recorded event a line, fields in a fixed order, decoded
 * back with io-ts so that a bad line is reported with its number, path and expected type.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import * as E from 'fp-ts/lib/Either.js';
import { decodeIssues, formatDecodeIssues, RecordedEvent, reject, type Rejection } from '@rapport/core';

/**
 * One event as a line of text, ending with a newline.
 *
 * @example
 * import { InMemoryEventStore } from '@rapport/core';
 * import { newEvent } from '@rapport/core/testing';
 * import { eventLine } from './jsonl.js';
 * const store = new InMemoryEventStore();
 * const { events } = await store.append('s1', [newEvent({ data: { note: 'hi' } })]);
 * const line = eventLine(events[0]!);
 * line.endsWith('}\n'); // true
 * JSON.parse(line).data; // { note: 'hi' }
 */
export const eventLine = (event: RecordedEvent): string =>
  `${JSON.stringify({
    globalPosition: event.globalPosition,
    streamId: event.streamId,
    streamVersion: event.streamVersion,
    id: event.id,
    type: event.type,
    schemaVersion: event.schemaVersion,
    data: event.data,
    actor: event.actor,
    recordedAt: event.recordedAt,
    correlationId: event.correlationId,
    causationId: event.causationId,
    previousHash: event.previousHash,
    hash: event.hash,
  })}\n`;

/** A line of input: its number (from 1) and its text; blank lines are skipped. */
export interface InputLine {
  readonly line: number;
  readonly text: string;
}

/**
 * Reads the non-blank lines of a file, or of standard input when the name is "-".
 *
 * @example
 * import { Readable } from 'node:stream';
 * import { readLines } from './jsonl.js';
 * const lines = [];
 * for await (const line of readLines('-', Readable.from(['{"a":1}\n', '\n', '{"a":2}\n']))) lines.push(line);
 * lines; // [{ line: 1, text: '{"a":1}' }, { line: 3, text: '{"a":2}' }]
 */
export async function* readLines(path: string, stdin: Readable = process.stdin): AsyncGenerator<InputLine> {
  const input = path === '-' ? stdin : createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() !== '') yield { line, text };
  }
}

/**
 * Parses a line as JSON, or says why it is not JSON.
 *
 * @example
 * import { parseJsonLine } from './jsonl.js';
 * parseJsonLine('{"a":1}')._tag; // 'Right'
 * parseJsonLine('{a:1}')._tag; // 'Left': not JSON, with the parser's reason
 */
export const parseJsonLine = (text: string): E.Either<string, unknown> => {
  try {
    return E.right(JSON.parse(text) as unknown);
  } catch (error) {
    return E.left(`not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
};

/**
 * Decodes a line as a recorded event, or says what is wrong with it.
 *
 * @example
 * import { decodeEventLine } from './jsonl.js';
 * const decoded = decodeEventLine('{"id":"e1"}');
 * decoded._tag === 'Left' && decoded.left.split('; ')[0]; // 'at type: expected NonEmptyString, got nothing (the field is missing)'
 */
export const decodeEventLine = (text: string): E.Either<string, RecordedEvent> => {
  const parsed = parseJsonLine(text);
  if (E.isLeft(parsed)) return parsed;
  const decoded = RecordedEvent.decode(parsed.right);
  return E.isRight(decoded) ? decoded : E.left(formatDecodeIssues(decodeIssues(decoded.left)));
};

/**
 * The longest line `readCommandLines` reads, in bytes: 1 MiB, sixteen times what a command's JSON
 * may take (`COMMAND_LIMITS`), so that whitespace never decides. A longer line is refused without
 * being held in memory.
 *
 * @example
 * import { MAX_LINE_BYTES } from './jsonl.js';
 * MAX_LINE_BYTES; // 1048576
 */
export const MAX_LINE_BYTES = 1_048_576;

/**
 * A line of a command file: its number (from 1), its text or why it cannot be read, the hex
 * SHA-256 of the file's bytes up to the end of this line (the line's place in that content), and
 * how many bytes of the file were read to its end.
 */
export type CommandLine = { readonly line: number; readonly digest: string; readonly end: number } & (
  { readonly text: string } | { readonly refusal: Rejection }
);

const NEWLINE = 0x0a;
const BOM = '\ufeff';
const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const refusal = (code: string, message: string): Rejection => reject(code, message, { rule: 'R-AUDIT-1' });

/** One line's bytes (without its newline) as text, or why they are not a line of text. */
const lineText = (bytes: Uint8Array, line: number): string | Rejection => {
  let text: string;
  try {
    text = strict.decode(bytes);
  } catch {
    return refusal('LINE_NOT_UTF8', 'Rejected input: the line is not valid UTF-8');
  }
  if (text.endsWith('\r')) text = text.slice(0, -1);
  if (text.startsWith(BOM)) {
    if (line !== 1)
      return refusal(
        'LINE_NOT_JSON',
        'Rejected input: a byte-order mark (U+FEFF) is allowed only at the start of the file',
      );
    text = text.slice(1);
  }
  return text;
};

/**
 * Reads the non-blank lines of a file (or of `stdin` when the path is "-") as bytes: each line is
 * decoded as strict UTF-8 on its own, so invalid UTF-8 is refused for that line (`LINE_NOT_UTF8`)
 * and the next lines are read; a byte-order mark is skipped at the start of the file and refused
 * elsewhere; a line longer than `maxLineBytes` is refused (`LINE_TOO_LONG`) without being kept;
 * `\r\n` endings are read as `\n`.
 *
 * @example
 * import { Readable } from 'node:stream';
 * import { readCommandLines } from './jsonl.js';
 * const bytes = Buffer.concat([Buffer.from('\ufeff{"a":1}\n\n'), Buffer.from([0xff, 0x0a]), Buffer.from('{"a":2}')]);
 * const lines = [];
 * for await (const line of readCommandLines('-', Readable.from([bytes]))) lines.push('text' in line ? line.text : line.refusal.code);
 * lines; // ['{"a":1}', 'LINE_NOT_UTF8', '{"a":2}']
 */
export async function* readCommandLines(
  path: string,
  stdin: Readable = process.stdin,
  maxLineBytes: number = MAX_LINE_BYTES,
): AsyncGenerator<CommandLine> {
  const input = path === '-' ? stdin : createReadStream(path);
  const content: Hash = createHash('sha256');
  let parts: Buffer[] = [];
  let held = 0;
  let tooLong = false;
  let line = 0;
  let read = 0;
  const finish = (last: Buffer): CommandLine | undefined => {
    line += 1;
    const digest = content.copy().digest('hex');
    const end = read;
    const bytes = tooLong ? undefined : parts.length === 0 ? last : Buffer.concat([...parts, last]);
    parts = [];
    held = 0;
    tooLong = false;
    if (bytes === undefined)
      return {
        line,
        digest,
        end,
        refusal: refusal(
          'LINE_TOO_LONG',
          `Rejected input: the line takes more than ${maxLineBytes.toLocaleString('en-US')} bytes`,
        ),
      };
    const text = lineText(bytes, line);
    if (typeof text !== 'string') return { line, digest, end, refusal: text };
    return text.trim() === '' ? undefined : { line, digest, end, text };
  };
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let start = 0;
    for (let end = buffer.indexOf(NEWLINE); end !== -1; end = buffer.indexOf(NEWLINE, start)) {
      content.update(buffer.subarray(start, end + 1));
      read += end + 1 - start;
      if (!tooLong && held + end - start > maxLineBytes) tooLong = true;
      const next = finish(tooLong ? Buffer.alloc(0) : buffer.subarray(start, end));
      if (next !== undefined) yield next;
      start = end + 1;
    }
    const rest = buffer.subarray(start);
    content.update(rest);
    read += rest.length;
    if (tooLong || held + rest.length > maxLineBytes) {
      tooLong = true;
      parts = [];
      held = 0;
    } else if (rest.length > 0) {
      parts.push(Buffer.from(rest));
      held += rest.length;
    }
  }
  if (held > 0 || tooLong) {
    const last = finish(Buffer.alloc(0));
    if (last !== undefined) yield last;
  }
}
