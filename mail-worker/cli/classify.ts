// `vanthu classify FILE...`: how vanthu reads a message or a document, without registering anything. Admins use it
// to check their mail before they write routing rules.
import path from 'node:path';
import { registerYearOf } from '../domain/register-year.js';
import { numberAndNotation } from '../domain/document/vocabulary.js';
import { registrationFor } from '../domain/registration.js';
import type { MessageContent, Registration } from '../domain/types.js';
import { readInputFile } from '../input-file.js';
import { DEFAULT_ATTACHMENT_LIMITS } from '../mail/attachments/limits.js';
import { readAttachmentText } from '../mail/attachments/read-text.js';
import { looksLikeMessage } from '../mail/fingerprint.js';
import { readMessage } from '../mail/read-message.js';

export interface ClassifyResult {
  file: string;
  category: Registration['category'];
  confidence: number | null;
  status: Registration['status'];
  statusReason: string | null;
  evidence: Registration['evidence'];
  document: Registration['document'];
  meeting: Registration['meeting'];
}

export async function classifyFile(file: string, reviewThreshold: number, now = new Date()): Promise<ClassifyResult> {
  const bytes = readInputFile(file);
  const content = path.extname(file).toLowerCase() === '.eml' || looksLikeMessage(bytes)
    ? (await readMessage(bytes, DEFAULT_ATTACHMENT_LIMITS)).content
    : await documentAsMessage(file, bytes);
  const registration = registrationFor(content, { reviewThreshold, referenceYear: registerYearOf(now) });
  const { category, confidence, status, statusReason, evidence, document, meeting } = registration;
  return { file, category, confidence, status, statusReason, evidence, document, meeting };
}

/** A lone document is read as a message whose only content is that attachment. */
async function documentAsMessage(file: string, bytes: Buffer): Promise<MessageContent> {
  const filename = path.basename(file);
  const read = await readAttachmentText(bytes, filename, 'application/octet-stream', bytes.length, DEFAULT_ATTACHMENT_LIMITS);
  const info = {
    filename, contentType: 'application/octet-stream', size: bytes.length, sha256: '', kind: read.kind, textStatus: read.status,
    textReason: read.code ? `${read.code}: ${read.reason}` : null,
  };
  return {
    parsed: { messageId: null, inReplyTo: null, references: [], date: null, from: [], to: [], cc: [], subject: '', text: '', hasHtml: false, attachments: [info] },
    attachments: [{ info, kind: read.kind, text: read.text, calendar: read.calendar }],
  };
}

const FIELD_LABELS: Array<[string, (r: ClassifyResult) => string | null]> = [
  ['Loại văn bản / type', (r) => r.document.typeName],
  ['Số, ký hiệu / number', (r) => numberAndNotation(r.document) || null],
  ['Tác giả / issuer', (r) => r.document.issuer],
  ['Nơi, ngày / place, date', (r) => [r.document.place, r.document.issuedDate].filter(Boolean).join(', ') || null],
  ['Trích yếu / subject', (r) => r.document.subject],
  ['Người ký / signer', (r) => [r.document.signer?.position, r.document.signer?.fullName].filter(Boolean).join(' ') || null],
  ['Độ khẩn / urgency', (r) => r.document.urgency],
  ['Độ mật / confidentiality', (r) => r.document.confidentiality],
  ['Hạn xử lý / due', (r) => r.document.dueDate],
  ['Họp / meeting', (r) => (r.meeting ? [r.meeting.start, r.meeting.location].filter(Boolean).join(' — ') : null)],
];

export function formatClassifyResult(r: ClassifyResult): string {
  const lines = [`${r.file}`, `  ${r.category} (${r.confidence === null ? '—' : `${Math.round(r.confidence * 100)}%`}), ${r.status}${r.statusReason ? `: ${r.statusReason}` : ''}`];
  for (const [label, value] of FIELD_LABELS) {
    const v = value(r);
    if (v) lines.push(`  ${label.padEnd(26)} ${v}`);
  }
  if (r.evidence.length > 0) lines.push(`  Căn cứ / evidence: ${r.evidence.slice(0, 4).map((e) => `${e.category} +${e.weight} (${e.source}: ${e.detail})`).join('; ')}`);
  return lines.join('\n');
}
