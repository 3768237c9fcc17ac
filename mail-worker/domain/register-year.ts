// Số đến restarts on 1 January in Vietnam's time zone (UTC+7, no daylight saving), whatever the server's zone.

/** Vietnam is UTC+7 all year. */
export const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The register year an arrival belongs to. */
export function registerYearOf(arrival: Date): number {
  return new Date(arrival.getTime() + VIETNAM_OFFSET_MS).getUTCFullYear();
}

/** The calendar date (YYYY-MM-DD) of an instant in Vietnam. */
export function vietnamDateOf(instant: Date): string {
  return new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** An instant as ISO 8601 with the +07:00 offset, as documents and the register show it. */
export function vietnamIsoOf(instant: Date): string {
  return new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString().replace('Z', '+07:00');
}

/** The same to the second, as a stamp or a meeting time shows it: 2026-03-15T08:00:00+07:00. */
export function vietnamIsoSecondsOf(instant: Date): string {
  return `${new Date(instant.getTime() + VIETNAM_OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}
