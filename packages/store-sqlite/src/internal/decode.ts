/**
 * Decoding of what callers hand to the store (writes, imported events, snapshots) with io-ts, so
 * that bad input is refused with its path and expected type before anything is written.
 */
import * as t from 'io-ts';
import { isLeft } from 'fp-ts/lib/Either.js';
import {
  NewEvent,
  NonEmptyString,
  NonNegativeInteger,
  RapportError,
  RecordedEvent,
  type ProjectionSnapshot,
  type StreamWrite,
} from '@rapport/core';

const jsonText = (value: unknown): string | undefined => {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
};

const ExpectedVersionCodec = t.union([
  t.literal('any'),
  t.literal('no_stream'),
  t.literal('stream_exists'),
  NonNegativeInteger,
]);

const StreamWriteCodec = t.type({
  streamId: NonEmptyString,
  expectedVersion: ExpectedVersionCodec,
  events: t.readonlyArray(NewEvent),
});

const SnapshotCodec = t.type({
  projection: NonEmptyString,
  version: NonNegativeInteger,
  checkpoint: NonNegativeInteger,
  state: t.unknown,
});

/** The path of a decoding error, leaving out the members of unions and intersections. */
const pathOf = (error: t.ValidationError): string =>
  error.context
    .filter((entry, index) => {
      const parent = error.context[index - 1]?.type;
      return entry.key !== '' && !(parent instanceof t.IntersectionType || parent instanceof t.UnionType);
    })
    .map((entry) => entry.key)
    .join('.');

const describeErrors = (errors: t.Errors): string =>
  errors
    .slice(0, 3)
    .map((error) => {
      const expected = error.context[error.context.length - 1]?.type.name ?? 'a valid value';
      const got = JSON.stringify(error.value) ?? 'undefined';
      return `at "${pathOf(error) || '(root)'}" expected ${expected}, got ${got}`;
    })
    .join('; ');

const decodeWith = <A>(codec: t.Decoder<unknown, A>, input: unknown, code: string, what: string): A => {
  const result = codec.decode(input);
  if (isLeft(result)) {
    throw new RapportError(code, `${what} is invalid: ${describeErrors(result.left)}`, {
      paths: result.left.map(pathOf),
    });
  }
  return result.right;
};

/** Decodes the writes of an append; throws `RapportError` `INVALID_APPEND` with the path. */
export const decodeWrites = (input: unknown): ReadonlyArray<StreamWrite> => {
  const writes = decodeWith(t.readonlyArray(StreamWriteCodec), input, 'INVALID_APPEND', 'the append');
  for (const write of writes) {
    for (const event of write.events) {
      if (event.data !== undefined && jsonText(event.data) === undefined) {
        throw new RapportError(
          'INVALID_APPEND',
          `the data of event ${event.id} (stream "${write.streamId}") cannot be written as JSON`,
          { eventId: event.id },
        );
      }
    }
  }
  return writes;
};

/** Decodes events to import; throws `RapportError` `INVALID_IMPORT` with the path. */
export const decodeRecordedEvents = (input: unknown): ReadonlyArray<RecordedEvent> =>
  decodeWith(t.readonlyArray(RecordedEvent), input, 'INVALID_IMPORT', 'the imported history');

/** Decodes a snapshot to save; throws `RapportError` `INVALID_SNAPSHOT` with the path. */
export const decodeSnapshot = (input: unknown): ProjectionSnapshot => {
  const snapshot = decodeWith(SnapshotCodec, input, 'INVALID_SNAPSHOT', 'the snapshot');
  if (jsonText(snapshot.state) === undefined) {
    throw new RapportError(
      'INVALID_SNAPSHOT',
      `the snapshot of "${snapshot.projection}" has a state that is not JSON`,
    );
  }
  return snapshot;
};
