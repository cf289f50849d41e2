/** The query interface over a `pg` connection pool. */
import type pg from 'pg';
import type { SqlDatabase, SqlRunner, SqlSession } from './sql.js';

const runnerOf = (client: pg.Pool | pg.PoolClient): SqlRunner => ({
  query: async <R>(text: string, params: ReadonlyArray<unknown> = [], name?: string) =>
    (await client.query({ text, values: [...params], ...(name === undefined ? {} : { name }) }))
      .rows as ReadonlyArray<R>,
  exec: async (text) => {
    await client.query(text);
  },
});

/** Where a pool connects, without its password. */
const describePool = (pool: pg.Pool): string => {
  const options = pool.options;
  if (options.connectionString !== undefined) {
    try {
      const url = new URL(options.connectionString);
      url.password = '';
      return url.toString();
    } catch {
      return 'the PostgreSQL server';
    }
  }
  return `postgres://${options.user ?? ''}@${options.host ?? 'localhost'}:${options.port ?? 5432}/${options.database ?? ''}`;
};

/**
 * Wraps a pool; `owned` pools are ended on close. The pool's idle clients may fail (a server
 * restart): such errors are reported to the clients that use them, not thrown at the process.
 */
export const pgDatabase = (pool: pg.Pool, owned: boolean): SqlDatabase => {
  const ignoreIdleError = (): void => undefined;
  if (owned) pool.on('error', ignoreIdleError);
  return {
    ...runnerOf(pool),
    concurrent: true,
    description: describePool(pool),
    transaction: async (work) => {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(runnerOf(client));
        await client.query('COMMIT');
        client.release();
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
          client.release();
        } catch (rollbackError) {
          client.release(rollbackError instanceof Error ? rollbackError : true);
        }
        throw error;
      }
    },
    session: async (): Promise<SqlSession> => {
      const client = await pool.connect();
      let lost: ((error: Error) => void) | undefined;
      let released = false;
      client.on('error', (error: Error) => {
        if (released) return;
        released = true;
        client.release(error);
        lost?.(error);
      });
      return {
        ...runnerOf(client),
        listen: async (channel, onNotify) => {
          client.on('notification', (message) => {
            if (message.channel === channel) onNotify(message.payload ?? '');
          });
          await client.query(`LISTEN ${channel}`);
        },
        onLost: (handler) => {
          lost = handler;
        },
        release: async () => {
          if (released) return;
          released = true;
          try {
            await client.query('UNLISTEN *');
            await client.query('SELECT pg_advisory_unlock_all()');
            client.release();
          } catch (error) {
            client.release(error instanceof Error ? error : true);
          }
        },
      };
    },
    close: async () => {
      if (owned) await pool.end();
    },
  };
};
