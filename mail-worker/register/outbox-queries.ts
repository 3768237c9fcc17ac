// Reading the outbox for people: what waits, what failed and why (dead letters), and sending a dead one again.
import type { Db } from './db.js';

export interface OutboxItem {
  id: number;
  entryId: number | null;
  kind: string;
  status: 'pending' | 'done' | 'dead';
  attempts: number;
  nextAttemptAt: string;
  lastError: string | null;
  createdAt: string;
  doneAt: string | null;
  payload: unknown;
}

interface Row { id: number; entry_id: number | null; kind: string; status: OutboxItem['status']; attempts: number; next_attempt_at: string; last_error: string | null; created_at: string; done_at: string | null; payload: string }

export class OutboxQueries {
  constructor(private readonly db: Db) {}

  list(status: OutboxItem['status'] | null, limit: number): OutboxItem[] {
    const rows = this.db.prepare(`SELECT * FROM outbox WHERE (@status IS NULL OR status = @status) ORDER BY id DESC LIMIT @limit`)
      .all({ status, limit }) as Row[];
    return rows.map((r) => ({
      id: r.id, entryId: r.entry_id, kind: r.kind, status: r.status, attempts: r.attempts, nextAttemptAt: r.next_attempt_at,
      lastError: r.last_error, createdAt: r.created_at, doneAt: r.done_at, payload: JSON.parse(r.payload) as unknown,
    }));
  }

  /** A dead (or waiting) row is tried again now, with its attempts counted from zero; false if there is no such row. */
  retry(id: number, now: Date): boolean {
    return this.db.prepare(`UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = ? WHERE id = ? AND status != 'done'`)
      .run(now.toISOString(), id).changes > 0;
  }
}
