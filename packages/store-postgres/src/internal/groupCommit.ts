/**
 * Group commit of the appends of one process: the appends that become ready to be stored while a
 * statement of this process is storing others wait for it, then go together in the next
 * statement, so that they take the position counter's lock once and pay one commit (one WAL
 * flush) between them. An append whose plan no longer holds is handed back, never failed with
 * the others: the store then decides it alone, under the lock.
 */
import type { AppendPlan } from '@rapport/core/adapter';
import { writeEventsParams, writeGroupSql } from './rows.js';
import type { SqlRunner } from './sql.js';

/**
 * Whether PostgreSQL refused a statement for a unique constraint (SQLSTATE 23505).
 *
 * @example
 * import { isUniqueViolation } from './groupCommit.js';
 * isUniqueViolation({ code: '23505' }); // true
 */
export const isUniqueViolation = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === '23505';

/** The most events one statement stores, unless a single append holds more. */
const MAX_GROUP_EVENTS = 1000;

/** Appends that store their plans through one queue: what `createGroupWriter` returns. */
export interface GroupWriter {
  /**
   * Stores a plan made from position 1 on heads read without the lock, with the appends waiting
   * beside it. Resolves to the global position its first event took, or to `undefined` when
   * nothing of it was stored and the store must decide it again under the lock: its plan no
   * longer holds (an event of one of its streams or one of its ids was stored meanwhile, or an
   * append of the same group writes the same stream or id), or the statement failed. Never rejects.
   */
  readonly store: (plan: AppendPlan) => Promise<number | undefined>;
}

interface Waiting {
  readonly plan: AppendPlan;
  readonly resolve: (first: number | undefined) => void;
}

/**
 * A group writer over `runner`, storing into `schema` and notifying `channel`.
 *
 * @example
 * import { createGroupWriter } from './groupCommit.js';
 * const writer = createGroupWriter(db, 'rapport', 'rapport_events_rapport');
 * const first = await writer.store(plan); // undefined: decide the append again under the lock
 */
export const createGroupWriter = (runner: SqlRunner, schema: string, channel: string): GroupWriter => {
  const sql = writeGroupSql(schema);
  let queue: Waiting[] = [];
  let writing = false;

  /**
   * The next group, in the order the appends became ready. An append that writes a stream or an
   * id of an earlier one of the group was planned on the same heads, so its plan cannot hold once
   * the earlier one is stored: it is handed back at once.
   */
  const nextGroup = (): Waiting[] => {
    const group: Waiting[] = [];
    const later: Waiting[] = [];
    const streams = new Set<string>();
    const ids = new Set<string>();
    let size = 0;
    for (const waiting of queue) {
      const inserts = waiting.plan.inserts;
      if (group.length > 0 && size + inserts.length > MAX_GROUP_EVENTS) {
        later.push(waiting);
      } else if (inserts.some((event) => streams.has(event.streamId) || ids.has(event.id))) {
        waiting.resolve(undefined);
      } else {
        for (const event of inserts) {
          streams.add(event.streamId);
          ids.add(event.id);
        }
        group.push(waiting);
        size += inserts.length;
      }
    }
    queue = later;
    return group;
  };

  /**
   * Stores a group in one statement. If some of its appends are stale, nothing is stored: they are
   * handed back and the others are sent again without them.
   */
  const write = async (first: ReadonlyArray<Waiting>): Promise<void> => {
    let group = first;
    try {
      while (group.length > 0) {
        const stale = await writeOnce(group);
        if (stale.size === 0) return;
        group = group.filter((waiting, member) => {
          if (stale.has(member)) waiting.resolve(undefined);
          return !stale.has(member);
        });
      }
    } catch {
      // Nothing of the group was stored, or the commit's outcome is unknown: each append is
      // decided again on its own, where a stored id makes it a retry.
      for (const { resolve } of group) resolve(undefined);
    }
  };

  /** One statement for the group: resolves its appends when stored, else returns the stale ones. */
  const writeOnce = async (group: ReadonlyArray<Waiting>): Promise<ReadonlySet<number>> => {
    const params = [
      ...writeEventsParams(
        group.flatMap(({ plan }) => plan.inserts),
        channel,
        group.flatMap(({ plan }) => plan.insertTexts),
      ),
      group.flatMap(({ plan }, member) => plan.inserts.map(() => member)),
      group.flatMap(({ plan }) =>
        plan.inserts.map(
          (event, index) => index === 0 || plan.inserts[index - 1]!.streamId !== event.streamId,
        ),
      ),
    ];
    type Row = { readonly last_position: unknown; readonly stale: ReadonlyArray<unknown> };
    let rows: ReadonlyArray<Row>;
    try {
      rows = await runner.query<Row>(sql, params);
    } catch (error) {
      // A row committed while the statement waited for the lock is not in its snapshot: the
      // unique constraint refuses the statement. Sent again, it reads that row.
      if (!isUniqueViolation(error)) throw error;
      rows = await runner.query<Row>(sql, params);
    }
    const [row] = rows;
    if (row === undefined) throw new Error('the grouped append returned no row');
    const stale = new Set(row.stale.map(Number));
    if (stale.size > 0) return stale;
    let position =
      Number(row.last_position) - group.reduce((sum, { plan }) => sum + plan.inserts.length, 0) + 1;
    for (const { plan, resolve } of group) {
      resolve(position);
      position += plan.inserts.length;
    }
    return stale;
  };

  const drain = async (): Promise<void> => {
    writing = true;
    try {
      while (queue.length > 0) await write(nextGroup());
    } finally {
      writing = false;
    }
  };

  return {
    store: (plan) =>
      new Promise((resolve) => {
        queue.push({ plan, resolve });
        if (!writing) void drain();
      }),
  };
};
