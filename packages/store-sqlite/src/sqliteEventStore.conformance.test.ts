import Database from 'better-sqlite3';
import { afterAll } from 'vitest';
import { createTempDir } from '@rapport/core/testing';
import { describeEventStoreConformance } from '@rapport/core/testing/vitest';
import { openSqliteEventStore, type SqliteEventStore } from './index.js';

const temp = createTempDir('sqlite-conformance');
afterAll(() => temp.remove());
let stores = 0;

describeEventStoreConformance<SqliteEventStore>('SQLite event store', {
  create: () => {
    stores += 1;
    return openSqliteEventStore({ path: temp.file(`store-${stores}.db`), pollIntervalMs: 20 });
  },
  tamper: async (store, target) => {
    const raw = new Database(store.path);
    try {
      const statement =
        target.action === 'alter'
          ? raw.prepare(
              `UPDATE events SET data = '{"tampered":true}' WHERE stream_id = ? AND stream_version = ?`,
            )
          : raw.prepare(`DELETE FROM events WHERE stream_id = ? AND stream_version = ?`);
      const { changes } = statement.run(target.streamId, target.streamVersion);
      if (changes !== 1)
        throw new Error(`no event ${target.streamVersion} in stream ${target.streamId} to tamper with`);
    } finally {
      raw.close();
    }
  },
});
