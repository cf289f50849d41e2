/**
 * @rapport/core/testing: what store adapters and domain packages test with. It imports fast-check,
 * an optional peer dependency of @rapport/core, and not vitest: the conformance suite and the
 * decider specifications, which need vitest, are in @rapport/core/testing/vitest.
 */
export * from './arbitraryOf.js';
export * from './events.js';
export * from './childProcess.js';
export * from './tempDir.js';
export * from './crashWriter.js';
export * from './tampering.js';
