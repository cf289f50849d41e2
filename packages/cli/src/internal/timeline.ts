/**
 * The table of a contact's timeline (R-AUDIT-4), as `rapport timeline` and the demo's audit excerpt
 * show it: one row a change.
 */
import type { Column } from './table.js';

/**
 * The columns of a timeline table: position, time, actor, copy, field, from, to and cause.
 *
 * @example
 * import { renderTable } from './table.js';
 * import { TIMELINE_COLUMNS } from './timeline.js';
 * TIMELINE_COLUMNS.map((column) => column.heading).join(' '); // '# when who copy field from to cause'
 * renderTable(TIMELINE_COLUMNS, [['7', '2026-11-02T09:04', 'bob', 'team', 'stage', 'lead', 'potential', 'command']]);
 * // '#  when              who  copy  field  from  to         cause\n7  2026-11-02T09:04  bob  team  stage  lead  potential  command'
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
