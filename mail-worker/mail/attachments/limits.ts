// Limits on reading attachment text, and the error every reader throws when one is hit or a file is bad.
import type { ErrorCode } from '../../errors.js';

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

/** The attachment codes of the error table (errors.ts). */
export type AttachmentTextCode = Extract<ErrorCode, `E_ATTACHMENT_${string}` | 'E_NO_TEXT_LAYER'>;

export class AttachmentTextError extends Error {
  readonly code: AttachmentTextCode;

  constructor(code: AttachmentTextCode, message: string) {
    super(message);
    this.code = code;
    this.name = 'AttachmentTextError';
  }
}
