/**
 * The row of an `events` table as SQL stores keep it, one column per envelope field, and its
 * mapping back to a recorded event. Data is kept in the canonical JSON text its hash covers
 * (R-AUDIT-5), so that a read gives back exactly what was hashed.
 */
import type { RecordedEvent } from '../envelope.js';
import { RapportError } from '../errors.js';

/**
 * One row of an `events` table. Whole numbers may come back as text (a `bigint` column through a
 * PostgreSQL driver) and are read with `Number`.
 *
 * @example
 * import type { EventRow } from '@rapport/core/adapter';
 * const row: EventRow = { global_position: '7', stream_id: 'contact-1', stream_version: 1, event_id: 'e1',
 *   type: 'Noted', schema_version: 1, data: '{}', actor: 'u', recorded_at: '2026-11-23T09:30:00.000Z',
 *   correlation_id: 'c', causation_id: null, previous_hash: null, hash: 'ab12' };
 */
export interface EventRow {
  readonly global_position: number | string;
  readonly stream_id: string;
  readonly stream_version: number | string;
  readonly event_id: string;
  readonly type: string;
  readonly schema_version: number | string;
  /** The event's data as canonical JSON text. */
  readonly data: string;
  readonly actor: string;
  readonly recorded_at: string;
  readonly correlation_id: string;
  readonly causation_id: string | null;
  readonly previous_hash: string | null;
  readonly hash: string;
}

/**
 * The columns of an `events` table, in the order of `EventRow`: what a store selects and inserts,
 * and what it checks a database for when it opens one.
 *
 * @example
 * import { EVENT_ROW_COLUMNS } from '@rapport/core/adapter';
 * EVENT_ROW_COLUMNS.length; // 13
 * EVENT_ROW_COLUMNS.join(', ').startsWith('global_position, stream_id'); // true
 */
export const EVENT_ROW_COLUMNS: ReadonlyArray<keyof EventRow> = [
  'global_position',
  'stream_id',
  'stream_version',
  'event_id',
  'type',
  'schema_version',
  'data',
  'actor',
  'recorded_at',
  'correlation_id',
  'causation_id',
  'previous_hash',
  'hash',
];

const parseData = (row: EventRow): unknown => {
  try {
    return JSON.parse(row.data);
  } catch {
    throw new RapportError(
      'STORE_CORRUPTED',
      `the data of event ${row.event_id} at position ${String(row.global_position)} is not JSON: the store is damaged`,
      { position: row.global_position },
    );
  }
};

/**
 * The recorded event a row holds; data that is not JSON throws `RapportError` `STORE_CORRUPTED`.
 *
 * @example
 * import { eventFromRow, type EventRow } from '@rapport/core/adapter';
 * const row: EventRow = { global_position: '7', stream_id: 'contact-1', stream_version: 1, event_id: 'e1',
 *   type: 'Noted', schema_version: 1, data: '{"n":1}', actor: 'u', recorded_at: '2026-11-23T09:30:00.000Z',
 *   correlation_id: 'c', causation_id: null, previous_hash: null, hash: 'ab12' };
 * eventFromRow(row).globalPosition; // 7, a number even when the driver gave '7'
 * eventFromRow(row).data; // { n: 1 }
 * try { eventFromRow({ ...row, data: '{' }); } catch (e) { (e as { code: string }).code; } // 'STORE_CORRUPTED'
 */
export const eventFromRow = (row: EventRow): RecordedEvent => ({
  id: row.event_id,
  type: row.type,
  schemaVersion: Number(row.schema_version),
  data: parseData(row),
  actor: row.actor,
  recordedAt: row.recorded_at,
  correlationId: row.correlation_id,
  causationId: row.causation_id,
  streamId: row.stream_id,
  streamVersion: Number(row.stream_version),
  globalPosition: Number(row.global_position),
  previousHash: row.previous_hash,
  hash: row.hash,
});
