// The register's vocabulary: entries, categories, statuses and document fields named as in edXML (QCVN 102:2016).
import type { SignatureResult } from './signature.js';

export const CATEGORIES = [
  'meeting_invitation', 'meeting_material', 'report', 'announcement', 'draft_for_comment', 'feedback',
  'statistics', 'official_document', 'schedule', 'directive_info', 'other',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** Entry status. `failed` and `needs_review` keep the raw message for a clerk; `quarantined` is for classified mail. */
export const ENTRY_STATUSES = ['registered', 'needs_review', 'failed', 'quarantined'] as const;
export type EntryStatus = (typeof ENTRY_STATUSES)[number];

export type Urgency = 'khan' | 'thuong_khan' | 'hoa_toc';
export type Confidentiality = 'mat' | 'toi_mat' | 'tuyet_mat';

export interface SignerInfo {
  competence: string | null;
  position: string | null;
  fullName: string | null;
}

/** Metadata of the document a message carries (filled by the extractor; null when not found). */
export interface DocumentFields {
  typeName: string | null;
  typeCode: string | null;
  codeNumber: string | null;
  codeNotation: string | null;
  issuer: string | null;
  place: string | null;
  issuedDate: string | null; // YYYY-MM-DD
  subject: string | null; // trích yếu
  signer: SignerInfo | null;
  recipients: string[] | null;
  urgency: Urgency | null;
  confidentiality: Confidentiality | null;
  dueDate: string | null; // YYYY-MM-DD
}

/** A meeting an invitation calls, in Vietnam time (ISO 8601 with +07:00). */
export interface Meeting {
  start: string | null;
  end: string | null;
  location: string | null;
  chair: string | null;
  participants: string[];
}

export const EMPTY_DOCUMENT: Readonly<DocumentFields> = Object.freeze({
  typeName: null, typeCode: null, codeNumber: null, codeNotation: null, issuer: null, place: null,
  issuedDate: null, subject: null, signer: null, recipients: null, urgency: null, confidentiality: null, dueDate: null,
});

export interface AddressInfo {
  name: string;
  address: string;
}

export type TextStatus = 'read' | 'none' | 'skipped' | 'failed';

export interface AttachmentInfo {
  filename: string | null;
  contentType: string;
  size: number;
  sha256: string;
  /** pdf, word, spreadsheet, ... (see AttachmentKind). */
  kind?: string;
  /** Whether its text was read: read, none (not a text format), skipped (over a limit), failed. */
  textStatus?: TextStatus | null;
  /** Why not, with its code ("E_NO_TEXT_LAYER: ..."). */
  textReason?: string | null;
  /** Its digital signatures (a signed PDF, or the document a .p7s next to it signs); absent or empty: none found. */
  signatures?: SignatureResult[];
}

/** An iCalendar event, times in Vietnam time. */
export interface CalendarEventInfo {
  summary: string | null;
  start: string | null;
  end: string | null;
  location: string | null;
  organizer: string | null;
  attendees: string[];
}

/** One attachment as the classifier and the extractor see it. */
export interface AttachmentContent {
  info: AttachmentInfo;
  kind: string;
  text: string | null;
  calendar: { method: string | null; events: CalendarEventInfo[] } | null;
}

/** A parsed message and what its attachments say: the domain's whole input for one message. */
export interface MessageContent {
  parsed: ParsedMessage;
  attachments: AttachmentContent[];
}

/** One reason behind a category, with its weight: shown to clerks as the classification's evidence. */
export interface EvidenceItem {
  category: Category;
  weight: number;
  source: string;
  detail: string;
}

/** What the parser tells about a message, in our own words (no mailparser types leak past the adapter). */
export interface ParsedMessage {
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  date: string | null; // ISO 8601
  from: AddressInfo[];
  to: AddressInfo[];
  cc: AddressInfo[];
  subject: string;
  text: string;
  hasHtml: boolean;
  attachments: AttachmentInfo[];
  /** S/MIME signatures of the message itself; null: not checked (attachments were not read). */
  signatures?: SignatureResult[] | null;
}

/** Where a copy of a message was found. */
export interface MessageLocation {
  source: 'imap' | 'smtp' | 'import';
  mailboxId: string; // config mailbox id, `smtp` or `import`
  folder: string | null;
  uidValidity: number | null;
  uid: number | null;
}

/** What the domain decides about a message before it is committed. */
export interface Registration {
  category: Category;
  status: EntryStatus;
  statusReason: string | null;
  document: DocumentFields;
  /** 0..1, or null when nothing was classified (a message that could not be read). */
  confidence: number | null;
  evidence: EvidenceItem[];
  meeting: Meeting | null;
}
