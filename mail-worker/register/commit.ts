// Exactly-once registration: message row, register entry (with số đến), location and checkpoint in ONE transaction.
import { registerYearOf } from '../domain/register-year.js';
import type { PlannedAction } from '../domain/rules/evaluate.js';
import { messageSignatureSummary } from '../domain/signature.js';
import type { MessageLocation, ParsedMessage, Registration } from '../domain/types.js';
import type { Db } from './db.js';

export interface CommitInput {
  rawSha256: string;
  size: number;
  /** The raw bytes, when they are kept in the register rather than in the blob store. */
  rawInline: Buffer | null;
  location: MessageLocation;
  /** Message-ID + content hash: the same message seen twice has the same key. */
  dedupeKey: string;
  /** Message-ID + identity-header hash: shared by every copy, parsed or not. */
  identityKey: string;
  messageId: string | null;
  parsed: ParsedMessage | null;
  registration: Registration;
  /** Folded text for the search index (computed off the main thread); empty for quarantined mail. */
  searchText: string;
  /** What the routing rules decided: written with the entry, in its transaction (assignee, due date, outbox rows). */
  actions?: readonly PlannedAction[];
}

export interface CommitResult {
  outcome: 'registered' | 'duplicate';
  entryId: number;
  incomingNumber: number;
  registerYear: number;
}

/** Prepared statements for committing; one instance per database connection. */
export class RegisterWriter {
  readonly #db: Db;
  readonly #registerId: string;
  readonly #securityOfficer: string | null;
  readonly #stmts;

