/**
 * The mapping between the `events` table's rows and recorded events. Data is stored in the
 * canonical JSON form its hash covers.
 */
import { canonicalJson, RapportError, type RecordedEvent } from '@rapport/core';

export interface EventRow {
  readonly global_position: number;
  readonly stream_id: string;
  readonly stream_version: number;
  readonly event_id: string;
  readonly type: string;
  readonly schema_version: number;
  readonly data: string;
  readonly actor: string;
  readonly recorded_at: string;
  readonly correlation_id: string;
  readonly causation_id: string | null;
  readonly previous_hash: string | null;
  readonly hash: string;
}

/** The columns in the order `toParams` gives their values. */
export const EVENT_COLUMNS =
  'global_position, stream_id, stream_version, event_id, type, schema_version, data, actor, recorded_at, correlation_id, causation_id, previous_hash, hash';

const parseData = (row: EventRow): unknown => {
  try {
    return JSON.parse(row.data);
  } catch {
    throw new RapportError(
      'STORE_CORRUPTED',
      `the data of event ${row.event_id} at position ${row.global_position} is not JSON: the store is damaged`,
      { position: row.global_position },
    );
  }
};

export const toRecordedEvent = (row: EventRow): RecordedEvent => ({
  id: row.event_id,
  type: row.type,
  schemaVersion: row.schema_version,
  data: parseData(row),
  actor: row.actor,
  recordedAt: row.recorded_at,
  correlationId: row.correlation_id,
  causationId: row.causation_id,
  streamId: row.stream_id,
  streamVersion: row.stream_version,
  globalPosition: row.global_position,
  previousHash: row.previous_hash,
  hash: row.hash,
});

export const toParams = (event: RecordedEvent): ReadonlyArray<string | number | null> => [
  event.globalPosition,
  event.streamId,
  event.streamVersion,
  event.id,
  event.type,
  event.schemaVersion,
  canonicalJson(event.data),
  event.actor,
  event.recordedAt,
  event.correlationId,
  event.causationId,
  event.previousHash,
  event.hash,
];
