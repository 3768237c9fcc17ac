// Working time of an agency in Vietnam time: working periods per weekday (e.g. 7:30–11:30 and 13:30–17:00), days
// off, and swapped working days. Deadlines in working hours and working days are computed on it. Pure: instants in,
// instants out.
import { VIETNAM_OFFSET_MS } from '../register-year.js';

export interface WorkingPeriod {
  start: string; // HH:MM
  end: string;
}

export interface WorkCalendarConfig {
  /** Working periods per weekday, 0 = Sunday ... 6 = Saturday; a day without periods is not a working day. */
  week: Readonly<Record<number, readonly WorkingPeriod[]>>;
  /** Days off (YYYY-MM-DD), holidays and compensatory days. */
  holidays: readonly string[];
  /** Days normally off that are worked (a Saturday swapped for a day off next to a holiday). */
  workingDays: readonly string[];
}

const OFFICE_DAY: readonly WorkingPeriod[] = [{ start: '07:30', end: '11:30' }, { start: '13:30', end: '17:00' }];
export const DEFAULT_WEEK: WorkCalendarConfig['week'] = { 1: OFFICE_DAY, 2: OFFICE_DAY, 3: OFFICE_DAY, 4: OFFICE_DAY, 5: OFFICE_DAY };

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** A deadline search gives up after this many days (a calendar with no working time at all). */
const MAX_DAYS = 3660;

export class WorkCalendar {
  readonly #week: Map<number, Array<[number, number]>>;
  readonly #holidays: Set<string>;
  readonly #workingDays: Set<string>;

  constructor(config: WorkCalendarConfig) {
    this.#week = new Map(Object.entries(config.week).map(([day, periods]) => [Number(day), periods.map(minutesOf)]));
    this.#holidays = new Set(config.holidays);
    this.#workingDays = new Set(config.workingDays);
  }

  /** Whether a local date (YYYY-MM-DD) is a working day. */
  isWorkingDay(date: string): boolean {
    return this.#periodsOn(dayNumberOf(date)).length > 0;
  }

  /** The instant `hours` working hours after `from` (time outside working periods does not count). */
  addWorkingHours(from: Date, hours: number): Date {
    let remaining = Math.round(hours * 60);
    let day = localDayOf(from);
    let minute = Math.floor(((from.getTime() + VIETNAM_OFFSET_MS) % DAY_MS) / MINUTE_MS);
    for (let i = 0; i < MAX_DAYS; i++, day++, minute = 0) {
      for (const [start, end] of this.#periodsOn(day)) {
        const begin = Math.max(start, minute);
        if (begin >= end) continue;
        if (remaining <= end - begin) return instantOf(day, begin + remaining);
        remaining -= end - begin;
      }
    }
    throw new Error('the working calendar has no working time in the next ten years');
  }

  /**
   * The local date `days` working days after the day of `from` (the arrival day itself does not count): a document
   * that arrives on Friday with 2 working days is due on Tuesday.
   */
  addWorkingDays(from: Date, days: number): string {
    let day = localDayOf(from);
    let left = days;
    for (let i = 0; i < MAX_DAYS && left > 0; i++) {
      day++;
      if (this.#periodsOn(day).length > 0) left--;
    }
    return dateOf(day);
  }

  /** Working minutes between two instants (0 if `to` is not after `from`). */
  workingMinutesBetween(from: Date, to: Date): number {
    let total = 0;
    const last = localDayOf(to);
    for (let day = localDayOf(from); day <= last; day++) {
      for (const [start, end] of this.#periodsOn(day)) {
        const a = Math.max(instantOf(day, start).getTime(), from.getTime());
        const b = Math.min(instantOf(day, end).getTime(), to.getTime());
        if (b > a) total += (b - a) / MINUTE_MS;
      }
    }
    return Math.round(total);
  }

  /** Whether an instant falls inside working hours. */
  isWorkingTime(at: Date): boolean {
    const local = at.getTime() + VIETNAM_OFFSET_MS;
    const minute = Math.floor((local % DAY_MS) / MINUTE_MS);
    return this.#periodsOn(Math.floor(local / DAY_MS)).some(([start, end]) => minute >= start && minute < end);
  }

  #periodsOn(day: number): Array<[number, number]> {
    const date = dateOf(day);
    if (this.#holidays.has(date)) return [];
    const periods = this.#week.get((day + 4) % 7) ?? [];
    if (periods.length === 0 && this.#workingDays.has(date)) return this.#week.get(1) ?? [];
    return periods;
  }
}

function minutesOf(period: WorkingPeriod): [number, number] {
  const toMinutes = (hhmm: string) => {
    const [h, m] = hhmm.split(':').map(Number) as [number, number];
    return h * 60 + m;
  };
  return [toMinutes(period.start), toMinutes(period.end)];
}

/** Days since 1970-01-01 of the Vietnam date of an instant. */
function localDayOf(instant: Date): number {
  return Math.floor((instant.getTime() + VIETNAM_OFFSET_MS) / DAY_MS);
}

/** Days since 1970-01-01 of a YYYY-MM-DD date. */
function dayNumberOf(date: string): number {
  return Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY_MS);
}

function dateOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

function instantOf(day: number, minute: number): Date {
  return new Date(day * DAY_MS + minute * MINUTE_MS - VIETNAM_OFFSET_MS);
}
