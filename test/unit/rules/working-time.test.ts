import { describe, expect, it } from 'vitest';
import { workCalendarOf } from '../../../mail-worker/rules/working-time.js';

const base = { periods: ['07:30-11:30', '13:30-17:00'], workdays: ['mon', 'tue', 'wed', 'thu', 'fri'] as Array<'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat'>, byDay: {}, holidays: {}, workingDays: [] };
const now = new Date('2026-03-10T02:00:00Z');

describe('working time from vanthu.yaml', () => {
  it('takes other hours for some weekdays (a Saturday morning)', () => {
    const calendar = workCalendarOf({ ...base, workdays: [...base.workdays, 'sat'], byDay: { sat: ['07:30-11:30'] } }, now);
    expect(calendar.isWorkingTime(new Date('2026-03-14T08:00:00+07:00'))).toBe(true);
    expect(calendar.isWorkingTime(new Date('2026-03-14T14:00:00+07:00'))).toBe(false);
  });

  it('uses a year\'s published holidays instead of the computed ones when given', () => {
    const published = workCalendarOf({ ...base, holidays: { 2026: ['2026-02-13', '2026-02-16'] } }, now);
    expect(published.isWorkingDay('2026-02-13')).toBe(false); // published day off
    expect(published.isWorkingDay('2026-02-18')).toBe(true); // computed Tết day, not in the published table
    expect(workCalendarOf(base, now).isWorkingDay('2026-02-18')).toBe(false);
  });
});
