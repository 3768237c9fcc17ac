// What an attachment is, from its first bytes first and its name and type second (names and types lie).
import type { AttachmentKind } from '../../domain/classify/input.js';

export type TextFormat = 'pdf' | 'docx' | 'doc' | 'xlsx' | 'xls' | 'ods' | 'odt' | 'txt' | 'ics';

export interface AttachmentType {
  kind: AttachmentKind;
  /** How its text is read, or null when vanthu reads no text from it. */
  format: TextFormat | null;
}

const BY_EXTENSION: Record<string, AttachmentType> = {
  pdf: { kind: 'pdf', format: 'pdf' },
  docx: { kind: 'word', format: 'docx' }, docm: { kind: 'word', format: 'docx' }, doc: { kind: 'word', format: 'doc' },
  odt: { kind: 'word', format: 'odt' }, rtf: { kind: 'word', format: null },
  xlsx: { kind: 'spreadsheet', format: 'xlsx' }, xlsm: { kind: 'spreadsheet', format: 'xlsx' }, xls: { kind: 'spreadsheet', format: 'xls' },
  ods: { kind: 'spreadsheet', format: 'ods' }, csv: { kind: 'spreadsheet', format: 'txt' },
  ppt: { kind: 'presentation', format: null }, pptx: { kind: 'presentation', format: null }, odp: { kind: 'presentation', format: null },
  txt: { kind: 'text', format: 'txt' }, ics: { kind: 'calendar', format: 'ics' }, vcs: { kind: 'calendar', format: 'ics' },
  jpg: { kind: 'image', format: null }, jpeg: { kind: 'image', format: null }, png: { kind: 'image', format: null },
  gif: { kind: 'image', format: null }, tif: { kind: 'image', format: null }, tiff: { kind: 'image', format: null },
  zip: { kind: 'archive', format: null }, rar: { kind: 'archive', format: null }, '7z': { kind: 'archive', format: null },
};

const BY_TYPE: Record<string, AttachmentType> = {
  'application/pdf': BY_EXTENSION.pdf!,
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': BY_EXTENSION.docx!,
  'application/msword': BY_EXTENSION.doc!,
  'application/vnd.oasis.opendocument.text': BY_EXTENSION.odt!,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': BY_EXTENSION.xlsx!,
  'application/vnd.ms-excel': BY_EXTENSION.xls!,
  'application/vnd.oasis.opendocument.spreadsheet': BY_EXTENSION.ods!,
  'text/plain': BY_EXTENSION.txt!, 'text/csv': BY_EXTENSION.csv!, 'text/calendar': BY_EXTENSION.ics!,
};

/** What the file name, else the declared MIME type, says the attachment is. */
function declaredType(filename: string | null, contentType: string): AttachmentType | null {
  return BY_EXTENSION[(filename ?? '').toLowerCase().split('.').pop() ?? ''] ?? BY_TYPE[contentType.toLowerCase().split(';')[0]!.trim()] ?? null;
}

/** Before the bytes are there: whether the name or type says vanthu may read text from it (kept for reading). */
export function mayHaveText(filename: string | null, contentType: string): boolean {
  const declared = declaredType(filename, contentType);
  return Boolean(declared?.format) || contentType.toLowerCase() === 'application/octet-stream';
}

export function attachmentType(filename: string | null, contentType: string, head: Uint8Array): AttachmentType {
  const declared = declaredType(filename, contentType);
  if (startsWith(head, '%PDF-')) return BY_EXTENSION.pdf!;
  if (startsWith(head, 'PK\u0003\u0004')) {
    // A ZIP: the name says which OOXML/ODF flavour; an unknown name stays an archive.
    if (declared && ['docx', 'xlsx', 'ods', 'odt'].includes(declared.format ?? '')) return declared;
    if (declared?.kind === 'presentation') return declared;
    return BY_EXTENSION.zip!;
  }
  if (head[0] === 0xd0 && head[1] === 0xcf && head[2] === 0x11 && head[3] === 0xe0) {
    // OLE compound file: Word 97 or Excel 97 (or an encrypted OOXML file, which the reader reports).
    return declared?.kind === 'spreadsheet' ? BY_EXTENSION.xls! : declared?.kind === 'presentation' ? declared : BY_EXTENSION.doc!;
  }
  if (declared && ['pdf', 'docx', 'xlsx', 'ods', 'odt', 'doc', 'xls'].includes(declared.format ?? '')) {
    // Named as a document but its bytes are not one: read nothing, say so.
    return { kind: declared.kind, format: null };
  }
  return declared ?? { kind: contentType.startsWith('image/') ? 'image' : 'other', format: null };
}

function startsWith(head: Uint8Array, magic: string): boolean {
  if (head.length < magic.length) return false;
  for (let i = 0; i < magic.length; i++) if (head[i] !== magic.charCodeAt(i)) return false;
  return true;
}
