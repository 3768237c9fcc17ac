import { describe, expect, it } from 'vitest';
import { defaultHolidays } from '../../../../mail-worker/domain/calendar/holidays.js';
import { lunarToSolar } from '../../../../mail-worker/domain/calendar/lunar.js';
import { DEFAULT_WEEK, WorkCalendar } from '../../../../mail-worker/domain/calendar/work-calendar.js';

const iso = (d: { year: number; month: number; day: number } | null) =>
  d && `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`;

describe('Vietnamese lunar calendar (UTC+7)', () => {
  // Mùng 1 Tết and Giỗ Tổ (10/3 âm lịch) as published in Vietnam. 2030 is a year where Vietnam's Tết is one day
  // before China's (the new moon falls before midnight at UTC+7 and after it at UTC+8).
  it.each([
    [2024, '2024-02-10', '2024-04-18'],
    [2025, '2025-01-29', '2025-04-07'],
    [2026, '2026-02-17', '2026-04-26'],
    [2027, '2027-02-06', '2027-04-16'],
    [2028, '2028-01-26', '2028-04-04'],
    [2029, '2029-02-13', '2029-04-23'],
    [2030, '2030-02-02', '2030-04-12'],
  ])('%i: Tết on %s, Giỗ Tổ on %s', (year, tet, gioTo) => {
    expect(iso(lunarToSolar(1, 1, year))).toBe(tet);
    expect(iso(lunarToSolar(10, 3, year))).toBe(gioTo);
  });

  it('knows leap months: 2025 has a leap 6th month, 2026 has none', () => {
    expect(iso(lunarToSolar(1, 6, 2025, true))).toBe('2025-07-25');
    expect(lunarToSolar(1, 6, 2026, true)).toBeNull();
  });

  it('uses UTC+7, not China\'s UTC+8: 2007 Tết was on 17 February in Vietnam, 18 February in China', () => {
    expect(iso(lunarToSolar(1, 1, 2007))).toBe('2007-02-17');
    expect(iso(lunarToSolar(1, 1, 2007, false, 8))).toBe('2007-02-18');
  });
});

describe('default holidays', () => {
  it('2026: 1/1, five days of Tết, Giỗ Tổ, 30/4, 1/5, 2/9 with the day next to it, and compensatory days', () => {
    const days = defaultHolidays(2026).map((h) => h.date);
    expect(days).toEqual(expect.arrayContaining([
      '2026-01-01', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-04-26', '2026-04-30',
      '2026-05-01', '2026-09-02', '2026-09-03',
    ]));
    // Giỗ Tổ 2026 is a Sunday: the Monday after is off instead.
    expect(days).toContain('2026-04-27');
  });

  it('2025: 2/9 is a Tuesday, so Monday 1/9 is the day next to it', () => {
    expect(defaultHolidays(2025).map((h) => h.date)).toEqual(expect.arrayContaining(['2025-09-01', '2025-09-02']));
  });
});

describe('working time', () => {
  const calendar = new WorkCalendar({ week: DEFAULT_WEEK, holidays: defaultHolidays(2026).map((h) => h.date), workingDays: ['2026-01-10'] });
  const at = (local: string) => new Date(`${local}+07:00`);
  const local = (d: Date) => new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 16);

  it.each([
    ['inside the morning', '2026-03-10T08:00', 2, '2026-03-10T10:00'],
    ['across lunch', '2026-03-10T10:30', 2, '2026-03-10T14:30'],
    ['across the evening', '2026-03-10T16:00', 2, '2026-03-11T08:30'],
    ['from the evening', '2026-03-10T20:00', 2, '2026-03-11T09:30'],
    ['across the weekend', '2026-03-13T16:30', 1, '2026-03-16T08:00'],
    ['across Tết', '2026-02-13T16:00', 2, '2026-02-23T08:30'],
    ['across 30/4 and 1/5', '2026-04-29T16:00', 2, '2026-05-04T08:30'],
    ['a whole working day is 7.5 hours', '2026-03-10T07:30', 7.5, '2026-03-10T17:00'],
  ])('%s: %s + %s working hours = %s', (_why, from, hours, due) => {
    expect(local(calendar.addWorkingHours(at(from), hours))).toBe(due);
  });

  it('counts working days after the arrival day, skipping weekends and holidays', () => {
    expect(calendar.addWorkingDays(at('2026-03-13T09:00'), 2)).toBe('2026-03-17'); // Friday + 2 = Tuesday
    expect(calendar.addWorkingDays(at('2026-04-29T09:00'), 1)).toBe('2026-05-04'); // 30/4, 1/5, weekend
  });

  it('works a swapped Saturday and not a holiday', () => {
    expect(calendar.isWorkingDay('2026-01-10')).toBe(true);
    expect(calendar.isWorkingDay('2026-01-17')).toBe(false);
    expect(calendar.isWorkingDay('2026-09-02')).toBe(false);
    expect(local(calendar.addWorkingHours(at('2026-01-09T16:30'), 1))).toBe('2026-01-10T08:00');
  });

  it('tells working time and counts working minutes between two instants', () => {
    expect(calendar.isWorkingTime(at('2026-03-10T12:00'))).toBe(false);
    expect(calendar.isWorkingTime(at('2026-03-10T13:30'))).toBe(true);
    expect(calendar.workingMinutesBetween(at('2026-03-10T11:00'), at('2026-03-10T14:00'))).toBe(60);
    expect(calendar.workingMinutesBetween(at('2026-03-13T16:00'), at('2026-03-16T08:30'))).toBe(120);
  });
});
