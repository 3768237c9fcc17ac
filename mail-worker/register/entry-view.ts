// The register entry as the API and pages show it (edXML field names), built from a database row.
import { EDXML_CODE, type ProcessingStatus } from '../domain/processing/status.js';
import type { SignatureResult, SignatureSummary } from '../domain/signature.js';
import type { Category, Confidentiality, DocumentFields, EntryStatus, EvidenceItem, Meeting, Urgency } from '../domain/types.js';

/** A register entry: the incoming-register columns, and the document fields named as in edXML. */
export interface RegisterEntryView extends Omit<DocumentFields, 'subject'> {
  id: number;
  registerId: string;
  registerYear: number;
  incomingNumber: number;
  arrivalDate: string;
  messageId: string | null;
  mailboxes: string[];
  from: { name: string | null; address: string | null };
  sentDate: string | null;
  /** The e-mail's subject; the document's own trích yếu is `documentSubject`. */
  subject: string;
  category: Category;
  status: EntryStatus;
  statusReason: string | null;
  /** Processing (edXML 01-06): received, rejected, registered, assigned, processing, done. */
  processingStatus: ProcessingStatus;
  edxmlStatusCode: string;
  confidence: number | null;
  /** The strongest reasons behind the category. */
  evidence: EvidenceItem[];
  meeting: Meeting | null;
  documentSubject: string | null;
  assignee: string | null;
  notes: string | null;
  /** All its signatures in one word (valid, invalid, untrusted, ..., none); null: not checked. */
  signature: SignatureSummary | null;
  /** The message's own S/MIME signatures. */
  signatures: SignatureResult[];
  messages: Array<{ id: number; rawSha256: string; size: number; receivedAt: string; rawUrl: string }>;
  attachments: Array<{
    filename: string | null; contentType: string; size: number; sha256: string; kind: string | null; textStatus: string | null; textReason: string | null;
    signatures: SignatureResult[];
  }>;
}

export interface EntryRow {
  id: number;
  register_id: string;
  register_year: number;
  incoming_number: number;
  arrival_date: string;
  message_id: string | null;
  from_name: string | null;
  from_address: string | null;
  sent_date: string | null;
  subject: string;
  category: Category;
  status: EntryStatus;
  status_reason: string | null;
  confidence: number | null;
  type_name: string | null;
  type_code: string | null;
  code_number: string | null;
  code_notation: string | null;
  issuer: string | null;
  place: string | null;
  issued_date: string | null;
  document_subject: string | null;
  signer_competence: string | null;
  signer_position: string | null;
  signer_full_name: string | null;
  document_recipients: string | null;
  urgency: string | null;
  confidentiality: string | null;
  due_date: string | null;
  assignee: string | null;
  notes: string | null;
  mailboxes: string | null;
  messages: string | null;
  evidence: string | null;
  meeting: string | null;
  attachments: string | null;
  processing_status: ProcessingStatus;
  signature: SignatureSummary | null;
}

export function toEntryView(row: EntryRow): RegisterEntryView {
  const signer =
    row.signer_competence || row.signer_position || row.signer_full_name
      ? { competence: row.signer_competence, position: row.signer_position, fullName: row.signer_full_name }
      : null;
  const messageRows = JSON.parse(row.messages ?? '[]') as Array<[number, string, number, string, SignatureResult[] | null]>;
  const messages = messageRows.map(([id, rawSha256, size, receivedAt]) => ({ id, rawSha256, size, receivedAt, rawUrl: `/api/messages/${id}/raw` }));
  return {
    id: row.id,
    registerId: row.register_id,
    registerYear: row.register_year,
    incomingNumber: row.incoming_number,
    arrivalDate: row.arrival_date,
    messageId: row.message_id,
    mailboxes: row.mailboxes ? [...new Set(row.mailboxes.split('\u001f'))].sort() : [],
    from: { name: row.from_name, address: row.from_address },
    sentDate: row.sent_date,
    subject: row.subject,
    category: row.category,
    status: row.status,
    statusReason: row.status_reason,
    processingStatus: row.processing_status,
    edxmlStatusCode: EDXML_CODE[row.processing_status] ?? '03',
    confidence: row.confidence,
    evidence: row.evidence ? (JSON.parse(row.evidence) as EvidenceItem[]) : [],
    meeting: row.meeting ? (JSON.parse(row.meeting) as Meeting) : null,
    typeName: row.type_name,
    typeCode: row.type_code,
    codeNumber: row.code_number,
    codeNotation: row.code_notation,
    issuer: row.issuer,
    place: row.place,
    issuedDate: row.issued_date,
    documentSubject: row.document_subject,
    signer,
    recipients: row.document_recipients ? (JSON.parse(row.document_recipients) as string[]) : null,
    urgency: row.urgency as Urgency | null,
    confidentiality: row.confidentiality as Confidentiality | null,
    dueDate: row.due_date,
    assignee: row.assignee,
    notes: row.notes,
    signature: row.signature,
    signatures: messageRows.find((m) => m[4])?.[4] ?? [],
    messages,
    attachments: (JSON.parse(row.attachments ?? '[]') as Array<[string | null, string, number, string, string | null, string | null, string | null, SignatureResult[] | null]>).map(
      ([filename, contentType, size, sha256, kind, textStatus, textReason, signatures]) => ({ filename, contentType, size, sha256, kind, textStatus, textReason, signatures: signatures ?? [] }),
    ),
  };
}
