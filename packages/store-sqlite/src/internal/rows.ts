/**
 * How recorded events are written to the `events` table: its columns, a multi-row insert and its
 * parameters. Data is stored in the canonical JSON form its hash covers; rows are read back with
 * `eventFromRow` of `@rapport/core/adapter`.
 */
import { canonicalJson, type RecordedEvent } from '@rapport/core';

/** The columns in the order `pushParams` gives their values. */
export const EVENT_COLUMNS =
  'global_position, stream_id, stream_version, event_id, type, schema_version, data, actor, recorded_at, correlation_id, causation_id, previous_hash, hash';

const ROW_PLACEHOLDERS = `(${Array.from({ length: 13 }, () => '?').join(', ')})`;

/** An insert of `rows` events in one statement, the parameters of each row in turn. */
export const insertEventsSql = (rows: number): string =>
  `INSERT INTO events (${EVENT_COLUMNS}) VALUES ${Array.from({ length: rows }, () => ROW_PLACEHOLDERS).join(', ')}`;

/**
 * Appends the values of one row to `params`, in the order of `EVENT_COLUMNS`; `dataText` is the
 * canonical JSON text of the event's data when the caller already has it (an append's plan does).
 */
export const pushParams = (
  params: Array<string | number | null>,
  event: RecordedEvent,
  dataText: string = canonicalJson(event.data),
): void => {
  params.push(
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
  );
};