  /** `securityOfficer`: who the alert for a confidential document goes to (classification.securityOfficer). */
  constructor(db: Db, registerId: string, securityOfficer: string | null = null) {
    this.#db = db;
    this.#registerId = registerId;
    this.#securityOfficer = securityOfficer;
    this.#stmts = {
      setAssignee: db.prepare('UPDATE register_entries SET assignee = ? WHERE id = ?'),
      setDueDate: db.prepare('UPDATE register_entries SET due_date = ? WHERE id = ?'),
      setProcessing: db.prepare('UPDATE register_entries SET processing_status = ? WHERE id = ?'),
      setReviewStatus: db.prepare(`UPDATE register_entries SET status = ?, status_reason = coalesce(status_reason, ?) WHERE id = ? AND status IN ('registered', 'needs_review')`),
      insertStatusChange: db.prepare('INSERT INTO status_changes (entry_id, status, changed_by, changed_at, note) VALUES (?, ?, ?, ?, ?)'),
      insertOutbox: db.prepare(`
        INSERT OR IGNORE INTO outbox (entry_id, kind, payload, idempotency_key, next_attempt_at, created_at)
        VALUES (?, ?, ?, ?, ?, ?)`),
      messageByRaw: db.prepare('SELECT m.id, m.entry_id FROM messages m WHERE m.raw_sha256 = ?'),
      entryByKey: db.prepare('SELECT id, incoming_number, register_year FROM register_entries WHERE dedupe_key = ?'),
      // A copy that could not be read joins any entry of the same message; a readable copy joins a failed entry.
      entryByIdentity: db.prepare(`
        SELECT id FROM register_entries WHERE identity_key = @identityKey AND (@failed OR status = 'failed')
        ORDER BY id LIMIT 1`),
      entryById: db.prepare('SELECT incoming_number, register_year FROM register_entries WHERE id = ?'),
      nextNumber: db.prepare(`
        INSERT INTO register_counters (register_id, register_year, last_number) VALUES (?, ?, 1)
        ON CONFLICT (register_id, register_year) DO UPDATE SET last_number = last_number + 1
        RETURNING last_number`),
      insertEntry: db.prepare(`
        INSERT INTO register_entries (
          register_id, register_year, incoming_number, arrival_date, dedupe_key, identity_key, message_id, from_name, from_address,
          sent_date, subject, category, status, status_reason, type_name, type_code, code_number, code_notation, issuer,
          place, issued_date, document_subject, signer_competence, signer_position, signer_full_name,
          document_recipients, urgency, confidentiality, due_date, body_text, confidence, evidence, meeting, signature, created_at)
        VALUES (
          @registerId, @registerYear, @incomingNumber, @arrivalDate, @dedupeKey, @identityKey, @messageId, @fromName, @fromAddress,
          @sentDate, @subject, @category, @status, @statusReason, @typeName, @typeCode, @codeNumber, @codeNotation,
          @issuer, @place, @issuedDate, @documentSubject, @signerCompetence, @signerPosition, @signerFullName,
          @documentRecipients, @urgency, @confidentiality, @dueDate, @bodyText, @confidence, @evidence, @meeting, @signature, @arrivalDate)`),
      insertMessage: db.prepare('INSERT INTO messages (entry_id, raw_sha256, size, received_at, raw_inline, signatures) VALUES (?, ?, ?, ?, ?, ?)'),
      insertAttachment: db.prepare(
        'INSERT INTO attachments (message_row, filename, content_type, size, sha256, kind, text_status, text_reason, signatures) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      insertLocation: db.prepare(`
        INSERT OR IGNORE INTO message_locations (message_row, source, mailbox_id, folder, uid_validity, uid, seen_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)`),
      insertSearch: db.prepare('INSERT INTO entry_search (rowid, folded) VALUES (?, ?)'),
      advanceCheckpoint: db.prepare(`
        INSERT INTO checkpoints (mailbox_id, folder, uid_validity, last_uid, updated_at) VALUES (?, ?, ?, ?, ?)
        ON CONFLICT (mailbox_id, folder) DO UPDATE SET last_uid = max(last_uid, excluded.last_uid),
          updated_at = excluded.updated_at
        WHERE uid_validity = excluded.uid_validity`),
    };
  }

  /**
   * Commit several messages in one transaction (a group commit); each is registered exactly once. The commit is
   * flushed to disk before this returns (synchronous = FULL), so a số đến once shown is never rolled back by a
   * power loss and handed to another message; grouping keeps that to one flush for many messages.
   */
  commitAll(inputs: readonly CommitInput[], now: Date): CommitResult[] {
    return this.#db.transaction(() => inputs.map((input) => this.#commitOne(input, now))).immediate();
  }

  #commitOne(input: CommitInput, now: Date): CommitResult {
    const iso = now.toISOString();
    const sameRaw = this.#stmts.messageByRaw.get(input.rawSha256) as { id: number; entry_id: number } | undefined;
    if (sameRaw) {
      this.#recordLocation(sameRaw.id, input.location, now);
      return this.#duplicateOf(sameRaw.entry_id);
    }
    const sameMessage = (this.#stmts.entryByKey.get(input.dedupeKey) ??
      this.#stmts.entryByIdentity.get({ identityKey: input.identityKey, failed: input.registration.status === 'failed' ? 1 : 0 })) as
      | { id: number }
      | undefined;
    if (sameMessage) {
      const row = this.#insertMessage(sameMessage.id, input, iso);
      this.#recordLocation(row, input.location, now);
      return this.#duplicateOf(sameMessage.id);
    }
    const registerYear = registerYearOf(now);
    const { last_number: incomingNumber } = this.#stmts.nextNumber.get(this.#registerId, registerYear) as {
      last_number: number;
    };
    const entryId = Number(this.#stmts.insertEntry.run(entryRow(input, this.#registerId, registerYear, incomingNumber, iso)).lastInsertRowid);
    const row = this.#insertMessage(entryId, input, iso);
    this.#recordLocation(row, input.location, now);
    if (input.registration.status !== 'quarantined' && input.searchText) this.#stmts.insertSearch.run(entryId, input.searchText);
    if (input.registration.status === 'quarantined') this.#alertSecurityOfficer(entryId, incomingNumber, registerYear, input, iso);
    if (input.actions?.length) this.#applyActions(entryId, input.actions, iso);
    return { outcome: 'registered', entryId, incomingNumber, registerYear };
  }

  /**
   * Assignment and due date are columns of the entry (the first rule that sets one wins: rules are in priority
   * order); every other action is an outbox row with an idempotency key, carried out by the dispatcher.
   */
  #applyActions(entryId: number, actions: readonly PlannedAction[], iso: string): void {
    let assigned = false;
    let dated = false;
    actions.forEach((planned, i) => {
      const { action } = planned;
      if ('assign' in action) {
        if (!assigned) {
          const { unit, lead, support } = action.assign;
          const who = [lead ? `${unit} (${lead})` : unit, ...(support?.length ? [`phối hợp: ${support.join(', ')}`] : [])].join('; ');
          this.#stmts.setAssignee.run(who, entryId);
          this.#setProcessing(entryId, 'assigned', planned.rule, iso);
        }
        assigned = true;
        return;
      }
      if ('status' in action) {
        if (action.status === 'assigned' || action.status === 'processing') this.#setProcessing(entryId, action.status, planned.rule, iso);
        else this.#stmts.setReviewStatus.run(action.status, `set by rule "${planned.rule}"`, entryId);
        return;
      }
      if ('due' in action) {
        if (!dated && planned.dueDate) this.#stmts.setDueDate.run(planned.dueDate, entryId);
        dated = true;
        return;
      }
      const kind = Object.keys(action)[0]!;
      const payload = { entryId, rule: planned.rule, ...action };
      this.#stmts.insertOutbox.run(entryId, kind, JSON.stringify(payload), `rule:${entryId}:${i}:${kind}`, iso, iso);
    });
  }

  #setProcessing(entryId: number, status: 'assigned' | 'processing', rule: string, iso: string): void {
    this.#stmts.setProcessing.run(status, entryId);
    this.#stmts.insertStatusChange.run(entryId, status, 'rules', iso, `rule "${rule}"`);
  }

  /** The alert joins the entry's transaction: a confidential document is never registered without it. */
  #alertSecurityOfficer(entryId: number, incomingNumber: number, registerYear: number, input: CommitInput, iso: string): void {
    const doc = input.registration.document;
    const payload = {
      to: this.#securityOfficer, entryId, incomingNumber, registerYear, confidentiality: doc.confidentiality,
      codeNumber: doc.codeNumber, codeNotation: doc.codeNotation, issuer: doc.issuer, issuedDate: doc.issuedDate,
      from: input.parsed?.from[0]?.address ?? null, mailbox: input.location.mailboxId, reason: input.registration.statusReason,
    };
    this.#stmts.insertOutbox.run(entryId, 'security_alert', JSON.stringify(payload), `security_alert:${entryId}`, iso, iso);
  }

  #insertMessage(entryId: number, input: CommitInput, iso: string): number {
    const smime = input.parsed?.signatures?.length ? JSON.stringify(input.parsed.signatures) : null;
    const row = Number(this.#stmts.insertMessage.run(entryId, input.rawSha256, input.size, iso, input.rawInline, smime).lastInsertRowid);
    for (const a of input.parsed?.attachments ?? []) {
      const signatures = a.signatures?.length ? JSON.stringify(a.signatures) : null;
      this.#stmts.insertAttachment.run(row, a.filename, a.contentType, a.size, a.sha256, a.kind ?? null, a.textStatus ?? null, a.textReason ?? null, signatures);
    }
    return row;
  }

  #recordLocation(messageRow: number, location: MessageLocation, now: Date): void {
    const iso = now.toISOString();
    this.#stmts.insertLocation.run(
      messageRow, location.source, location.mailboxId, location.folder, location.uidValidity, location.uid, iso,
    );
    if (location.source === 'imap' && location.folder !== null && location.uidValidity !== null && location.uid !== null) {
      this.#stmts.advanceCheckpoint.run(location.mailboxId, location.folder, location.uidValidity, location.uid, iso);
    }
  }

  #duplicateOf(entryId: number): CommitResult {
    const entry = this.#stmts.entryById.get(entryId) as { incoming_number: number; register_year: number };
    return { outcome: 'duplicate', entryId, incomingNumber: entry.incoming_number, registerYear: entry.register_year };
  }
}

function entryRow(input: CommitInput, registerId: string, registerYear: number, incomingNumber: number, iso: string) {
  const { parsed, registration } = input;
  const doc = registration.document;
  const from = parsed?.from[0];
  return {
    registerId, registerYear, incomingNumber, arrivalDate: iso, dedupeKey: input.dedupeKey, identityKey: input.identityKey,
    messageId: input.messageId,
    fromName: from?.name || null, fromAddress: from?.address || null, sentDate: parsed?.date ?? null,
    subject: parsed?.subject ?? '', category: registration.category, status: registration.status,
    statusReason: registration.statusReason, typeName: doc.typeName, typeCode: doc.typeCode,
    codeNumber: doc.codeNumber, codeNotation: doc.codeNotation, issuer: doc.issuer, place: doc.place,
    issuedDate: doc.issuedDate, documentSubject: doc.subject, signerCompetence: doc.signer?.competence ?? null,
    signerPosition: doc.signer?.position ?? null, signerFullName: doc.signer?.fullName ?? null,
    documentRecipients: doc.recipients ? JSON.stringify(doc.recipients) : null, urgency: doc.urgency,
    confidentiality: doc.confidentiality, dueDate: doc.dueDate,
    bodyText: registration.status === 'quarantined' ? null : parsed?.text ?? null,
    confidence: registration.confidence,
    evidence: registration.evidence.length > 0 ? JSON.stringify(registration.evidence) : null,
    meeting: registration.meeting ? JSON.stringify(registration.meeting) : null,
    signature: parsed ? messageSignatureSummary(parsed) : null,
  };
}
