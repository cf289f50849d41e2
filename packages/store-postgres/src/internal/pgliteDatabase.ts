/** The query interface over PGlite, PostgreSQL in-process: one connection, no concurrency. */
import type { PGlite, Transaction } from '@electric-sql/pglite';
import type { SqlDatabase, SqlRunner, SqlSession } from './sql.js';

const runnerOf = (db: PGlite | Transaction): SqlRunner => ({
  query: async <R>(text: string, params: ReadonlyArray<unknown> = []) =>
    (await db.query<R>(text, [...params])).rows as ReadonlyArray<R>,
  exec: async (text) => {
    await db.exec(text);
  },
});

/** Wraps a PGlite database; `owned` databases are closed on close. */
export const pgliteDatabase = (db: PGlite, owned: boolean, description: string): SqlDatabase => ({
  ...runnerOf(db),
  concurrent: false,
  description,
  transaction: (work) => db.transaction((tx) => work(runnerOf(tx))),
  session: async (): Promise<SqlSession> => {
    const stops: Array<() => Promise<void>> = [];
    return {
      ...runnerOf(db),
      listen: async (channel, onNotify) => {
        stops.push(await db.listen(channel, onNotify));
      },
      onLost: () => undefined,
      release: async () => {
        await Promise.all(stops.map((stop) => stop()));
      },
    };
  },
  close: async () => {
    if (owned) await db.close();
  },
});
