/** The written form of a calendar date, `YYYY-MM-DD`, before the calendar is consulted. */
export const DATE_FORM = /^(\d{4})-(\d{2})-(\d{2})$/;
