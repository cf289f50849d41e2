/**
 * @rapport/domain: the relationship domain of Rapport. Everything public is exported here.
 */
export * from './vocabulary.js';
export * from './ids.js';
export * from './streams.js';
export * from './tags.js';
export * from './fields/index.js';
export * from './steps/index.js';
export * from './rights.js';
export * from './organization/commands.js';
export * from './organization/events.js';
export * from './organization/state.js';
export * from './organization/decider.js';
export * from './contact/model.js';
export * from './contact/commands.js';
export * from './contact/events.js';
export * from './contact/state.js';
export * from './contact/decider.js';
export * from './engagement/commands.js';
export * from './engagement/events.js';
export * from './engagement/state.js';
export * from './engagement/decider.js';
export * from './commands.js';
export * from './events.js';
export * from './projections/documents.js';
export * from './projections/relationships.js';
export * from './projections/views.js';
export * from './sharing/autoShare.js';
export * from './organization/removal.js';
export * from './rapport/facade.js';
export * from './audit/index.js';
export * from './audiences/index.js';
export * from './sync/index.js';
export { commandEventId } from './internal/eventIds.js';
