/**
 * @rapport/store-sqlite: the embedded event store of Rapport, one SQLite file (default
 * `./rapport.db`). Read this file to know the package: everything public is exported here.
 */
export {
  openSqliteEventStore,
  type ImportResult,
  type SqliteEventStore,
  type SqliteEventStoreOptions,
  type SqliteSynchronous,
} from './sqliteEventStore.js';
