// Time-driven outbox rows: reminders before and after due dates, and the leader's daily summary. Each is written at
// most once (its idempotency key names the entry, the kind and the date), however often the schedule runs.
import type { Config } from '../config/load.js';
import type { WorkCalendar } from '../domain/calendar/work-calendar.js';
import { vietnamDateOf, vietnamIsoSecondsOf } from '../domain/register-year.js';
import type { Db } from '../register/db.js';
import type { ProcessingStore } from '../register/processing.js';

export interface ScheduleDeps {
  db: Db;
  processing: ProcessingStore;
  routing: Config['routing'];
  calendar: (now: Date) => WorkCalendar;
}

/** Write the reminders and the summary that are due at `now`; returns how many rows were added. */
export function scheduleDue(deps: ScheduleDeps, now: Date): number {
  const insert = deps.db.prepare(`
    INSERT OR IGNORE INTO outbox (entry_id, kind, payload, idempotency_key, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?)`);
  const iso = now.toISOString();
  const today = vietnamDateOf(now);
  let added = 0;
  const { reminders, dailySummary } = deps.routing;
  const calendar = deps.calendar(now);
  if (reminders) {
    for (const when of ['soon', 'overdue'] as const) {
      for (const { id: entryId, dueDate: due } of deps.processing.due(when, now, calendar, reminders.beforeWorkingDays)) {
        const payload = JSON.stringify({ entryId, when, dueDate: due, to: reminders.to });
        added += insert.run(entryId, 'reminder', payload, `reminder:${when}:${entryId}:${due}`, iso, iso).changes;
      }
    }
  }
  if (dailySummary && calendar.isWorkingDay(today) && localTime(now) >= dailySummary.at) {
    const payload = JSON.stringify({ date: today, to: dailySummary.to });
    added += insert.run(null, 'daily_summary', payload, `daily_summary:${today}`, iso, iso).changes;
  }
  return added;
}

function localTime(now: Date): string {
  return vietnamIsoSecondsOf(now).slice(11, 16);
}
