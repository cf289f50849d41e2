/**
 * Sync between My People and the team view (R-SYNC): shareable fields, sync points, the pure
 * sync state (scenario, divergences, prompts, flows), the sync commands, events and decider, the
 * policy that carries out automatic flows, and why a prompt or flow exists.
 */
export * from './fields.js';
export * from './points.js';
export * from './syncState.js';
export * from './commands.js';
export * from './events.js';
export * from './decider.js';
export * from './policy.js';
export * from './read.js';
export * from './why.js';
