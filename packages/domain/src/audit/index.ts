/**
 * The audit API (R-AUDIT): reading a history up to a point, a contact's timeline, every read model
 * (projections, audience membership, sync points) as of a point and its snapshot, the differences
 * between two points, and a member's audiences and sync prompts as reports.
 */
export * from './history.js';
export * from './timeline.js';
export * from './readModels.js';
export * from './asOf.js';
export * from './audienceReport.js';
export * from './syncReport.js';
