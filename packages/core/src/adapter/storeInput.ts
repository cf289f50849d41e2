/**
 * Decoding of the histories and snapshots handed to the store with io-ts, so that bad input is
 * refused with its path and expected type before anything is written.
 */
import * as t from 'io-ts';
import { isLeft } from 'fp-ts/lib/Either.js';
import { NonEmptyString, NonNegativeInteger } from '../codecs.js';
import { decodeIssues, formatDecodeIssues } from '../decoding.js';
import { RecordedEvent } from '../envelope.js';
import { RapportError } from '../errors.js';
import type { ProjectionSnapshot } from '../snapshotStore.js';

const SnapshotCodec = t.type({
  projection: NonEmptyString,
  version: NonNegativeInteger,
  checkpoint: NonNegativeInteger,
  state: t.unknown,
});

const decodeWith = <A>(
  codec: t.Decoder<unknown, A>,
  input: unknown,
  code: string,
  what: string,
  root = '',
): A => {
  const result = codec.decode(input);
  if (isLeft(result)) {
    const issues = decodeIssues(result.left).map((issue) => ({
      ...issue,
      path: root === '' || issue.path.startsWith('[') ? `${root}${issue.path}` : `${root}.${issue.path}`,
    }));
    throw new RapportError(code, `${what} is invalid: ${formatDecodeIssues(issues)}`, { issues });
  }
  return result.right;
};

/**
 * Decodes events to import; throws `RapportError` `INVALID_IMPORT` naming the path.
 *
 * @example
 * import { decodeRecordedEvents } from '@rapport/core/adapter';
 * try { decodeRecordedEvents([{ id: 1 }]); } catch (e) { (e as { code: string }).code; } // 'INVALID_IMPORT', at events[0]…
 */
export const decodeRecordedEvents = (input: unknown): ReadonlyArray<RecordedEvent> =>
  decodeWith(t.readonlyArray(RecordedEvent), input, 'INVALID_IMPORT', 'the imported history', 'events');

/**
 * Decodes a snapshot to save, its state as JSON text; throws `RapportError` `INVALID_SNAPSHOT`.
 *
 * @example
 * import { decodeSnapshot } from '@rapport/core/adapter';
 * decodeSnapshot({ projection: 'contacts', version: 1, checkpoint: 4, state: { a: 1 } }).stateJson; // '{"a":1}'
 */
export const decodeSnapshot = (
  input: unknown,
): { readonly snapshot: ProjectionSnapshot; readonly stateJson: string } => {
  const snapshot = decodeWith(SnapshotCodec, input, 'INVALID_SNAPSHOT', 'the snapshot');
  let stateJson: string | undefined;
  try {
    stateJson = JSON.stringify(snapshot.state);
  } catch {
    stateJson = undefined;
  }
  if (stateJson === undefined) {
    throw new RapportError(
      'INVALID_SNAPSHOT',
      `the snapshot of projection "${snapshot.projection}" has a state that cannot be written as JSON`,
      { projection: snapshot.projection },
    );
  }
  return { snapshot, stateJson };
};
