/** The suite's results as a plain-text table: one row per figure, limits beside what they bound. */
import type { Figure, Target } from './figure.js';

/**
 * A number for people: thousands separated, three significant digits below 100.
 *
 * @example
 * import { formatNumber } from './table.js';
 * formatNumber(1234567.8); // '1,234,568'
 * formatNumber(1.2345); // '1.23'
 */
export const formatNumber = (value: number | null): string => {
  if (value === null || Number.isNaN(value)) return '—';
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toPrecision(3);
};

/**
 * A target in words.
 *
 * @example
 * import { formatTarget } from './table.js';
 * formatTarget({ kind: 'atLeastOfLimit', fraction: 0.7 }); // '≥ 70% of limit'
 */
export const formatTarget = (target: Target | null): string => {
  if (target === null) return '';
  switch (target.kind) {
    case 'atLeast':
      return `≥ ${formatNumber(target.value)}`;
    case 'below':
      return `< ${formatNumber(target.value)}`;
    case 'atLeastOfLimit':
      return `≥ ${Math.round(target.fraction * 100)}% of limit`;
  }
};

const verdict = (figure: Figure): string => {
  if (figure.role !== 'figure') return figure.role;
  if (figure.value === null) return 'skipped';
  if (figure.pass === null) return '';
  return figure.pass ? 'pass' : 'MISS';
};

/**
 * The table: workload, figure, value, unit, target, limit, ratio to limit, pass/miss; the notes
 * (skipped figures, details) follow under it.
 *
 * @example
 * import { formatTable } from './table.js';
 * formatTable([]).startsWith('workload'); // true
 */
export const formatTable = (figures: ReadonlyArray<Figure>): string => {
  const header = ['workload', 'figure', 'value', 'unit', 'target', 'limit', 'ratio to limit', 'pass/miss'];
  const rows = figures.map((f) => [
    f.workload,
    f.label,
    formatNumber(f.value),
    f.unit,
    formatTarget(f.target),
    f.limit === null ? '' : `${formatNumber(f.limit.value)} (${f.limit.id})`,
    f.ratioToLimit === null ? '' : f.ratioToLimit.toFixed(2),
    verdict(f),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const numeric = new Set([2, 6]);
  const line = (cells: ReadonlyArray<string>): string =>
    cells
      .map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i]!) : cell.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  const notes = figures.filter((f) => f.note !== null).map((f) => `  ${f.id}: ${f.note}`);
  return [
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
    ...(notes.length > 0 ? ['', 'Notes:', ...notes] : []),
  ].join('\n');
};

/**
 * The same table in Markdown, for docs/benchmarks.md.
 *
 * @example
 * import { formatMarkdown } from './table.js';
 * formatMarkdown([]).startsWith('| workload |'); // true
 */
export const formatMarkdown = (figures: ReadonlyArray<Figure>): string => {
  const header = ['workload', 'figure', 'value', 'unit', 'target', 'limit', 'ratio to limit', 'pass/miss'];
  const escape = (cell: string): string => cell.replaceAll('|', '\\|');
  const rows = figures.map((f) => [
    f.workload,
    f.label,
    formatNumber(f.value),
    f.unit,
    formatTarget(f.target),
    f.limit === null ? '' : `${formatNumber(f.limit.value)} (\`${f.limit.id}\`)`,
    f.ratioToLimit === null ? '' : f.ratioToLimit.toFixed(2),
    verdict(f),
  ]);
  return [header, header.map(() => '---'), ...rows]
    .map((row) => `| ${row.map(escape).join(' | ')} |`)
    .join('\n');
};
