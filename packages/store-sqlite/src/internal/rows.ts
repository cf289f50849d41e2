/**
 * How recorded events are written to the `events` table: its columns and one insert's parameters.
 * Data is stored in the canonical JSON form its hash covers; rows are read back with
 * `eventFromRow` of `@rapport/core/adapter`.
 */
import { canonicalJson, type RecordedEvent } from '@rapport/core';

/** The columns in the order `toParams` gives their values. */
export const EVENT_COLUMNS =
  'global_position, stream_id, stream_version, event_id, type, schema_version, data, actor, recorded_at, correlation_id, causation_id, previous_hash, hash';

/**
 * The values of one insert, in the order of `EVENT_COLUMNS`; `dataText` is the canonical JSON
 * text of the event's data when the caller already has it (an append's plan does).
 */
export const toParams = (
  event: RecordedEvent,
  dataText: string = canonicalJson(event.data),
): ReadonlyArray<string | number | null> => [
  event.globalPosition,
  event.streamId,
  event.streamVersion,
  event.id,
  event.type,
  event.schemaVersion,
  dataText,
  event.actor,
  event.recordedAt,
  event.correlationId,
  event.causationId,
  event.previousHash,
  event.hash,
];
