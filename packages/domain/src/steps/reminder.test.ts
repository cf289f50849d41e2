import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { reminderDueDate } from './index.js';

describe('reminder due dates', () => {
  it('R-STEP-5: the due date counts UTC calendar days from the day the step was set', () => {
    expect(reminderDueDate('2026-11-23T09:30:00.000Z', 0)).toBe('2026-11-23');
    expect(reminderDueDate('2026-11-23T09:30:00.000Z', 3)).toBe('2026-11-26');
    expect(reminderDueDate('2026-11-23T23:59:59.999Z', 1)).toBe('2026-11-24');
    expect(reminderDueDate('2026-11-24T00:00:00.000Z', 1)).toBe('2026-11-25');
  });

  it('R-STEP-5: due dates cross months, years and leap days', () => {
    expect(reminderDueDate('2026-02-27T12:00:00Z', 2)).toBe('2026-03-01');
    expect(reminderDueDate('2028-02-28T12:00:00Z', 1)).toBe('2028-02-29');
    expect(reminderDueDate('2026-12-31T08:00:00Z', 1)).toBe('2027-01-01');
    expect(reminderDueDate('2026-01-01T00:00:00Z', 365)).toBe('2027-01-01');
    expect(reminderDueDate('9999-12-31T00:00:00Z', 0)).toBe('9999-12-31');
  });

  it('R-STEP-5: the due date is that many whole days after the set day, whatever the time of day', () => {
    const instant = fc.date({
      noInvalidDate: true,
      min: new Date('1970-01-01'),
      max: new Date('2999-12-31'),
    });
    fc.assert(
      fc.property(instant, fc.nat(36_500), (setAt, afterDays) => {
        const due = reminderDueDate(setAt.toISOString(), afterDays);
        const setDay = Date.UTC(setAt.getUTCFullYear(), setAt.getUTCMonth(), setAt.getUTCDate());
        expect(Date.parse(`${due}T00:00:00Z`) - setDay).toBe(afterDays * 86_400_000);
      }),
    );
  });
});
