/**
 * How recorded events are written to the `events` table: its columns, a multi-row insert and its
 * parameters. Data is stored in the canonical JSON form its hash covers; rows are read back with
 * `eventFromRow` of `@rapport/core/adapter`.
 */
import { canonicalJson, type RecordedEvent } from '@rapport/core';
import { EVENT_ROW_COLUMNS } from '@rapport/core/adapter';

/** The columns in the order `pushParams` gives their values. */
export const EVENT_COLUMNS = EVENT_ROW_COLUMNS.join(', ');

const ROW_PLACEHOLDERS = `(${EVENT_ROW_COLUMNS.map(() => '?').join(', ')})`;

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
