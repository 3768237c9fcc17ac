// What the classifier looks at: a message reduced to its subject, body, sender, attachments and thread.
import type { Category, DocumentFields, EvidenceItem } from '../types.js';
import { toPlain } from '../text.js';

export const ATTACHMENT_KINDS = ['pdf', 'word', 'spreadsheet', 'presentation', 'text', 'calendar', 'image', 'archive', 'other'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

export interface AttachmentForClassification {
  filename: string | null;
  kind: AttachmentKind;
  /** Extracted text (NFC), or null when none could be read. */
  text: string | null;
  /** The document header read from that text, when it has one. */
  document: DocumentFields | null;
}

export interface MessageForClassification {
  subject: string;
  body: string;
  fromAddress: string | null;
  attachments: AttachmentForClassification[];
  /** METHOD of an iCalendar part (REQUEST, CANCEL, REPLY), or null. */
  calendarMethod: string | null;
  /** The message answers another (In-Reply-To, or a Re:/TL: subject). */
  isReply: boolean;
  /** The category of the registered message it answers, when known. */
  parentCategory: Category | null;
  /** The document read from the body (invitations are often written in the mail itself). */
  bodyDocument: DocumentFields | null;
}

export type Evidence = EvidenceItem;

/** A message answers another when it names it (In-Reply-To) or its subject says so ("Re:", "TL:", "Trả lời:"). */
export function isReplyTo(inReplyTo: string | null, subject: string): boolean {
  return Boolean(inReplyTo) || /^\s*(re|tl|trả lời|tra loi)\s*:/i.test(subject);
}

/** A forward says so in its subject ("Fwd:", "FW:", "Chuyển tiếp:"). */
export function isForwardSubject(subject: string): boolean {
  return /^\s*(fwd?|chuyen tiep|ct)\s*:/i.test(toPlain(subject));
}

export interface Classification {
  category: Category;
  /** Share of the evidence weight that went to the winning category (0..1, softmax over categories). */
  confidence: number;
  evidence: Evidence[];
}
