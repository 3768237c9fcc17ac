// The Vietnamese lunar calendar (âm lịch) at UTC+7: new moons and the sun's longitude from Meeus's astronomical
// formulas, months counted from the one holding the winter solstice, a leap month where a year has 13. It differs
// from the Chinese calendar (UTC+8) in some years, so holidays must be computed here, not taken from a Chinese table.

/** Vietnam's time zone, in hours east of UTC. */
const VIETNAM_TZ = 7;
const SYNODIC_MONTH = 29.530588853;
/** Julian day of the new moon of 1900-01-01, the count's origin. */
const NEW_MOON_EPOCH = 2415021.076998695;
const DEG = Math.PI / 180;

export interface SolarDate {
  year: number;
  month: number;
  day: number;
}

/** Julian day number of a Gregorian date. */
export function julianDay({ year, month, day }: SolarDate): number {
  const a = Math.floor((14 - month) / 12);
  const y = year + 4800 - a;
  const m = month + 12 * a - 3;
  return day + Math.floor((153 * m + 2) / 5) + 365 * y + Math.floor(y / 4) - Math.floor(y / 100) + Math.floor(y / 400) - 32045;
}

/** The Gregorian date of a Julian day number. */
export function fromJulianDay(jd: number): SolarDate {
  const a = jd + 32044;
  const b = Math.floor((4 * a + 3) / 146097);
  const c = a - Math.floor((146097 * b) / 4);
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  return {
    day: e - Math.floor((153 * m + 2) / 5) + 1,
    month: m + 3 - 12 * Math.floor(m / 10),
    year: 100 * b + d - 4800 + Math.floor(m / 10),
  };
}

/** The local day (Julian day number) of the k-th new moon after 1900-01-01 (Meeus, Astronomical Algorithms, ch. 49). */
function newMoonDay(k: number, tz: number): number {
  const t = k / 1236.85;
  const t2 = t * t;
  const t3 = t2 * t;
  let jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
  jd += 0.00033 * Math.sin((166.56 + 132.87 * t - 0.009173 * t2) * DEG);
  const sunAnomaly = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3;
  const moonAnomaly = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3;
  const latitude = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3;
  const correction =
    (0.1734 - 0.000393 * t) * Math.sin(sunAnomaly * DEG) + 0.0021 * Math.sin(2 * sunAnomaly * DEG)
    - 0.4068 * Math.sin(moonAnomaly * DEG) + 0.0161 * Math.sin(2 * moonAnomaly * DEG) - 0.0004 * Math.sin(3 * moonAnomaly * DEG)
    + 0.0104 * Math.sin(2 * latitude * DEG) - 0.0051 * Math.sin((sunAnomaly + moonAnomaly) * DEG)
    - 0.0074 * Math.sin((sunAnomaly - moonAnomaly) * DEG) + 0.0004 * Math.sin((2 * latitude + sunAnomaly) * DEG)
    - 0.0004 * Math.sin((2 * latitude - sunAnomaly) * DEG) - 0.0006 * Math.sin((2 * latitude + moonAnomaly) * DEG)
    + 0.001 * Math.sin((2 * latitude - moonAnomaly) * DEG) + 0.0005 * Math.sin((2 * moonAnomaly + sunAnomaly) * DEG);
  const deltaT = t < -11
    ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
    : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return Math.floor(jd + correction - deltaT + 0.5 + tz / 24);
}

/** Which of the 12 thirty-degree sectors the sun's longitude is in at the start of a local day (0 = 0°-30°). */
function sunSector(jdn: number, tz: number): number {
  const t = (jdn - 2451545.5 - tz / 24) / 36525;
  const t2 = t * t;
  const anomaly = 357.5291 + 35999.0503 * t - 0.0001559 * t2 - 0.00000048 * t * t2;
  const meanLongitude = 280.46645 + 36000.76983 * t + 0.0003032 * t2;
  const center = (1.9146 - 0.004817 * t - 0.000014 * t2) * Math.sin(anomaly * DEG)
    + (0.019993 - 0.000101 * t) * Math.sin(2 * anomaly * DEG) + 0.00029 * Math.sin(3 * anomaly * DEG);
  let longitude = (meanLongitude + center) * DEG;
  longitude -= 2 * Math.PI * Math.floor(longitude / (2 * Math.PI));
  return Math.floor((longitude / Math.PI) * 6);
}

/** The first day of the lunar month 11 (the month of the winter solstice) of a Gregorian year. */
function month11Start(year: number, tz: number): number {
  const k = Math.floor((julianDay({ year, month: 12, day: 31 }) - 2415021) / SYNODIC_MONTH);
  const start = newMoonDay(k, tz);
  return sunSector(start, tz) >= 9 ? newMoonDay(k - 1, tz) : start;
}

/** In a 13-month year, how many months after month 11 the leap month comes (the first month with no solar term). */
function leapMonthOffset(month11: number, tz: number): number {
  const k = Math.floor((month11 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let sector = sunSector(newMoonDay(k + i, tz), tz);
  let last: number;
  do {
    last = sector;
    i++;
    sector = sunSector(newMoonDay(k + i, tz), tz);
  } while (sector !== last && i < 14);
  return i - 1;
}

/** The Gregorian date of a lunar date (day, month 1-12, lunar year, leap month or not); null if no such leap month. */
export function lunarToSolar(day: number, month: number, year: number, leap = false, tz = VIETNAM_TZ): SolarDate | null {
  const [a11, b11] = month < 11
    ? [month11Start(year - 1, tz), month11Start(year, tz)]
    : [month11Start(year, tz), month11Start(year + 1, tz)];
  const k = Math.floor(0.5 + (a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let offset = (month - 11 + 12) % 12;
  if (b11 - a11 > 365) {
    const leapOffset = leapMonthOffset(a11, tz);
    const leapMonth = (leapOffset - 2 + 12) % 12;
    if (leap && month !== leapMonth) return null;
    if (leap || offset >= leapOffset) offset += 1;
  } else if (leap) {
    return null;
  }
  return fromJulianDay(newMoonDay(k + offset, tz) + day - 1);
}
