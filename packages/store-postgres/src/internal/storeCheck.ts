/**
 * A PostgreSQL store's check of itself (R-AUDIT-6): its rows and its position counter set against
 * what a verification read. Every append moves the counter with its rows, so rows fewer than the
 * counter's positions, or a last row before it, are events that were removed behind its back.
 */
import type { PositionRange, StoreCheck, StoredExtent, StoreProblem } from '@rapport/core';
import { extentProblems } from '@rapport/core/adapter';

/** Runs one statement with `$1`-style parameters and returns its rows. */
export type Query = <R>(text: string, params?: ReadonlyArray<unknown>) => Promise<ReadonlyArray<R>>;

/** The empty positions up to `head`, as ranges (the first 100). */
const gapRanges = async (
  query: Query,
  schema: string,
  head: number,
): Promise<ReadonlyArray<PositionRange>> => {
  const rows = await query<{ from: unknown; to: unknown }>(
    `SELECT global_position + 1 AS "from", next - 1 AS "to" FROM (
       SELECT global_position, lead(global_position, 1, $1::bigint + 1) OVER (ORDER BY global_position) AS next
       FROM ${schema}.events WHERE global_position <= $1
       UNION ALL SELECT 0, (SELECT coalesce(min(global_position), $1::bigint + 1) FROM ${schema}.events WHERE global_position <= $1)
     ) AS links WHERE next > global_position + 1 ORDER BY 1 LIMIT 100`,
    [head],
  );
  return rows.map((row) => ({ from: Number(row.from), to: Number(row.to) }));
};

/**
 * The store's check of itself after a verification that read `read` up to `head`, the position
 * counter when it started: the rows up to `head` counted, the counter as `stored.headPosition`,
 * rows past the counter as it stands now (a counter moved back), and the gaps when positions are
 * missing.
 *
 * @example
 * import { PGlite } from '@electric-sql/pglite';
 * import { newEvents } from '@rapport/core/testing';
 * import { openPgliteEventStore } from '@rapport/store-postgres';
 * import { checkPostgresStore } from './storeCheck.js';
 * const db = new PGlite();
 * const store = await openPgliteEventStore({ db, schema: 'rapport' });
 * await store.append('s1', newEvents(2));
 * const query = async (text: string, params: ReadonlyArray<unknown> = []) => (await db.query(text, [...params])).rows as never[];
 * (await checkPostgresStore(query, 'rapport', 2, { events: 2, headPosition: 2, missingPositions: 0 })).problems; // []
 * await db.query('DELETE FROM rapport.events WHERE global_position = 2');
 * const check = await checkPostgresStore(query, 'rapport', 2, { events: 1, headPosition: 1, missingPositions: 0 });
 * check.problems.map((problem) => [problem.kind, problem.positions]); // [['head_mismatch', [{ from: 2, to: 2 }]]]
 * await store.close();
 * await db.close();
 */
export const checkPostgresStore = async (
  query: Query,
  schema: string,
  head: number,
  read: StoredExtent & { readonly missingPositions: number },
): Promise<StoreCheck> => {
  const [row] = await query<{ events: unknown; counter: unknown; last: unknown }>(
    `SELECT (SELECT count(*) FROM ${schema}.events WHERE global_position <= $1) AS events,
            (SELECT last_position FROM ${schema}.event_position) AS counter,
            (SELECT coalesce(max(global_position), 0) FROM ${schema}.events) AS last`,
    [head],
  );
  const stored = { events: Number(row?.events ?? 0), headPosition: head };
  const counter = Number(row?.counter ?? 0);
  const last = Number(row?.last ?? 0);
  const problems: StoreProblem[] = [...extentProblems(stored, read, 'its position counter and rows')];
  if (last > counter)
    problems.push({
      kind: 'head_mismatch',
      positions: [{ from: counter + 1, to: last }],
      message: `the store holds events up to position ${last}, past its position counter at ${counter}: the counter was moved back, and the next appends would collide with them`,
    });
  return {
    method: 'counts',
    stored,
    gaps: read.missingPositions > 0 ? await gapRanges(query, schema, head) : [],
    problems,
  };
};
