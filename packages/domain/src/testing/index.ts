/**
 * @rapport/domain/testing: helpers for tests and examples of applications built on the domain.
 */
export * from './scenario.js';
