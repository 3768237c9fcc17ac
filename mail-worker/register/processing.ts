// Processing status changes (who, when, why) and the deadline views: documents due soon and overdue.
import type { WorkCalendar } from '../domain/calendar/work-calendar.js';
import { EDXML_CODE, statusMoveError, type ProcessingStatus } from '../domain/processing/status.js';
import { vietnamDateOf } from '../domain/register-year.js';
import { VanthuError } from '../errors.js';
import type { Db } from './db.js';

export interface StatusChange {
  status: ProcessingStatus;
  edxmlCode: string;
  changedBy: string;
  changedAt: string;
  note: string | null;
}

/** An open entry with a deadline. */
export interface DueEntry {
  id: number;
  dueDate: string;
}

export class ProcessingStore {
  constructor(private readonly db: Db) {}

  /** Move an entry to a new processing status; E_BAD_REQUEST when the move is not allowed, null when no entry. */
  change(entryId: number, to: ProcessingStatus, by: string, note: string | null, now: Date): StatusChange | null {
    return this.db.transaction(() => {
      const row = this.db.prepare('SELECT processing_status FROM register_entries WHERE id = ?').get(entryId) as { processing_status: ProcessingStatus } | undefined;
      if (!row) return null;
      const error = statusMoveError(row.processing_status, to);
      if (error) throw new VanthuError('E_BAD_REQUEST', error);
      this.db.prepare('UPDATE register_entries SET processing_status = ? WHERE id = ?').run(to, entryId);
      return this.record(entryId, to, by, note, now);
    })();
  }

  /** Write a change to the history. (The commit writes the rules' assignment with its own prepared statements.) */
  record(entryId: number, status: ProcessingStatus, by: string, note: string | null, now: Date): StatusChange {
    this.db.prepare('INSERT INTO status_changes (entry_id, status, changed_by, changed_at, note) VALUES (?, ?, ?, ?, ?)')
      .run(entryId, status, by, now.toISOString(), note);
    return { status, edxmlCode: EDXML_CODE[status], changedBy: by, changedAt: now.toISOString(), note };
  }

  history(entryId: number): StatusChange[] {
    const rows = this.db.prepare('SELECT status, changed_by, changed_at, note FROM status_changes WHERE entry_id = ? ORDER BY id').all(entryId) as
      Array<{ status: ProcessingStatus; changed_by: string; changed_at: string; note: string | null }>;
    return rows.map((r) => ({ status: r.status, edxmlCode: EDXML_CODE[r.status], changedBy: r.changed_by, changedAt: r.changed_at, note: r.note }));
  }

  /** Open entries due from today to `days` working days ahead (soon), or due before today (overdue), at `now`. */
  due(when: 'soon' | 'overdue', now: Date, calendar: WorkCalendar, days: number): DueEntry[] {
    return when === 'overdue'
      ? this.dueBetween(null, vietnamDateOf(new Date(now.getTime() - 86_400_000)))
      : this.dueBetween(vietnamDateOf(now), calendar.addWorkingDays(now, days));
  }

  /** Open entries due on or before `until` (YYYY-MM-DD) and not before `from`. */
  dueBetween(from: string | null, until: string): DueEntry[] {
    const rows = this.db.prepare(`
      SELECT id, due_date FROM register_entries
      WHERE due_date IS NOT NULL AND due_date <= @until AND (@from IS NULL OR due_date >= @from)
        AND processing_status NOT IN ('done', 'rejected') AND status != 'failed'
      ORDER BY due_date, id`).all({ from, until }) as Array<{ id: number; due_date: string }>;
    return rows.map((r) => ({ id: r.id, dueDate: r.due_date }));
  }
}
