// Reading the register: latest entries, search, one entry, a message's raw bytes, checkpoints.
import { foldText } from '../domain/text.js';
import type { Checkpoint } from '../domain/mailbox-sync.js';
import type { Db } from './db.js';
import { toEntryView, type EntryRow, type RegisterEntryView } from './entry-view.js';

const ENTRY_SELECT = `
  SELECT e.*,
    (SELECT group_concat(l.mailbox_id, char(31)) FROM messages m JOIN message_locations l ON l.message_row = m.id
      WHERE m.entry_id = e.id) AS mailboxes,
    (SELECT json_group_array(json_array(m.id, m.raw_sha256, m.size, m.received_at, json(m.signatures))) FROM messages m
      WHERE m.entry_id = e.id) AS messages,
    (SELECT json_group_array(json_array(a.filename, a.content_type, a.size, a.sha256, a.kind, a.text_status, a.text_reason, json(a.signatures)))
      FROM attachments a JOIN messages m ON m.id = a.message_row WHERE m.entry_id = e.id) AS attachments
  FROM register_entries e`;

export interface ListQuery {
  limit: number;
  offset: number;
  q?: string | undefined;
}

export class RegisterQueries {
  /** Prepared once: asked for every message of a re-read folder or a re-import. */
  readonly #hasRaw;

  constructor(private readonly db: Db) {
    this.#hasRaw = db.prepare('SELECT 1 FROM messages WHERE raw_sha256 = ?').pluck();
  }

  list(query: ListQuery): { items: RegisterEntryView[]; total: number } {
    const match = query.q ? ftsQuery(query.q) : null;
    if (query.q && !match) return { items: [], total: 0 };
    const where = match ? 'WHERE e.id IN (SELECT rowid FROM entry_search WHERE entry_search MATCH @match)' : '';
    const params = { match, limit: query.limit, offset: query.offset };
    const rows = this.db
      .prepare(`${ENTRY_SELECT} ${where} ORDER BY e.register_year DESC, e.incoming_number DESC LIMIT @limit OFFSET @offset`)
      .all(match ? params : { limit: query.limit, offset: query.offset }) as EntryRow[];
    const total = (
      this.db.prepare(`SELECT count(*) AS n FROM register_entries e ${where}`).get(match ? { match } : {}) as { n: number }
    ).n;
    return { items: rows.map(toEntryView), total };
  }

  get(id: number): RegisterEntryView | null {
    const row = this.db.prepare(`${ENTRY_SELECT} WHERE e.id = ?`).get(id) as EntryRow | undefined;
    return row ? toEntryView(row) : null;
  }

  /** Entries by id in the order given, in one query (ids not found are left out). */
  getMany(ids: readonly number[]): RegisterEntryView[] {
    if (ids.length === 0) return [];
    const rows = this.db.prepare(`${ENTRY_SELECT} WHERE e.id IN (SELECT value FROM json_each(?))`).all(JSON.stringify(ids)) as EntryRow[];
    const byId = new Map(rows.map((row) => [row.id, toEntryView(row)]));
    return ids.flatMap((id) => byId.get(id) ?? []);
  }

  /** Entries that arrived at or after `since` (ISO instant), oldest first; quarantined ones are not shown. */
  arrivedSince(since: string): RegisterEntryView[] {
    const rows = this.db.prepare(`${ENTRY_SELECT} WHERE e.arrival_date >= ? AND e.status != 'quarantined' ORDER BY e.id`).all(since) as EntryRow[];
    return rows.map(toEntryView);
  }

  /** Where a message's raw bytes are: inline in the register, or in the blob store under their digest. */
  rawOf(messageRow: number): { sha256: string; size: number; inline: Buffer | null } | null {
    const row = this.db.prepare('SELECT raw_sha256, size, raw_inline FROM messages WHERE id = ?').get(messageRow) as
      | { raw_sha256: string; size: number; raw_inline: Buffer | null }
      | undefined;
    return row ? { sha256: row.raw_sha256, size: row.size, inline: row.raw_inline } : null;
  }

  /** The stored body text of an entry (none for quarantined entries). */
  bodyText(id: number): string | null {
    const row = this.db.prepare('SELECT body_text FROM register_entries WHERE id = ?').get(id) as { body_text: string | null } | undefined;
    return row?.body_text ?? null;
  }

  /** Whether a raw message with this digest is registered already. */
  hasRaw(sha256: string): boolean {
    return this.#hasRaw.get(sha256) !== undefined;
  }

  checkpoint(mailboxId: string, folder: string): Checkpoint | null {
    const row = this.db
      .prepare('SELECT uid_validity, last_uid FROM checkpoints WHERE mailbox_id = ? AND folder = ?')
      .get(mailboxId, folder) as { uid_validity: number; last_uid: number } | undefined;
    return row ? { uidValidity: row.uid_validity, lastUid: row.last_uid } : null;
  }

  /** The folder was renumbered (UIDVALIDITY changed): start again from UID 0; dedupe keeps the register clean. */
  resetCheckpoint(mailboxId: string, folder: string, uidValidity: number, now: Date): void {
    this.db
      .prepare(`
        INSERT INTO checkpoints (mailbox_id, folder, uid_validity, last_uid, updated_at) VALUES (?, ?, ?, 0, ?)
        ON CONFLICT (mailbox_id, folder) DO UPDATE SET uid_validity = excluded.uid_validity, last_uid = 0,
          updated_at = excluded.updated_at`)
      .run(mailboxId, folder, uidValidity, now.toISOString());
  }

  counts(): { entries: number; failed: number } {
    return this.db
      .prepare(`SELECT count(*) AS entries, coalesce(sum(status = 'failed'), 0) AS failed FROM register_entries`)
      .get() as { entries: number; failed: number };
  }
}

/** A user's words as an FTS5 query: every folded word must appear, as a word prefix. */
export function ftsQuery(q: string): string | null {
  const words = foldText(q).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  if (words.length === 0) return null;
  return words.map((word) => `"${word}"*`).join(' AND ');
}
