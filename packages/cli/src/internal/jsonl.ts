/**
 * The JSON Lines form of a history: one recorded event a line, fields in a fixed order, decoded
 * back with io-ts so that a bad line is reported with its number, path and expected type.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable } from 'node:stream';
import * as E from 'fp-ts/lib/Either.js';
import { decodeIssues, formatDecodeIssues, RecordedEvent } from '@rapport/core';

/** One event as a line of text, ending with a newline. */
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

/** Reads the non-blank lines of a file, or of standard input when the name is "-". */
export async function* readLines(path: string, stdin: Readable = process.stdin): AsyncGenerator<InputLine> {
  const input = path === '-' ? stdin : createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() !== '') yield { line, text };
  }
}

/** Parses a line as JSON, or says why it is not JSON. */
export const parseJsonLine = (text: string): E.Either<string, unknown> => {
  try {
    return E.right(JSON.parse(text) as unknown);
  } catch (error) {
    return E.left(`not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
};

/** Decodes a line as a recorded event, or says what is wrong with it. */
export const decodeEventLine = (text: string): E.Either<string, RecordedEvent> => {
  const parsed = parseJsonLine(text);
  if (E.isLeft(parsed)) return parsed;
  const decoded = RecordedEvent.decode(parsed.right);
  return E.isRight(decoded) ? decoded : E.left(formatDecodeIssues(decodeIssues(decoded.left)));
};
