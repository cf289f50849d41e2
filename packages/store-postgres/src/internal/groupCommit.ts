/**
 * Group commit of the appends of one process: the appends that become ready to be stored while
 * statements of this process are storing others wait for one of them, then go together in the
 * next statement, so that they take the position counter's lock once and pay one commit (one WAL
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

/**
 * The most events one statement stores, unless a single append holds more. A commit is what
 * grouping saves, and appends of a few hundred events already share one.
 */
const MAX_GROUP_EVENTS = 256;

/** How many times a statement is sent while appends are committed between its snapshot and its lock. */
const MAX_ATTEMPTS = 3;

/** How many statements of one store may be under way at once, by default. */
const MAX_IN_FLIGHT = 2;

/** Appends that store their plans through one queue: what `createGroupWriter` returns. */
export interface GroupWriter {
  /**
   * Stores a plan made from position 1 on heads read without the lock, with the appends waiting
   * beside it. Resolves to the global position its first event took, or to `undefined` when
   * nothing of it was stored and the store must decide it again under the lock: its plan no
   * longer holds (an event of one of its streams or one of its ids was stored meanwhile, or an
   * append of the same group writes the same stream or id), or the statement failed. Never rejects.
   */
  readonly store: (plan: AppendPlan, guards?: ReadonlyArray<Guard>) => Promise<number | undefined>;
}

/**
 * A stream an append guards with a write of no events, at the version its plan checked.
 *
 * @example
 * import type { Guard } from './groupCommit.js';
 * const guard: Guard = { streamId: 'org-1', version: 4 };
 */
export interface Guard {
  readonly streamId: string;
  readonly version: number;
}

interface Waiting {
  readonly plan: AppendPlan;
  readonly guards: ReadonlyArray<Guard>;
  readonly resolve: (first: number | undefined) => void;
}

/**
 * A group writer over `runner`, storing into `schema` and notifying `channel`, with at most
 * `maxInFlight` statements under way.
 *
 * @example
 * import { PGlite } from '@electric-sql/pglite';
 * import { checkAppend, planAppend } from '@rapport/core/adapter';
 * import { newEvents } from '@rapport/core/testing';
 * import { openPgliteEventStore } from '@rapport/store-postgres';
 * import { createGroupWriter } from './groupCommit.js';
 * import { pgliteDatabase } from './pgliteDatabase.js';
 * const db = new PGlite();
 * const store = await openPgliteEventStore({ db }); // creates the schema rapport
 * const writer = createGroupWriter(pgliteDatabase(db, false, 'PGlite in memory'), 'rapport', 'rapport_events_rapport');
 * const checked = checkAppend([{ streamId: 's1', expectedVersion: 'no_stream', events: newEvents(2) }], false);
 * const plan = planAppend(checked, { heads: new Map(), byId: new Map(), firstPosition: 1 });
 * await writer.store(plan); // 1: the position its first event took
 * await writer.store(plan); // undefined: its events are stored now, so the store decides it again under the lock
 * await store.headPosition(); // 2
 * await store.close();
 * await db.close();
 */
export const createGroupWriter = (
  runner: SqlRunner,
  schema: string,
  channel: string,
  maxInFlight = MAX_IN_FLIGHT,
): GroupWriter => {
  const sql = writeGroupSql(schema);
  const name = `rapport_write_group_${schema}`;
  let queue: Waiting[] = [];
  let inFlight = 0;
  /** The streams and ids of the groups in flight, with how many of those groups hold each. */
  const busy = new Map<string, number>();
  const keysOf = (plan: AppendPlan): string[] =>
    plan.inserts.flatMap((event) => [`s:${event.streamId}`, `i:${event.id}`]);

  /**
   * The next group, in the order the appends became ready. An append that writes a stream or an
   * id of an earlier one of the group, or of a group in flight, was planned on heads that the
   * other one moves, so its plan cannot hold once that one is stored: it is handed back at once.
   */
  const nextGroup = (): Waiting[] => {
    const group: Waiting[] = [];
    const later: Waiting[] = [];
    const taken = new Set<string>();
    let size = 0;
    for (const waiting of queue) {
      const keys = keysOf(waiting.plan);
      // A guard holds against the streams as they were before the statement: it cannot follow
      // an insert into its stream, in the group or under way.
      const guarded = waiting.guards.map(({ streamId }) => `s:${streamId}`);
      if (group.length > 0 && size + waiting.plan.inserts.length > MAX_GROUP_EVENTS) {
        later.push(waiting);
      } else if ([...keys, ...guarded].some((key) => taken.has(key) || busy.has(key))) {
        waiting.resolve(undefined);
      } else {
        for (const key of keys) taken.add(key);
        group.push(waiting);
        size += waiting.plan.inserts.length;
      }
    }
    queue = later;
    return group;
  };

  /**
   * Sends groups while fewer than `maxInFlight` statements are under way: the next one waits
   * for the lock in the server while the one before it is stored, so that the lock is not idle
   * between two groups, and appends that become ready meanwhile gather into the group after.
   */
  const pump = (): void => {
    while (inFlight < maxInFlight && queue.length > 0) {
      const group = nextGroup();
      if (group.length === 0) continue;
      const keys = group.flatMap(({ plan }) => keysOf(plan));
      for (const key of keys) busy.set(key, (busy.get(key) ?? 0) + 1);
      inFlight++;
      void write(group).finally(() => {
        for (const key of keys) {
          const count = busy.get(key)! - 1;
          if (count === 0) busy.delete(key);
          else busy.set(key, count);
        }
        inFlight--;
        pump();
      });
    }
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
      group.flatMap(({ guards }) => guards.map(({ streamId }) => streamId)),
      group.flatMap(({ guards }) => guards.map(({ version }) => version)),
      group.flatMap(({ guards }, member) => guards.map(() => member)),
    ];
    type Row = {
      readonly last_position: unknown;
      readonly stale: ReadonlyArray<unknown>;
      readonly fresh: unknown;
    };
    // The checks read the statement's snapshot, taken before it waited for the lock: when an
    // append was committed in between, nothing is stored and the statement is sent again, with a
    // snapshot that holds that append. A unique constraint refusing it means the same.
    let row: Row | undefined;
    for (let attempt = 0; attempt < MAX_ATTEMPTS && row?.fresh !== true; attempt++) {
      try {
        [row] = await runner.query<Row>(sql, params, name);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        row = undefined;
      }
    }
    if (row?.fresh !== true) return new Set(group.map((_, member) => member));
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

  return {
    store: (plan, guards = []) =>
      new Promise((resolve) => {
        queue.push({ plan, guards, resolve });
        pump();
      }),
  };
};
