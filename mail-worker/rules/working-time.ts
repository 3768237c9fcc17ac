// The agency's working-time calendar from vanthu.yaml: periods and workdays, holidays per year (the published table
// where an admin gave one, the computed defaults otherwise), swapped working days.
import { defaultHolidays } from '../domain/calendar/holidays.js';
import { WorkCalendar, type WorkingPeriod } from '../domain/calendar/work-calendar.js';
import { registerYearOf } from '../domain/register-year.js';
import type { Config } from '../config/load.js';

const WEEKDAYS = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 } as const;
/** Years around now the calendar knows; deadlines are days or weeks ahead. */
const YEARS_BEFORE = 1;
const YEARS_AFTER = 3;

/** Built once per configuration and year: the holiday tables take lunar arithmetic, and routing asks per message. */
const built = new WeakMap<Config['workingTime'], Map<number, WorkCalendar>>();

export function workCalendarOf(workingTime: Config['workingTime'], now: Date): WorkCalendar {
  const year = registerYearOf(now);
  const byYear = built.get(workingTime) ?? new Map<number, WorkCalendar>();
  built.set(workingTime, byYear);
  const cached = byYear.get(year);
  if (cached) return cached;
  const calendar = buildCalendar(workingTime, year);
  byYear.set(year, calendar);
  return calendar;
}

function buildCalendar(workingTime: Config['workingTime'], year: number): WorkCalendar {
  const periodsOf = (list: readonly string[]): WorkingPeriod[] => list.map((p) => {
    const [start, end] = p.split('-') as [string, string];
    return { start, end };
  });
  const week: Record<number, WorkingPeriod[]> = Object.fromEntries(workingTime.workdays.map((day) => [WEEKDAYS[day], periodsOf(workingTime.periods)]));
  for (const [day, list] of Object.entries(workingTime.byDay ?? {})) week[WEEKDAYS[day as keyof typeof WEEKDAYS]] = periodsOf(list ?? []);
  const holidays: string[] = [];
  for (let y = year - YEARS_BEFORE; y <= year + YEARS_AFTER; y++) {
    holidays.push(...(workingTime.holidays[String(y)] ?? defaultHolidays(y).map((h) => h.date)));
  }
  return new WorkCalendar({ week, holidays, workingDays: workingTime.workingDays });
}
