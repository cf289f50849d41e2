/**
 * Recorded events as the rows a database store keeps, for the tests of verification from rows.
 * Not part of the package.
 */
import type { EventRow } from '../adapter/eventRow.js';
import type { RecordedEvent } from '../envelope.js';
import { canonicalJson } from '../hashChain.js';

/**
 * The row a database store writes for a recorded event: its data as canonical JSON text.
 *
 * @example
 * import { InMemoryEventStore } from '../inMemoryStore.js';
 * import { newEvent } from '../testing/index.js';
 * import { rowOf } from './rows.js';
 * const store = new InMemoryEventStore();
 * const { events } = await store.append('s1', [newEvent({ data: { b: 1, a: 2 } })]);
 * rowOf(events[0]!).data; // '{"a":2,"b":1}'
 * rowOf(events[0]!).stream_version; // 1
 */
export const rowOf = (event: RecordedEvent): EventRow => ({
  global_position: event.globalPosition,
  stream_id: event.streamId,
  stream_version: event.streamVersion,
  event_id: event.id,
  type: event.type,
  schema_version: event.schemaVersion,
  data: canonicalJson(event.data),
  actor: event.actor,
  recorded_at: event.recordedAt,
  correlation_id: event.correlationId,
  causation_id: event.causationId,
  previous_hash: event.previousHash,
  hash: event.hash,
});
