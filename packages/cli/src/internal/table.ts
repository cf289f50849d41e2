/**
 * Aligned text tables: every column as wide as its widest cell, measured in what the terminal
 * shows (colour codes do not count; a CJK character or an emoji takes two columns, a combining
 * mark none), numbers aligned to the right.
 */
import stringWidth from 'string-width';

/** A column: its heading and whether its cells align to the right. */
export interface Column {
  readonly heading: string;
  readonly align?: 'left' | 'right';
}

const widthOf = (text: string): number => stringWidth(text);

const pad = (text: string, width: number, align: 'left' | 'right'): string => {
  const gap = ' '.repeat(Math.max(0, width - widthOf(text)));
  return align === 'right' ? gap + text : text + gap;
};

/**
 * Renders rows under their headings, two spaces between columns, no trailing spaces.
 *
 * @example
 * import { renderTable } from './table.js';
 * renderTable([{ heading: 'name' }, { heading: 'n', align: 'right' }], [['Ada', '12'], ['Bo', '3']]);
 * // 'name   n\nAda   12\nBo     3'
 * renderTable([{ heading: 'name' }, { heading: 'stage' }], [['李小龍', 'lead'], ['Ada', 'lost']]);
 * // 'name    stage\n李小龍  lead\nAda     lost'
 */
export const renderTable = (
  columns: ReadonlyArray<Column>,
  rows: ReadonlyArray<ReadonlyArray<string>>,
  heading: (text: string) => string = (text) => text,
): string => {
  const widths = columns.map((column, i) =>
    Math.max(widthOf(column.heading), ...rows.map((row) => widthOf(row[i] ?? ''))),
  );
  const line = (cells: ReadonlyArray<string>, style: (text: string) => string = (text) => text): string =>
    columns
      .map((column, i) => pad(style(cells[i] ?? ''), widths[i] ?? 0, column.align ?? 'left'))
      .join('  ')
      .trimEnd();
  return [
    line(
      columns.map((column) => column.heading),
      heading,
    ),
    ...rows.map((row) => line(row)),
  ].join('\n');
};
