// Default days off of a year for state agencies (Bộ luật Lao động 2019, Điều 112): 1/1, Tết Nguyên đán (5 days: the
// last day of the lunar year and the first four of the new), Giỗ Tổ Hùng Vương (10/3 lunar), 30/4, 1/5, 2/9 and a day
// next to it. The government publishes the exact days and swapped Saturdays each year: admins edit the table.
import { fromJulianDay, julianDay, lunarToSolar, type SolarDate } from './lunar.js';

export interface Holiday {
  date: string; // YYYY-MM-DD
  name: string;
}

const iso = ({ year, month, day }: SolarDate) => `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
const addDays = (date: SolarDate, days: number) => fromJulianDay(julianDay(date) + days);
/** 0 = Sunday ... 6 = Saturday. */
const weekday = (date: SolarDate) => (julianDay(date) + 1) % 7;

export function defaultHolidays(year: number): Holiday[] {
  const tet = lunarToSolar(1, 1, year)!;
  const gioTo = lunarToSolar(10, 3, year)!;
  const nationalDay = { year, month: 9, day: 2 };
  const fixed: Holiday[] = [
    { date: `${year}-01-01`, name: 'Tết Dương lịch' },
    { date: iso(gioTo), name: 'Giỗ Tổ Hùng Vương (10/3 âm lịch)' },
    { date: `${year}-04-30`, name: 'Ngày Chiến thắng' },
    { date: `${year}-05-01`, name: 'Ngày Quốc tế lao động' },
    { date: iso(nationalDay), name: 'Quốc khánh' },
    { date: iso(nationalDayNeighbour(nationalDay)), name: 'Quốc khánh (ngày liền kề)' },
  ];
  const tetDays: Holiday[] = [-1, 0, 1, 2, 3].map((offset) => ({
    date: iso(addDays(tet, offset)), name: offset < 0 ? 'Tết Nguyên đán (30 Tết)' : `Tết Nguyên đán (mùng ${offset + 1})`,
  }));
  const all = [...fixed, ...tetDays];
  return [...all, ...compensatoryDays(fixed, new Set(all.map((h) => h.date)))].sort((a, b) => a.date.localeCompare(b.date));
}

/** The day next to 2/9: Monday 1/9 when 2/9 is a Tuesday (a four-day break, as in 2025), otherwise 3/9. */
function nationalDayNeighbour(nationalDay: SolarDate): SolarDate {
  return addDays(nationalDay, weekday(nationalDay) === 2 ? -1 : 1);
}

/** A fixed holiday on a Saturday or Sunday is taken on the next working day (nghỉ bù). */
function compensatoryDays(fixed: Holiday[], taken: Set<string>): Holiday[] {
  const out: Holiday[] = [];
  for (const holiday of fixed) {
    const [y, m, d] = holiday.date.split('-').map(Number) as [number, number, number];
    const date = { year: y, month: m, day: d };
    if (weekday(date) !== 0 && weekday(date) !== 6) continue;
    let next = addDays(date, 1);
    while (weekday(next) === 0 || weekday(next) === 6 || taken.has(iso(next))) next = addDays(next, 1);
    taken.add(iso(next));
    out.push({ date: iso(next), name: `Nghỉ bù ${holiday.name}` });
  }
  return out;
}
