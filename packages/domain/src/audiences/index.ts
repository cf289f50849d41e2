/**
 * Audiences (R-AUD): saved filters over contacts, their commands, events and decider, the
 * default audiences, membership kept event by event, the reference evaluator, and why a contact
 * is or is not a member.
 */
export * from './filter.js';
export * from './facts.js';
export * from './model.js';
export * from './commands.js';
export * from './events.js';
export * from './state.js';
export * from './decider.js';
export * from './membership.js';
export * from './reference.js';
export * from './why.js';
export * from './read.js';
