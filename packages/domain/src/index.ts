/**
 * @rapport/domain: the relationship domain of Rapport. Everything public is exported here.
 */
export * from './vocabulary.js';
