/**
 * Aligned text tables: every column as wide as its widest cell, measured in what the terminal
 * shows (colour codes do not count; a CJK character or an emoji takes two columns, a combining
 * mark none), numbers aligned to the right. Given the width of a terminal, a table too wide for it
 * is fitted: its widest text columns are narrowed and their longer cells cut with "…"; headings
 * and right-aligned (number) columns are never cut. Piped output is given no width and keeps
 * every character.
 */
import { stripVTControlCharacters } from 'node:util';
import stringWidth from 'string-width';

/** A column: its heading and whether its cells align to the right. */
export interface Column {
  readonly heading: string;
  readonly align?: 'left' | 'right';
}

const widthOf = (text: string): number => stringWidth(text);

const graphemes = new Intl.Segmenter();

/** A cell cut to `width` columns, ending with "…"; its colours are dropped. */
const cut = (text: string, width: number): string => {
  if (widthOf(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const { segment } of graphemes.segment(stripVTControlCharacters(text))) {
    const next = widthOf(segment);
    if (used + next > width - 1) break;
    out += segment;
    used += next;
  }
  return `${out}…`;
};

/**
 * Column widths narrowed, widest first, until the lines fit in `width` (two spaces between
 * columns), or until only headings and number columns are left to cut, which never are.
 */
const fit = (widths: number[], columns: ReadonlyArray<Column>, width: number): number[] => {
  const floors = columns.map((column, i) =>
    column.align === 'right' ? (widths[i] ?? 0) : Math.max(widthOf(column.heading), 1),
  );
  const fitted = [...widths];
  let excess = fitted.reduce((sum, w) => sum + w, 0) + 2 * (fitted.length - 1) - width;
  while (excess > 0) {
    let widest = -1;
    for (let i = 0; i < fitted.length; i++)
      if ((fitted[i] ?? 0) > (floors[i] ?? 0) && (widest < 0 || (fitted[i] ?? 0) > (fitted[widest] ?? 0)))
        widest = i;
    if (widest < 0) break;
    fitted[widest] = (fitted[widest] ?? 0) - 1;
    excess--;
  }
  return fitted;
};

const pad = (text: string, width: number, align: 'left' | 'right'): string => {
  const gap = ' '.repeat(Math.max(0, width - widthOf(text)));
  return align === 'right' ? gap + text : text + gap;
};

/**
 * Renders rows under their headings, two spaces between columns, no trailing spaces; fitted to
 * `width` when one is given (a terminal's).
 *
 * @example
 * import { renderTable } from './table.js';
 * renderTable([{ heading: 'name' }, { heading: 'n', align: 'right' }], [['Ada', '12'], ['Bo', '3']]);
 * // 'name   n\nAda   12\nBo     3'
 * renderTable([{ heading: 'name' }, { heading: 'stage' }], [['李小龍', 'lead'], ['Ada', 'lost']]);
 * // 'name    stage\n李小龍  lead\nAda     lost'
 * renderTable([{ heading: 'name' }, { heading: 'n', align: 'right' }], [['Ada Lovelace', '12']], undefined, 10);
 * // 'name     n\nAda L…  12'
 */
export const renderTable = (
  columns: ReadonlyArray<Column>,
  rows: ReadonlyArray<ReadonlyArray<string>>,
  heading: (text: string) => string = (text) => text,
  width?: number,
): string => {
  const natural = columns.map((column, i) =>
    Math.max(widthOf(column.heading), ...rows.map((row) => widthOf(row[i] ?? ''))),
  );
  const widths = width === undefined ? natural : fit(natural, columns, width);
  const line = (cells: ReadonlyArray<string>, style: (text: string) => string = (text) => text): string =>
    columns
      .map((column, i) =>
        pad(style(cut(cells[i] ?? '', widths[i] ?? 0)), widths[i] ?? 0, column.align ?? 'left'),
      )
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
