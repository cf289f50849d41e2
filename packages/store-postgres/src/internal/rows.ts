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
 * One statement that stores the events of several appends planned without the counter's lock,
 * unless one of them was planned on heads that are no longer the heads. It locks the counter's
 * row and finds the appends (`$14`: the index of each event's append) that are stale: the first
 * event an append plans for one of its streams (`$15` marks it) holds a version already stored, or
 * does not follow the stored event it names as previous (same version less one, same hash), or one
 * of its ids is stored, or a stream it guards with a write of no events (`$16`, at the version
 * `$17`, for the append `$18`) is no longer at that version. If none is, it inserts every event at
 * the positions that follow the counter, in the order given, moves the counter past them,
 * notifies `$13` and returns the new `last_position`; otherwise it stores nothing and returns the
 * indexes of the stale appends (`stale`), for the others to be sent again without them. Those
 * checks read the rows of the statement's snapshot, taken before it waited for the lock, and may
 * miss what was committed meanwhile: an event inserted meanwhile is caught by the unique
 * constraints, which then refuse the whole statement, but a guard has no such backstop. So when
 * the group guards a stream and the counter moved in between (`fresh` false), nothing is stored
 * and the statement is to be sent again.
 */
export const writeGroupSql = (schema: string): string => `
  WITH head AS (SELECT last_position FROM ${schema}.event_position FOR UPDATE),
  fresh AS (
    SELECT cardinality($16::text[]) = 0
      OR (SELECT last_position FROM head) = (SELECT last_position FROM ${schema}.event_position) AS ok
  ),
  proposed AS (
    SELECT * FROM unnest($1::text[], $2::integer[], $3::text[], $4::text[], $5::integer[], $6::text[],
      $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $14::integer[], $15::boolean[])
      WITH ORDINALITY AS u(s, v, i, t, sv, d, a, r, c, ca, ph, h, m, f, n)
  ),
  stale AS (
    SELECT DISTINCT x.m FROM (
      SELECT p.m FROM proposed p, LATERAL (
        SELECT FROM ${schema}.events e WHERE p.f AND e.stream_id = p.s AND e.stream_version = p.v
        UNION ALL SELECT FROM ${schema}.events e WHERE e.event_id = p.i
        UNION ALL SELECT WHERE p.f AND p.v > 1 AND NOT EXISTS (SELECT FROM ${schema}.events e
          WHERE e.stream_id = p.s AND e.stream_version = p.v - 1 AND e.hash = p.ph)
        LIMIT 1) found
      UNION ALL
      SELECT g.m FROM unnest($16::text[], $17::integer[], $18::integer[]) AS g(s, v, m), LATERAL (
        SELECT FROM ${schema}.events e WHERE e.stream_id = g.s AND e.stream_version = g.v + 1
        UNION ALL SELECT WHERE g.v > 0 AND NOT EXISTS (SELECT FROM ${schema}.events e
          WHERE e.stream_id = g.s AND e.stream_version = g.v)
        LIMIT 1) found
    ) x
  ),
  inserted AS (
    INSERT INTO ${schema}.events (global_position, stream_id, stream_version, event_id, type, schema_version,
      data, actor, recorded_at, correlation_id, causation_id, previous_hash, hash)
    SELECT (SELECT last_position FROM head) + p.n, s, v, i, t, sv, d::json, a, r, c, ca, ph, h
    FROM proposed p WHERE (SELECT ok FROM fresh) AND NOT EXISTS (SELECT FROM stale)
  ),
  moved AS (
    UPDATE ${schema}.event_position SET last_position = (SELECT last_position FROM head) + cardinality($1::text[])
    WHERE (SELECT ok FROM fresh) AND NOT EXISTS (SELECT FROM stale)
    RETURNING last_position, pg_notify($13, last_position::text)
  )
  SELECT (SELECT last_position FROM moved) AS last_position, ARRAY(SELECT m FROM stale) AS stale,
    (SELECT ok FROM fresh) AS fresh`;

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
