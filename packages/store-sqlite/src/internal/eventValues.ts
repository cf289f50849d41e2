/**
 * Rows of the `events` table read as arrays of values (better-sqlite3's raw mode) rather than
 * objects keyed by column, and made into recorded events: one object fewer per row read. The
 * result is the one `eventFromRow` of `@rapport/core/adapter` gives for the same row.
 */
import type { RecordedEvent } from '@rapport/core';
import { EVENT_ROW_COLUMNS, eventFromRow, type EventRow } from '@rapport/core/adapter';

/** The values of one `events` row, in the order of `EVENT_ROW_COLUMNS`, as SQLite gives them. */
export type EventValues = readonly [
  globalPosition: number,
  streamId: string,
  streamVersion: number,
  eventId: string,
  type: string,
  schemaVersion: number,
  data: string,
  actor: string,
  recordedAt: string,
  correlationId: string,
  causationId: string | null,
  previousHash: string | null,
  hash: string,
];

/**
 * The row whose values are `values`, keyed by column.
 *
 * @example
 * import { rowOfValues } from './eventValues.js';
 * rowOfValues([7, 'contact-1', 1, 'e1', 'Noted', 1, '{}', 'u', '2026-11-23T09:30:00.000Z', 'c', null, null, 'ab12']).event_id; // 'e1'
 */
export const rowOfValues = (values: EventValues): EventRow =>
  Object.fromEntries(
    EVENT_ROW_COLUMNS.map((column, index) => [column, values[index]]),
  ) as unknown as EventRow;

/**
 * The recorded event an `events` row holds, from its values; data that is not JSON throws what
 * `eventFromRow` throws (`RapportError` `STORE_CORRUPTED`).
 *
 * @example
 * import { eventFromValues } from './eventValues.js';
 * const event = eventFromValues([7, 'contact-1', 1, 'e1', 'Noted', 1, '{"n":1}', 'u', '2026-11-23T09:30:00.000Z', 'c', null, null, 'ab12']);
 * event.globalPosition; // 7
 * event.data; // { n: 1 }
 */
export const eventFromValues = (values: EventValues): RecordedEvent => {
  let data: unknown;
  try {
    data = JSON.parse(values[6]);
  } catch {
    return eventFromRow(rowOfValues(values));
  }
  return {
    id: values[3],
    type: values[4],
    schemaVersion: Number(values[5]),
    data,
    actor: values[7],
    recordedAt: values[8],
    correlationId: values[9],
    causationId: values[10],
    streamId: values[1],
    streamVersion: Number(values[2]),
    globalPosition: Number(values[0]),
    previousHash: values[11],
    hash: values[12],
  };
};
