/**
 * A SQLite store's check of its own file (R-AUDIT-6): SQLite's own check of its pages, what the
 * file's indexes say the table holds, where the table lacks what they hold, and a walk of the
 * table that reads past damaged pages, saying which positions could not be read and why.
 */
import type Database from 'better-sqlite3';
import {
  describeRanges,
  RapportError,
  type PositionRange,
  type StoredExtent,
  type StoreProblem,
  type VerificationReport,
} from '@rapport/core';
import {
  createChainVerifier,
  eventFromRow,
  extentProblems,
  positionRanges,
  type ChainVerifier,
  type EventRow,
} from '@rapport/core/adapter';

/** Whether an error is SQLite's own (a damaged page, a file it cannot read), by its code. */
const isSqliteError = (error: unknown): error is Error & { code: string } =>
  error instanceof Error && String((error as { code?: unknown }).code).startsWith('SQLITE_');

/** SQLite's error in words, with its code: `database disk image is malformed (SQLITE_CORRUPT)`. */
const sqliteMessage = (error: Error & { code: string }): string => `${error.message} (${error.code})`;

/** A name from the file's schema as an SQL identifier. */
const identifier = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** What the table and each of its indexes say the table holds, read in one snapshot of the file. */
export interface FileExtents {
  /** The table's greatest position, read from the table itself; null when it cannot be read. */
  readonly tableHead: number | null;
  /** Each index of `events` with what it holds; an index that cannot be read holds null. */
  readonly indexes: ReadonlyArray<{ readonly name: string; readonly extent: StoredExtent | null }>;
  /** Why the table's head or an index could not be read. */
  readonly problems: ReadonlyArray<StoreProblem>;
}

/**
 * Reads, in one snapshot of the file, the table's head and each index's count and greatest
 * position: every index of `events` holds one entry per row, with the row's position, so an index
 * whole while the table lost pages still tells how many events there are and where.
 */
export const readExtents = (db: Database.Database): FileExtents => {
  db.exec('BEGIN');
  try {
    const problems: StoreProblem[] = [];
    let tableHead: number | null = null;
    try {
      tableHead = Number(
        db.prepare(`SELECT coalesce(max(global_position), 0) FROM events NOT INDEXED`).pluck().get(),
      );
    } catch (error) {
      if (!isSqliteError(error)) throw error;
      problems.push({
        kind: 'unreadable',
        positions: [],
        message: `the table's last position cannot be read: ${sqliteMessage(error)}`,
      });
    }
    const names = (
      db.prepare(`SELECT name FROM pragma_index_list('events')`).pluck().all() as string[]
    ).sort();
    const indexes = names.map((name) => {
      try {
        const row = db
          .prepare(
            `SELECT count(*) AS events, coalesce(max(global_position), 0) AS headPosition FROM events INDEXED BY ${identifier(name)}`,
          )
          .get() as { events: number; headPosition: number };
        return { name, extent: { events: Number(row.events), headPosition: Number(row.headPosition) } };
      } catch (error) {
        if (!isSqliteError(error)) throw error;
        problems.push({
          kind: 'unreadable',
          positions: [],
          message: `the index ${name} cannot be read: ${sqliteMessage(error)}`,
        });
        return { name, extent: null };
      }
    });
    return { tableHead, indexes, problems };
  } finally {
    // Only read: nothing to keep. After SQLite met a damaged page, even its COMMIT may fail.
    try {
      db.exec('ROLLBACK');
    } catch {
      // The snapshot is released when the connection closes.
    }
  }
};

/**
 * The file's other tables and their indexes (the projection snapshots), each read through once: a
 * table by its rows, an index by its entries, which must be as many as its table's rows.
 * SQLite's own check lets some damage by (an empty index page overwritten with an empty table page
 * passes `quick_check`), and reading through a tree is what meets it.
 */
export const otherTreeProblems = (db: Database.Database): ReadonlyArray<StoreProblem> => {
  const trees = db
    .prepare(
      `SELECT type, name, tbl_name AS tableName FROM sqlite_schema
       WHERE type IN ('table', 'index') AND tbl_name <> 'events' AND rootpage > 0 ORDER BY type DESC, name`,
    )
    .all() as ReadonlyArray<{ type: 'table' | 'index'; name: string; tableName: string }>;
  const problems: StoreProblem[] = [];
  const rows = new Map<string, number>();
  const count = (sql: string, what: string): number | null => {
    try {
      return Number(db.prepare(sql).pluck().get());
    } catch (error) {
      if (!isSqliteError(error)) throw error;
      problems.push({
        kind: 'integrity',
        positions: [],
        message: `${what} cannot be read: ${sqliteMessage(error)}`,
      });
      return null;
    }
  };
  for (const { type, name, tableName } of trees) {
    if (type === 'table') {
      const counted = count(`SELECT count(*) FROM ${identifier(name)} NOT INDEXED`, `the table ${name}`);
      if (counted !== null) rows.set(name, counted);
      continue;
    }
    const entries = count(
      `SELECT count(*) FROM ${identifier(tableName)} INDEXED BY ${identifier(name)}`,
      `the index ${name}`,
    );
    const tableRows = rows.get(tableName);
    if (entries !== null && tableRows !== undefined && entries !== tableRows)
      problems.push({
        kind: 'integrity',
        positions: [],
        message: `the index ${name} holds ${String(entries)} entries and its table ${tableName} ${String(tableRows)} rows`,
      });
  }
  return problems;
};

