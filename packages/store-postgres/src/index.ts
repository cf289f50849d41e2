/**
 * @rapport/store-postgres: the event store of Rapport on PostgreSQL, for several app instances on
 * one database; and the same store on PGlite, in-process. Read this file to know the package:
 * everything public is exported here.
 */
export {
  openPgliteEventStore,
  openPostgresEventStore,
  type ImportResult,
  type PgliteEventStoreOptions,
  type PostgresConnection,
  type PostgresEventStore,
  type PostgresEventStoreOptions,
  type PostgresStoreOptions,
  type ProjectionClaim,
} from './postgresEventStore.js';
