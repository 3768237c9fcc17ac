// Decides how a message enters the register: its category (with confidence and evidence), its status, the
// document it carries and, for an invitation, the meeting. Confidential documents are quarantined here.
import { classifyMessage } from './classify/classify.js';
import { isReplyTo, type AttachmentForClassification, type AttachmentKind } from './classify/input.js';
import { CorrectionMemory } from './classify/memory.js';
import { extractDocument, type ExtractedDocument } from './document/extract.js';
import { findConfidentiality, findUrgency } from './document/marks.js';
import { findMeeting } from './document/meeting.js';
import {
  EMPTY_DOCUMENT, type AttachmentContent, type Category, type Confidentiality, type DocumentFields, type Meeting,
  type MessageContent, type Registration,
} from './types.js';

export interface RegistrationOptions {
  /** Below this confidence an entry is `needs_review`. */
  reviewThreshold: number;
  /** What clerks taught through corrections. */
  memory?: CorrectionMemory;
  /** The year (Vietnam time) the message arrived: deadlines written without a year belong to it. */
  referenceYear: number;
  /** The category of the registered message this one answers, when known. */
  parentCategory?: Category | null;
}

/** Attachment kinds whose text can carry an administrative document's header. */
const DOCUMENT_KINDS = new Set(['pdf', 'word', 'text']);
const CONFIDENTIALITY_RANK: Record<Confidentiality, number> = { mat: 1, toi_mat: 2, tuyet_mat: 3 };
const CONFIDENTIALITY_LABEL: Record<Confidentiality, string> = { mat: 'Mật', toi_mat: 'Tối mật', tuyet_mat: 'Tuyệt mật' };

export function registrationFor(content: MessageContent, options: RegistrationOptions): Registration {
  const { parsed } = content;
  const year = options.referenceYear;
  const body = extractDocument(parsed.text, { referenceYear: year });
  const read = content.attachments.map((a) => ({
    attachment: a,
    extracted: a.text && DOCUMENT_KINDS.has(a.kind) ? extractDocument(a.text, { referenceYear: year }) : null,
  }));
  const main = read.find((r) => r.extracted && isDocument(r.extracted.fields))?.extracted ?? (isDocument(body.fields) ? body : null);
  const document: DocumentFields = main ? { ...main.fields } : { ...EMPTY_DOCUMENT };
  document.urgency ??= findUrgency(parsed.subject);
  document.dueDate ??= body.fields.dueDate;
  const confidentiality = strongest([
    document.confidentiality, body.fields.confidentiality, findConfidentiality(parsed.subject),
    ...read.map((r) => r.extracted?.fields.confidentiality ?? null),
  ]);
  document.confidentiality = confidentiality;

  const calendar = content.attachments.find((a) => a.calendar)?.calendar ?? null;
  const classification = classifyMessage({
    subject: parsed.subject,
    body: parsed.text,
    fromAddress: parsed.from[0]?.address ?? null,
    attachments: read.map(({ attachment, extracted }) => forClassifier(attachment, extracted)),
    calendarMethod: calendar?.method ?? null,
    isReply: isReplyTo(parsed.inReplyTo, parsed.subject),
    parentCategory: options.parentCategory ?? null,
    bodyDocument: isDocument(body.fields) ? body.fields : null,
  }, options.memory);

  const meeting = classification.category === 'meeting_invitation' ? meetingOf(calendar, main ?? body, year) : null;
  const base = { category: classification.category, confidence: classification.confidence, evidence: classification.evidence };
  if (confidentiality) {
    // Classified mail is not ordinary mail: keep who, what number and when; keep no text of it anywhere.
    return {
      ...base, status: 'quarantined', meeting: null,
      statusReason: `E_CONFIDENTIAL: the document is marked "${CONFIDENTIALITY_LABEL[confidentiality]}"`,
      document: { ...document, subject: null, recipients: null, signer: null },
    };
  }
  const unread = content.attachments.find((a) => a.info.textStatus === 'failed' || a.info.textStatus === 'skipped');
  let status: Registration['status'] = 'registered';
  let statusReason: string | null = null;
  if (!main && unread?.info.textReason) {
    // The document is in an attachment vanthu could not read: a clerk must read it, whatever the guess.
    status = 'needs_review';
    statusReason = `${unread.info.textReason} (${unread.info.filename ?? 'attachment'})`;
  } else if (classification.confidence < options.reviewThreshold) {
    status = 'needs_review';
    statusReason = `E_LOW_CONFIDENCE: ${Math.round(classification.confidence * 100)}% sure it is ${classification.category}`;
  }
  return { ...base, status, statusReason, document, meeting };
}

/** A message that could not be read still enters the register, with the reason, so nothing is dropped. */
export function failedRegistration(code: string, reason: string): Registration {
  return {
    category: 'other', status: 'failed', statusReason: `${code}: ${reason}`, document: { ...EMPTY_DOCUMENT },
    confidence: null, evidence: [], meeting: null,
  };
}

function isDocument(fields: DocumentFields): boolean {
  return Boolean(fields.codeNotation || (fields.typeName && (fields.issuer || fields.issuedDate)));
}

function strongest(values: Array<Confidentiality | null>): Confidentiality | null {
  let best: Confidentiality | null = null;
  for (const value of values) if (value && (!best || CONFIDENTIALITY_RANK[value] > CONFIDENTIALITY_RANK[best])) best = value;
  return best;
}

function forClassifier(attachment: AttachmentContent, extracted: ExtractedDocument | null): AttachmentForClassification {
  return {
    filename: attachment.info.filename,
    kind: attachment.kind as AttachmentKind,
    text: attachment.text,
    document: extracted && isDocument(extracted.fields) ? extracted.fields : null,
  };
}

function meetingOf(calendar: AttachmentContent['calendar'], source: ExtractedDocument, year: number): Meeting | null {
  const event = calendar?.events[0];
  const written = findMeeting(source.prepared, source.headerEnd, year);
  if (!event) return written;
  return {
    start: event.start ?? written?.start ?? null, end: event.end ?? written?.end ?? null,
    location: event.location ?? written?.location ?? null, chair: written?.chair ?? null,
    participants: written?.participants.length ? written.participants : event.attendees,
  };
}
