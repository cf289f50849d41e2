/**
 * @rapport/core/testing/vitest: the part of the testing kit that runs inside vitest, the event
 * store conformance suite and given/when/then decider specifications. It imports vitest (an
 * optional peer dependency of @rapport/core, needed by this entry only) and @rapport/core/testing.
 */
export * from './eventStoreConformance.js';
export * from './deciderSpecification.js';
