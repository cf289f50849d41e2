/**
 * Reading a point of the history from the command line: a whole number is a global position,
 * anything else must be a date or an instant (`2026-11-23`, `2026-11-23T10:00:00Z`).
 */
import { InvalidArgumentError } from 'commander';
import type { HistoryPoint } from '@rapport/domain';

/**
 * Parses a point; a bare date means the end of that day, in UTC.
 *
 * @example
 * import { parsePoint } from './points.js';
 * parsePoint('42'); // { position: 42 }
 * parsePoint('2026-11-23'); // { time: '2026-11-23T23:59:59.999Z' }
 * parsePoint('2026-11-23T10:00:00+01:00'); // { time: '2026-11-23T09:00:00.000Z' }
 * try { parsePoint('yesterday'); } catch (e) { (e as Error).name; } // 'InvalidArgumentError'
 */
export const parsePoint = (text: string): HistoryPoint => {
  if (/^\d+$/.test(text) && Number.isSafeInteger(Number(text))) return { position: Number(text) };
  const instant = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T23:59:59.999Z` : text;
  const time = Date.parse(instant);
  if (Number.isNaN(time))
    throw new InvalidArgumentError(
      'expected a global position (a whole number) or a time such as 2026-11-23 or 2026-11-23T10:00:00Z',
    );
  return { time: new Date(time).toISOString() };
};

/**
 * A point as a person reads it.
 *
 * @example
 * import { describePoint } from './points.js';
 * describePoint({ position: 42 }); // 'position 42'
 * describePoint({ time: '2026-11-23T09:00:00.000Z' }); // '2026-11-23T09:00:00.000Z'
 */
export const describePoint = (point: HistoryPoint): string =>
  'position' in point ? `position ${point.position}` : point.time;
