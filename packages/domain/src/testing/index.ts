/**
 * @rapport/domain/testing: helpers for tests and examples of applications built on the domain.
 */
export * from './commands.js';
export * from './scenario.js';
export * from './projections.js';
export * from './execute.js';
