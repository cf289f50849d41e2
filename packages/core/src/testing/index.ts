/**
 * @rapport/core/testing: what store adapters and domain packages test with. It imports vitest
 * and fast-check, which are optional peer dependencies of @rapport/core.
 */
export * from './eventStoreConformance.js';
export * from './deciderSpecification.js';
export * from './arbitraryOf.js';
export * from './events.js';
export * from './childProcess.js';
export * from './tempDir.js';
export * from './crashWriter.js';
export * from './tampering.js';
