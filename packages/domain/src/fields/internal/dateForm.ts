/**
 * The written form of a calendar date, `YYYY-MM-DD`, before the calendar is consulted.
 *
 * @example
 * import { DATE_FORM } from './dateForm.js';
 * DATE_FORM.exec('2026-02-30')?.slice(1); // ['2026', '02', '30']: the form holds, the calendar is checked later
 * DATE_FORM.test('2026-2-3'); // false
 */
export const DATE_FORM = /^(\d{4})-(\d{2})-(\d{2})$/;