/**
 * SQLite's own check of the file, `quick_check` (every page and record well formed, every index
 * of the right size) or `integrity_check` (also every index entry against its row): a problem
 * listing the first lines it reports, none when it says ok.
 */
export const integrityProblems = (
  db: Database.Database,
  method: 'quick_check' | 'integrity_check',
): ReadonlyArray<StoreProblem> => {
  let lines: string[];
  try {
    lines = (db.prepare(`PRAGMA ${method}(20)`).pluck().all() as string[]).flatMap((text) =>
      text.split('\n'),
    );
  } catch (error) {
    if (!isSqliteError(error)) throw error;
    return [
      {
        kind: 'integrity',
        positions: [],
        message: `PRAGMA ${method} cannot read the file: ${sqliteMessage(error)}`,
      },
    ];
  }
  if (lines.length === 1 && lines[0] === 'ok') return [];
  const found = lines.filter((line) => !line.startsWith('***'));
  return [
    {
      kind: 'integrity',
      positions: [],
      message: `PRAGMA ${method} finds the file damaged: ${found.join('; ')}`,
    },
  ];
};

/**
 * The positions up to `head` that index `name` holds and the table does not (the first 100
 * ranges), or the problem of reading them.
 */
const missingFromTable = (
  db: Database.Database,
  name: string,
  head: number,
): { readonly ranges: ReadonlyArray<PositionRange> } | { readonly problem: StoreProblem } => {
  try {
    const positions = db
      .prepare(
        `SELECT i.global_position FROM events AS i INDEXED BY ${identifier(name)}
         WHERE i.global_position <= ? AND NOT EXISTS (SELECT 1 FROM events AS t NOT INDEXED WHERE t.global_position = i.global_position)
         ORDER BY 1`,
      )
      .pluck()
      .iterate(head) as IterableIterator<number>;
    return { ranges: positionRanges(positions) };
  } catch (error) {
    if (!isSqliteError(error)) throw error;
    return {
      problem: {
        kind: 'unreadable',
        positions: [],
        message: `the positions the index ${name} holds cannot be looked up in the table: ${sqliteMessage(error)}`,
      },
    };
  }
};

/**
 * The problems of indexes that disagree with what was read: indexes that say the same are named
 * together; each problem says which positions they hold that the table does not.
 */
