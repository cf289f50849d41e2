/**
 * The JSON Lines form of a history: one recorded event a line, fields in a fixed order, decoded
 * back with io-ts so that a bad line is reported with its number, path and expected type.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import * as E from 'fp-ts/lib/Either.js';
import { decodeIssues, formatDecodeIssues, RecordedEvent } from '@rapport/core';

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
