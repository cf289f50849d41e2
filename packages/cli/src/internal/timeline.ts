/**
 * The table of a contact's timeline (R-AUDIT-4), as `rapport timeline` and the demo's audit excerpt
 * show it: one row a change.
 */
import type { Column } from './table.js';

/**
 * The columns of a timeline table: position, time, actor, copy, field, from, to and cause.
 *
 * @example
 * renderTable(TIMELINE_COLUMNS, changes.map((change) => [String(change.position), …]));
 */
export const TIMELINE_COLUMNS: ReadonlyArray<Column> = [
  { heading: '#', align: 'right' },
  { heading: 'when' },
  { heading: 'who' },
  { heading: 'copy' },
  { heading: 'field' },
  { heading: 'from' },
  { heading: 'to' },
  { heading: 'cause' },
];