export const indexProblems = (
  db: Database.Database,
  extents: FileExtents,
  read: StoredExtent,
): ReadonlyArray<StoreProblem> => {
  const problems: StoreProblem[] = [];
  const groups = new Map<string, { extent: StoredExtent; names: string[] }>();
  for (const { name, extent } of extents.indexes) {
    if (extent === null) continue;
    const key = `${extent.events}/${extent.headPosition}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { extent, names: [name] });
    else group.names.push(name);
  }
  for (const { extent, names } of groups.values()) {
    if (extent.events === read.events && extent.headPosition === read.headPosition) continue;
    const missing = missingFromTable(db, names[0]!, extent.headPosition);
    if ('problem' in missing) problems.push(missing.problem);
    problems.push(
      ...extentProblems(
        extent,
        read,
        names.length === 1 ? `the index ${names[0]}` : `the indexes ${names.join(', ')}`,
        'ranges' in missing ? missing.ranges : [],
      ),
    );
  }
  return problems;
};

/** The empty positions of the table up to `head`, as ranges (the first 100); none when unreadable. */
export const gapRanges = (db: Database.Database, head: number): ReadonlyArray<PositionRange> => {
  try {
    return db
      .prepare(
        `SELECT global_position + 1 AS "from", next - 1 AS "to" FROM (
           SELECT global_position, lead(global_position, 1, ? + 1) OVER (ORDER BY global_position) AS next
           FROM events NOT INDEXED WHERE global_position <= ?
           UNION ALL SELECT 0, (SELECT coalesce(min(global_position), ? + 1) FROM events NOT INDEXED WHERE global_position <= ?)
         ) WHERE next > global_position + 1 ORDER BY 1 LIMIT 100`,
      )
      .all(head, head, head, head) as PositionRange[];
  } catch (error) {
    if (!isSqliteError(error)) throw error;
    return [];
  }
};

/** The columns of `EventRow`, named as its keys. */
const COLUMNS =
  'global_position, stream_id, stream_version, event_id, type, schema_version, data, actor, recorded_at, correlation_id, causation_id, previous_hash, hash';

/** A position that could not be read, and why. */
interface Unreadable {
  readonly position: number;
  readonly reason: string;
}

/**
 * Walks the table up to `head` on this thread, in batches, checking every event it can read as
 * `verifyStore` does: a batch that SQLite cannot read is read again position by position, so
 * that only the positions on damaged pages are lost; a row whose data is not JSON is not an event.
 * Both are problems naming their positions and SQLite's error. The events read are checked as
 * usual, so the report on them is the one the threads would give on a whole file holding them.
 *
 * The walk always ends, whatever the pages hold. A damaged page can make the table's tree give
 * rows again or out of order (a page pointing back at one above it): from the first such row on,
 * the rest is read position by position, each lookup a bounded descent that SQLite stops on a
 * loop. And positions are looked up one by one only as far as an index or the rows read say
 * events are (`knownHead`): past it, a head read from a damaged page can be any number, and the
 * positions the table then fails on are one problem, not a lookup each.
 */
export const walkDamagedTable = (
  db: Database.Database,
  head: number,
  batchSize: number,
  knownHead: number = head,
): { readonly report: VerificationReport; readonly problems: ReadonlyArray<StoreProblem> } => {
  const batch = db.prepare(
    `SELECT ${COLUMNS} FROM events NOT INDEXED WHERE global_position > ? AND global_position <= ? ORDER BY global_position LIMIT ?`,
  );
  const one = db.prepare(`SELECT ${COLUMNS} FROM events NOT INDEXED WHERE global_position = ?`);
  const verifier: ChainVerifier = createChainVerifier();
  const unreadable: Unreadable[] = [];
  const problems: StoreProblem[] = [];
  let lastRead = 0;
  const check = (row: EventRow): void => {
    lastRead = Math.max(lastRead, Number(row.global_position));
    try {
      verifier.check(eventFromRow(row));
    } catch (error) {
      if (!(error instanceof RapportError) || error.code !== 'STORE_CORRUPTED') throw error;
      unreadable.push({ position: Number(row.global_position), reason: 'its data is not JSON' });
    }
  };
  /** The rows of the next batch, or null when SQLite cannot read it. */
  const nextBatch = (after: number): EventRow[] | null => {
    try {
      return batch.all(after, head, batchSize) as EventRow[];
    } catch (error) {
      if (!isSqliteError(error)) throw error;
      return null;
    }
  };
  let after = 0;
  let inOrder = true;
  let lastError = '';
  while (after < head) {
    const rows = inOrder ? nextBatch(after) : null;
    if (rows !== null) {
      let position = after;
      for (const row of rows) {
        const next = Number(row.global_position);
        if (next <= position || next > head) {
          inOrder = false;
          problems.push({
            kind: 'unreadable',
            positions: [],
            message: `the table's tree gives position ${String(next)} after position ${String(position)}: a damaged page points back into the tree, so the table was read position by position from there on`,
          });
          break;
        }
        check(row);
        position = next;
      }
      if (inOrder && rows.length < batchSize) break;
      after = position;
      continue;
    }
    const bound = Math.max(knownHead, lastRead);
    if (after >= bound) {
      problems.push({
        kind: 'unreadable',
        positions: [{ from: after + 1, to: head }],
        message: `the table cannot be read past position ${String(after)} up to its head ${String(head)}, and no index holds an event there${lastError === '' ? '' : `: ${lastError}`}`,
      });
      break;
    }
    const last = Math.min(after + batchSize, head, bound);
    for (let position = after + 1; position <= last; position++) {
      try {
        const row = one.get(position) as EventRow | undefined;
        if (row !== undefined) check(row);
      } catch (lookupError) {
        if (!isSqliteError(lookupError)) throw lookupError;
        lastError = sqliteMessage(lookupError);
        unreadable.push({ position, reason: lastError });
      }
    }
    after = last;
  }
  return { report: verifier.report(), problems: [...problems, ...unreadableProblems(unreadable)] };
};

/** One problem per reason, with the positions that could not be read for it. */
const unreadableProblems = (unreadable: ReadonlyArray<Unreadable>): ReadonlyArray<StoreProblem> => {
  const byReason = new Map<string, number[]>();
  for (const { position, reason } of unreadable) {
    const positions = byReason.get(reason);
    if (positions === undefined) byReason.set(reason, [position]);
    else positions.push(position);
  }
  return [...byReason].map(([reason, positions]) => {
    const ranges = positionRanges(positions);
    return {
      kind: 'unreadable',
      positions: ranges,
      message: `${positions.length} event(s) cannot be read, at position(s) ${describeRanges(ranges)}${
        positions.length > 0 && ranges.length === 100 ? ', …' : ''
      }: ${reason}`,
    };
  });
};
