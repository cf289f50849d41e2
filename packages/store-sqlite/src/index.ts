/**
 * @rapport/store-sqlite: the embedded event store of Rapport, one SQLite file (default
 * `./rapport.db`). Read this file to know the package: everything public is exported here.
 */
export {
  openSqliteEventStore,
  type SqliteEventStore,
  type SqliteEventStoreOptions,
  type SqliteSynchronous,
} from './sqliteEventStore.js';
export { verifySqliteStore, type VerifySqliteOptions } from './verifySqliteStore.js';
/** What an import stored: `imported` events and `skipped` ones already present. */
export type { ImportResult } from '@rapport/core/adapter';
