/**
 * The audit API (R-AUDIT): reading a history up to a point, a contact's timeline.
 */
export * from './history.js';
export * from './timeline.js';
