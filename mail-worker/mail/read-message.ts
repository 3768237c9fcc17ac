// A raw message read for the register: parsed, and the text of every attachment vanthu can read.
import type { AttachmentContent, MessageContent } from '../domain/types.js';
import { attachmentType, mayHaveText } from './attachments/kind.js';
import type { AttachmentLimits } from './attachments/limits.js';
import { readAttachmentText } from './attachments/read-text.js';
import { parseMessage, type ParsedWithContent } from './parse.js';
import { isSignatureFile, verifyMessageSignatures } from '../signatures/message.js';
import type { TrustStore } from '../signatures/trust.js';

export interface ReadMessage {
  content: MessageContent;
  html: string;
}

/**
 * `limits` null: parse only, and say why no attachment text was read (the second try after attachments stalled
 * or killed the parser: the message is registered, a clerk reads the attachments). `trust` given: the message's
 * digital signatures are verified too (S/MIME, signed PDFs, .p7s next to their documents).
 */
export async function readMessage(raw: Buffer, limits: AttachmentLimits | null, trust: TrustStore | null = null): Promise<ReadMessage> {
  // Signature files (.p7s) are kept too when signatures are checked: they hold no text, but they sign a document.
  const signature = (filename: string | null, contentType: string) => trust !== null && isSignatureFile(filename, contentType);
  const parsed: ParsedWithContent = await parseMessage(raw, limits ? {
    wanted: (filename, contentType) => mayHaveText(filename, contentType) || signature(filename, contentType),
    stillWanted: (filename, contentType, head) => attachmentType(filename, contentType, head).format !== null || signature(filename, contentType),
    maxBytes: limits.maxBytes,
  } : null);
  const attachments: AttachmentContent[] = [];
  for (const [i, info] of parsed.message.attachments.entries()) {
    if (!limits) {
      info.textStatus = 'skipped';
      info.textReason = 'E_ATTACHMENT_TIMEOUT: attachment text not read (reading it stalled or stopped the parser)';
      attachments.push({ info, kind: info.kind ?? 'other', text: null, calendar: null });
      continue;
    }
    const read = await readAttachmentText(parsed.kept[i] ?? null, info.filename, info.contentType, info.size, limits);
    info.kind = read.kind;
    info.textStatus = read.status;
    info.textReason = read.code ? `${read.code}: ${read.reason}` : null;
    attachments.push({ info, kind: read.kind, text: read.text, calendar: read.calendar });
  }
  parsed.message.signatures = null;
  if (limits && trust) {
    const parts = parsed.message.attachments.map((a, i) => ({ filename: a.filename, contentType: a.contentType, bytes: parsed.kept[i] ?? null }));
    try {
      const found = await verifyMessageSignatures(raw, parts, trust, async (index) => {
        // A document a .p7s signs that is not a text format was not kept: read it again, alone.
        const target = parsed.message.attachments[index]!;
        const again = await parseMessage(raw, { wanted: (f, t) => f === target.filename && t === target.contentType, stillWanted: () => true, maxBytes: limits.maxBytes });
        return again.kept[index] ?? null;
      });
      parsed.message.signatures = found.message;
      for (const [index, results] of found.attachments) parsed.message.attachments[index]!.signatures = results;
    } catch {
      // Signatures not checked (null); the message is still registered, and a clerk can verify its files.
    }
  }
  return { content: { parsed: parsed.message, attachments }, html: parsed.html };
}
