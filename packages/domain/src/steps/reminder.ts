/**
 * Reminder due dates of next steps (R-STEP-1, R-STEP-5): a whole number of days after the step
 * was set, counted in UTC calendar days, as a pure function of the instant the step was set.
 */

const DAY_MS = 86_400_000;

/**
 * The calendar date (`YYYY-MM-DD`) a reminder falls due: the UTC calendar day of `setAt`, plus
 * `afterDays` days. The time of day does not count, so a step set at 23:59Z with `afterDays: 1`
 * is due the next UTC day; `afterDays: 0` is due the day it was set. `setAt` is an `IsoInstant`.
 *
 * @example
 * import { reminderDueDate } from '@rapport/domain';
 * reminderDueDate('2026-02-27T23:59:00.000Z', 2); // '2026-03-01'
 * reminderDueDate('2028-02-28T08:00:00.000Z', 1); // '2028-02-29'
 */
export const reminderDueDate = (setAt: string, afterDays: number): string => {
  const due = new Date((Math.floor(Date.parse(setAt) / DAY_MS) + afterDays) * DAY_MS);
  const year = String(due.getUTCFullYear()).padStart(4, '0');
  const month = String(due.getUTCMonth() + 1).padStart(2, '0');
  const day = String(due.getUTCDate()).padStart(2, '0');
  return `${year}-${month}-${day}`;
};
