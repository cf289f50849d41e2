/**
 * The audit API (R-AUDIT): reading a history up to a point, a contact's timeline, projections as
 * of a point and the differences between two points.
 */
export * from './history.js';
export * from './timeline.js';
export * from './asOf.js';
