// Processing status changes (who, when, why) and the deadline views: documents due soon and overdue.
import { EDXML_CODE, statusMoveError, type ProcessingStatus } from '../domain/processing/status.js';
import { VanthuError } from '../errors.js';
import type { Db } from './db.js';

export interface StatusChange {
  status: ProcessingStatus;
  edxmlCode: string;
  changedBy: string;
  changedAt: string;
  note: string | null;
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

  /** Write a change to the history (also used by the commit when rules assign). */
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

  /** Ids of open entries due on or before `until` (YYYY-MM-DD) and not before `from`; overdue: before `today`. */
  dueBetween(from: string | null, until: string): number[] {
    return this.db.prepare(`
      SELECT id FROM register_entries
      WHERE due_date IS NOT NULL AND due_date <= @until AND (@from IS NULL OR due_date >= @from)
        AND processing_status NOT IN ('done', 'rejected') AND status != 'failed'
      ORDER BY due_date, id`).pluck().all({ from, until }) as number[];
  }
}
