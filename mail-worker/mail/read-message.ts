// A raw message read for the register: parsed, and the text of every attachment vanthu can read.
import type { AttachmentContent, MessageContent } from '../domain/types.js';
import { attachmentType, mayHaveText } from './attachments/kind.js';
import type { AttachmentLimits } from './attachments/limits.js';
import { readAttachmentText } from './attachments/read-text.js';
import { parseMessage, type ParsedWithContent } from './parse.js';

export interface ReadMessage {
  content: MessageContent;
  html: string;
}

/**
 * `limits` null: parse only, and say why no attachment text was read (the second try after attachments stalled
 * or killed the parser: the message is registered, a clerk reads the attachments).
 */
export async function readMessage(raw: Buffer, limits: AttachmentLimits | null): Promise<ReadMessage> {
  const parsed: ParsedWithContent = await parseMessage(raw, limits ? {
    wanted: mayHaveText,
    stillWanted: (filename, contentType, head) => attachmentType(filename, contentType, head).format !== null,
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
  return { content: { parsed: parsed.message, attachments }, html: parsed.html };
}
