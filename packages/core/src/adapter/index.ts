/**
 * @rapport/core/adapter: the machinery of an event store kept in a database, for the authors of
 * such stores (the SQLite and PostgreSQL stores are written on it). It plans appends and verbatim
 * imports as pure functions over what the store read in its write transaction, maps `events` rows
 * back to recorded events, decodes imported histories and snapshots, wakes waiting subscribers,
 * builds `append`, `readAll` and `subscribe` from a store's own write and reads, and verifies a
 * store's hash chains on several threads, each reading one range of its streams from the database
 * (R-AUDIT-5). The append rules (`checkExpectedVersion`, `classifyWrite`…), `createSubscription`
 * and `verifyStore`, the verification an application runs, are on the main entry, `@rapport/core`.
 */
export * from './appendPlan.js';
export * from './importPlan.js';
export * from './eventRow.js';
export * from './storeCalls.js';
export * from './storeInput.js';
export * from './wakeup.js';
export {
  createChainVerifier,
  mergeVerificationReports,
  streamRanges,
  verificationThreads,
  withStoreCheck,
  type ChainVerifier,
  type StreamRange,
} from '../verify.js';
export {
  verifyInThreads,
  type PartitionReader,
  type PartitionReaderModule,
} from '../internal/verificationWorkers.js';
export { extentProblems, MAX_RANGES, positionRanges } from '../storeCheck.js';
