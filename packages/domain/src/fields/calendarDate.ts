/**
 * Calendar dates without a time (R-FIELD-1), written `YYYY-MM-DD` and checked against the
 * proleptic Gregorian calendar (R-FIELD-3): `2026-02-29` is not a date, `2028-02-29` is.
 */
import * as t from 'io-ts';
import { DATE_FORM } from './internal/dateForm.js';

const isLeapYear = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;

/**
 * The number of days in a month (1 to 12) of a year.
 *
 * @example
 * import { daysInMonth } from './calendarDate.js';
 * daysInMonth(2026, 2); // 28
 * daysInMonth(2028, 2); // 29
 */
export const daysInMonth = (year: number, month: number): number =>
  month === 2 ? (isLeapYear(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31;

/**
 * Whether a value is a calendar date written `YYYY-MM-DD`, in the years 0001 to 9999.
 *
 * @example
 * import { isCalendarDate } from './calendarDate.js';
 * isCalendarDate('2028-02-29'); // true
 * isCalendarDate('2026-02-29'); // false
 * isCalendarDate('2026-2-3'); // false
 */
export const isCalendarDate = (u: unknown): u is string => {
  if (typeof u !== 'string') return false;
  const match = DATE_FORM.exec(u);
  if (match === null) return false;
  const [year, month, day] = match.slice(1).map(Number) as [number, number, number];
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
};

/**
 * A calendar date, `YYYY-MM-DD`, years 0001 to 9999, that exists in the calendar.
 *
 * @example
 * import { CalendarDate } from '@rapport/domain';
 * CalendarDate.is('2026-11-23'); // true
 * CalendarDate.is('2026-02-30'); // false
 * CalendarDate.is('2026-11-23T00:00:00Z'); // false: a date has no time
 */
export const CalendarDate = new t.Type<string, string, unknown>(
  'CalendarDate',
  isCalendarDate,
  (u, c) => (isCalendarDate(u) ? t.success(u) : t.failure(u, c, 'expected a calendar date YYYY-MM-DD')),
  t.identity,
);
export type CalendarDate = t.TypeOf<typeof CalendarDate>;
