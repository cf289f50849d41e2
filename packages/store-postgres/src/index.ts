/**
 * @rapport/store-postgres: the event store of Rapport on PostgreSQL, for several app instances on
 * one database; and the same store on PGlite, in-process. Read this file to know the package:
 * everything public is exported here.
 */
export {
  openPgliteEventStore,
  openPostgresEventStore,
  type PgliteEventStoreOptions,
  type PostgresConnection,
  type PostgresEventStore,
  type PostgresEventStoreOptions,
  type PostgresStoreOptions,
  type ProjectionClaim,
} from './postgresEventStore.js';
export {
  verifyPostgresStore,
  type PostgresStoreLocation,
  type VerifyPostgresOptions,
} from './verifyPostgresStore.js';
/** What an import stored: `imported` events and `skipped` ones already present. */
export type { ImportResult } from '@rapport/core/adapter';
