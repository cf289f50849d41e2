/**
 * How recorded events are read from and written to the `events` table. Data is stored in the
 * canonical JSON form its hash covers, in a `json` column (which keeps the text as written), and
 * selected as text for `eventFromRow` of `@rapport/core/adapter`.
 */
import { canonicalJson, type RecordedEvent } from '@rapport/core';

/** The columns of a select, data as its stored text. */
export const SELECT_COLUMNS =
  'global_position, stream_id, stream_version, event_id, type, schema_version, data::text AS data, actor, recorded_at, correlation_id, causation_id, previous_hash, hash';

/** An insert of many events in one statement: one array parameter per column. */
export const insertEventsSql = (schema: string): string => `
  INSERT INTO ${schema}.events (global_position, stream_id, stream_version, event_id, type, schema_version,
    data, actor, recorded_at, correlation_id, causation_id, previous_hash, hash)
  SELECT p, s, v, i, t, sv, d::json, a, r, c, ca, ph, h
  FROM unnest($1::bigint[], $2::text[], $3::integer[], $4::text[], $5::text[], $6::integer[], $7::text[],
    $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])
    AS u(p, s, v, i, t, sv, d, a, r, c, ca, ph, h)`;

/** The array parameters of `insertEventsSql`. */
export const insertEventsParams = (events: ReadonlyArray<RecordedEvent>): ReadonlyArray<unknown> => [
  events.map((event) => event.globalPosition),
  events.map((event) => event.streamId),
  events.map((event) => event.streamVersion),
  events.map((event) => event.id),
  events.map((event) => event.type),
  events.map((event) => event.schemaVersion),
  events.map((event) => canonicalJson(event.data)),
  events.map((event) => event.actor),
  events.map((event) => event.recordedAt),
  events.map((event) => event.correlationId),
  events.map((event) => event.causationId),
  events.map((event) => event.previousHash),
  events.map((event) => event.hash),
];
