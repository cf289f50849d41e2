/**
 * @rapport/core: the domain-agnostic event-sourcing kernel of Rapport.
 * Read this file to know the package: everything public is exported here.
 */
export * from './codecs.js';
export * from './rejection.js';
export * from './decoding.js';
export * from './inputLimits.js';
export * from './decider.js';
export * from './envelope.js';
export * from './errors.js';
export * from './eventStore.js';
export * from './appendRules.js';
export * from './hashChain.js';
export * from './snapshotStore.js';
export * from './subscription.js';
export * from './inMemoryStore.js';
// verify.js also holds the verification of a database store on several threads: machinery for
// store authors, which `@rapport/core/adapter` exports.
export {
  verifyStore,
  type ChainBreak,
  type ChainBreakKind,
  type VerificationReport,
  type VerifyOptions,
} from './verify.js';
export {
  describeRanges,
  type PositionRange,
  type StoreCheck,
  type StoredExtent,
  type StoreProblem,
  type StoreProblemKind,
} from './storeCheck.js';
export * from './anchor.js';
export * from './upcasting.js';
export * from './commandContext.js';
export * from './aggregate.js';
export * from './stateCache.js';
export * from './commandPipeline.js';
export * from './reactions.js';
export * from './commandHandler.js';
export * from './projection.js';
export * from './projectionRunner.js';
