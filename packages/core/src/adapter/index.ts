/**
 * @rapport/core/adapter: the machinery of an event store kept in a database, for the authors of
 * such stores (the SQLite and PostgreSQL stores are written on it). It plans appends and verbatim
 * imports as pure functions over what the store read in its write transaction, maps `events` rows
 * back to recorded events, decodes imported histories and snapshots, wakes waiting subscribers,
 * and builds `append`, `readAll` and `subscribe` from a store's own write and reads. The append
 * rules (`checkExpectedVersion`, `classifyWrite`…) and `createSubscription` it builds on are on
 * the main entry, `@rapport/core`.
 */
export * from './appendPlan.js';
export * from './importPlan.js';
export * from './eventRow.js';
export * from './storeCalls.js';
export * from './storeInput.js';
export * from './wakeup.js';
