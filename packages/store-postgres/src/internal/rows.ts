/**
 * How recorded events are read from and written to the `events` table. Data is stored in the
 * canonical JSON form its hash covers, in a `json` column (which keeps the text as written), and
 * selected as text for `eventFromRow` of `@rapport/core/adapter`.
 */
import { canonicalJson, type RecordedEvent } from '@rapport/core';

/** The columns of a select, data as its stored text. */
export const SELECT_COLUMNS =
  'global_position, stream_id, stream_version, event_id, type, schema_version, data::text AS data, actor, recorded_at, correlation_id, causation_id, previous_hash, hash';

/**
 * One statement that stores events and moves the position counter: it locks the counter's row,
 * inserts the events (one array parameter per column) at the positions that follow it, in the
 * order given, moves the counter past them and notifies `$13` of the new last position, which it
 * returns as `last_position`. On its own (autocommit) it is a whole append; inside a transaction
 * that already holds the counter's lock it takes nothing more.
 */
export const writeEventsSql = (schema: string): string => `
  WITH head AS (SELECT last_position FROM ${schema}.event_position FOR UPDATE),
  inserted AS (
    INSERT INTO ${schema}.events (global_position, stream_id, stream_version, event_id, type, schema_version,
      data, actor, recorded_at, correlation_id, causation_id, previous_hash, hash)
    SELECT head.last_position + u.n, s, v, i, t, sv, d::json, a, r, c, ca, ph, h
    FROM head, unnest($1::text[], $2::integer[], $3::text[], $4::text[], $5::integer[], $6::text[],
      $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[])
      WITH ORDINALITY AS u(s, v, i, t, sv, d, a, r, c, ca, ph, h, n)
  ),
  moved AS (
    UPDATE ${schema}.event_position SET last_position = (SELECT last_position FROM head) + cardinality($1::text[])
    RETURNING last_position
  )
  SELECT last_position, pg_notify($13, last_position::text) FROM moved`;

/**
 * The parameters of `writeEventsSql`; `dataTexts[i]`, when given, is the canonical JSON text of
 * `events[i].data` (an append's plan has it).
 */
export const writeEventsParams = (
  events: ReadonlyArray<RecordedEvent>,
  channel: string,
  dataTexts?: ReadonlyArray<string>,
): ReadonlyArray<unknown> => [
  events.map((event) => event.streamId),
  events.map((event) => event.streamVersion),
  events.map((event) => event.id),
  events.map((event) => event.type),
  events.map((event) => event.schemaVersion),
  dataTexts ?? events.map((event) => canonicalJson(event.data)),
  events.map((event) => event.actor),
  events.map((event) => event.recordedAt),
  events.map((event) => event.correlationId),
  events.map((event) => event.causationId),
  events.map((event) => event.previousHash),
  events.map((event) => event.hash),
  channel,
];
