// Text out of one attachment, whatever its format, within the limits; never throws: the outcome says what happened.
import type { AttachmentKind } from '../../domain/classify/input.js';
import type { CalendarData } from './calendar.js';
import { attachmentType, type TextFormat } from './kind.js';
import { decodeText, repairLegacy } from './legacy.js';
import { AttachmentTextError, type AttachmentLimits, type AttachmentTextCode } from './limits.js';
import { checkZip } from './zip-check.js';

// The readers load their libraries (pdfjs, SheetJS, mammoth, ...) the first time a file of their kind arrives:
// most mail never needs most of them, and a parser worker starts faster without them.

export type TextStatus = 'read' | 'none' | 'skipped' | 'failed';

export interface AttachmentText {
  kind: AttachmentKind;
  /** read: text below; none: not a format vanthu reads; skipped: over a limit; failed: see code and reason. */
  status: TextStatus;
  code: AttachmentTextCode | null;
  reason: string | null;
  text: string | null;
  calendar: CalendarData | null;
}

export async function readAttachmentText(
  bytes: Buffer | null, filename: string | null, contentType: string, size: number, limits: AttachmentLimits,
): Promise<AttachmentText> {
  const head = bytes ? bytes.subarray(0, 8) : new Uint8Array();
  const { kind, format } = attachmentType(filename, contentType, head);
  const outcome = { kind, code: null, reason: null, text: null, calendar: null };
  if (!format) return { ...outcome, status: 'none' };
  if (!bytes || size > limits.maxBytes) {
    return { ...outcome, status: 'skipped', code: 'E_ATTACHMENT_TOO_LARGE', reason: `${size} bytes, text is read up to ${limits.maxBytes}` };
  }
  try {
    const read = await readFormat(format, bytes, limits, Date.now() + limits.timeoutMs);
    const text = repairLegacy(read.text.normalize('NFC')).slice(0, limits.maxChars);
    return { ...outcome, status: 'read', text, calendar: read.calendar };
  } catch (err) {
    if (err instanceof AttachmentTextError) return { ...outcome, status: 'failed', code: err.code, reason: err.message };
    return { ...outcome, status: 'failed', code: 'E_ATTACHMENT_CORRUPT', reason: (err as Error).message ?? String(err) };
  }
}

async function readFormat(format: TextFormat, bytes: Buffer, limits: AttachmentLimits, deadline: number): Promise<{ text: string; calendar: CalendarData | null }> {
  const zipLimits = { maxEntries: 5000, maxTotalBytes: limits.maxUnpackedBytes, maxRatio: 300 };
  switch (format) {
    case 'pdf': {
      const { readPdf } = await import('./pdf.js');
      const pdf = await readPdf(bytes, limits, deadline);
      return { text: pdf.text, calendar: null };
    }
    case 'docx':
      await checkZip(bytes, zipLimits);
      return { text: await (await import('./word.js')).readDocx(bytes), calendar: null };
    case 'doc':
      return { text: await (await import('./word.js')).readDoc(bytes), calendar: null };
    case 'xlsx':
    case 'ods':
      await checkZip(bytes, zipLimits);
      return { text: (await import('./sheet.js')).readSheet(bytes), calendar: null };
    case 'xls':
      return { text: (await import('./sheet.js')).readSheet(bytes), calendar: null };
    case 'odt':
      await checkZip(bytes, zipLimits);
      return { text: (await import('./odt.js')).readOdt(bytes, limits.maxUnpackedBytes), calendar: null };
    case 'ics': {
      const calendar = (await import('./calendar.js')).readCalendar(decodeText(bytes));
      return { text: calendar.text, calendar };
    }
    case 'txt':
      return { text: decodeText(bytes), calendar: null };
  }
}
