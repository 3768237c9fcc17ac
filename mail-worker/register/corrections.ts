// Clerks' corrections of register entries: applied in one transaction with their record (who, when, what), and
// kept as examples the classifier learns from.
import { tokensOf, type LearnedExample } from '../domain/classify/memory.js';
import { foldText } from '../domain/text.js';
import type { Category } from '../domain/types.js';
import type { Db } from './db.js';

/** The fields a clerk may correct, with their register columns. */
export const CORRECTABLE = {
  category: 'category', status: 'status', typeName: 'type_name', typeCode: 'type_code', codeNumber: 'code_number',
  codeNotation: 'code_notation', issuer: 'issuer', place: 'place', issuedDate: 'issued_date', documentSubject: 'document_subject',
  signerCompetence: 'signer_competence', signerPosition: 'signer_position', signerFullName: 'signer_full_name',
  urgency: 'urgency', confidentiality: 'confidentiality', dueDate: 'due_date', assignee: 'assignee', notes: 'notes',
} as const;
export type CorrectableField = keyof typeof CORRECTABLE;
export type Correction = Partial<Record<CorrectableField, string | null>>;

interface EntryForLearning {
  subject: string;
  body_text: string | null;
  from_address: string | null;
  category: Category;
  [column: string]: unknown;
}

export class CorrectionStore {
  constructor(private readonly db: Db) {}

  /**
   * Apply a correction; returns the fields that changed, or null when there is no such entry. Marking an entry
   * confidential quarantines it on the spot: its body text and search index entry are removed.
   */
  apply(entryId: number, correction: Correction, by: string, now: Date): Record<string, { from: unknown; to: unknown }> | null {
    return this.db.transaction(() => {
      const entry = this.db.prepare('SELECT * FROM register_entries WHERE id = ?').get(entryId) as EntryForLearning | undefined;
      if (!entry) return null;
      const changes: Record<string, { from: unknown; to: unknown }> = {};
      for (const [field, value] of Object.entries(correction) as Array<[CorrectableField, string | null]>) {
        const column = CORRECTABLE[field];
        if (entry[column] !== value) changes[field] = { from: entry[column], to: value };
      }
      if (Object.keys(changes).length === 0) return changes;
      const sets = Object.keys(changes).map((field) => `${CORRECTABLE[field as CorrectableField]} = @${field}`);
      const values = Object.fromEntries(Object.keys(changes).map((field) => [field, changes[field]!.to]));
      if (correction.confidentiality) {
        sets.push("status = 'quarantined'", 'body_text = NULL', 'document_subject = NULL', 'document_recipients = NULL');
        this.db.prepare('DELETE FROM entry_search WHERE rowid = ?').run(entryId);
      }
      this.db.prepare(`UPDATE register_entries SET ${sets.join(', ')} WHERE id = @id`).run({ ...values, id: entryId });
      const category = (correction.category ?? entry.category) as Category;
      const filenames = this.db.prepare(`
        SELECT a.filename FROM attachments a JOIN messages m ON m.id = a.message_row WHERE m.entry_id = ?`).pluck().all(entryId) as Array<string | null>;
      const tokens = correction.confidentiality || entry.status === 'quarantined'
        ? []
        : tokensOf({
          subject: entry.subject, body: entry.body_text ?? '', fromAddress: entry.from_address,
          attachments: filenames.map((filename) => ({ filename })),
        });
      this.db.prepare(`
        INSERT INTO corrections (entry_id, changed_by, changed_at, changes, category, sender, tokens)
        VALUES (?, ?, ?, ?, ?, ?, ?)`).run(
        entryId, by, now.toISOString(), JSON.stringify(changes), 'category' in changes ? category : null,
        entry.from_address ? foldText(entry.from_address) : null, JSON.stringify(tokens),
      );
      return changes;
    })();
  }

  /** Every entry whose category a clerk set, with its latest correction: what the classifier learns from. */
  examples(): LearnedExample[] {
    const rows = this.db.prepare(`
      SELECT c.entry_id, c.category, c.sender, c.tokens FROM corrections c
      WHERE c.category IS NOT NULL AND c.id = (SELECT max(id) FROM corrections WHERE entry_id = c.entry_id AND category IS NOT NULL)
      ORDER BY c.id`).all() as Array<{ entry_id: number; category: Category; sender: string | null; tokens: string }>;
    return rows
      .map((r) => ({ entryId: r.entry_id, category: r.category, sender: r.sender, tokens: JSON.parse(r.tokens) as string[] }))
      .filter((example) => example.tokens.length > 0);
  }

  /** The record of changes to one entry, oldest first. */
  history(entryId: number): Array<{ changedBy: string; changedAt: string; changes: Record<string, { from: unknown; to: unknown }> }> {
    const rows = this.db.prepare('SELECT changed_by, changed_at, changes FROM corrections WHERE entry_id = ? ORDER BY id').all(entryId) as
      Array<{ changed_by: string; changed_at: string; changes: string }>;
    return rows.map((r) => ({ changedBy: r.changed_by, changedAt: r.changed_at, changes: JSON.parse(r.changes) as Record<string, { from: unknown; to: unknown }> }));
  }
}
