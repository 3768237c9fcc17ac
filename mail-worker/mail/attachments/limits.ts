// Limits on reading attachment text, and the error every reader throws when one is hit or a file is bad.

export interface AttachmentLimits {
  /** Larger attachments are kept (in the raw message) but not read. */
  maxBytes: number;
  /** Pages of a PDF read; text after them is not read. */
  maxPages: number;
  /** Unpacked size of a ZIP container or of a PDF's compressed streams. */
  maxUnpackedBytes: number;
  /** Characters of text kept per attachment. */
  maxChars: number;
  /** Time for one attachment; PDF pages are checked against it as they are read. */
  timeoutMs: number;
}

export const DEFAULT_ATTACHMENT_LIMITS: AttachmentLimits = {
  maxBytes: 30 * 1024 * 1024,
  maxPages: 100,
  maxUnpackedBytes: 150 * 1024 * 1024,
  maxChars: 500_000,
  timeoutMs: 15_000,
};

export const ATTACHMENT_TEXT_CODES = {
  E_ATTACHMENT_TOO_LARGE: 'Attachment larger than the size read for text',
  E_ATTACHMENT_BOMB: 'Attachment unpacks to far more than it weighs (a decompression bomb)',
  E_ATTACHMENT_ENCRYPTED: 'Attachment is encrypted or password protected',
  E_ATTACHMENT_CORRUPT: 'Attachment is damaged or not what its name says',
  E_ATTACHMENT_TIMEOUT: 'Reading the attachment took longer than allowed',
  E_NO_TEXT_LAYER: 'PDF has no text layer (a scan): a clerk must read it',
} as const;
export type AttachmentTextCode = keyof typeof ATTACHMENT_TEXT_CODES;

export class AttachmentTextError extends Error {
  readonly code: AttachmentTextCode;

  constructor(code: AttachmentTextCode, message: string) {
    super(message);
    this.code = code;
    this.name = 'AttachmentTextError';
  }
}
