// The mailparser adapter: raw bytes in, our ParsedMessage out; skips the work nobody reads (text-to-HTML, links, inlined images).
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { nfc } from '../domain/text.js';
import type { AddressInfo, AttachmentInfo, ParsedMessage } from '../domain/types.js';

/** Body text kept for search and classification; longer bodies are cut (the raw message keeps everything). */
export const MAX_BODY_TEXT = 1_000_000;

export interface ParsedWithContent {
  message: ParsedMessage;
  /** The full HTML body (not kept in ParsedMessage), for the fingerprint. */
  html: string;
}

export async function parseMessage(raw: Buffer): Promise<ParsedWithContent> {
  const mail = await simpleParser(raw, {
    skipTextToHtml: true,
    skipImageLinks: true,
    skipTextLinks: true,
    keepCidLinks: true,
    checksumAlgo: 'sha256',
  } as Parameters<typeof simpleParser>[1]);
  return toParsedMessage(mail);
}

function toParsedMessage(mail: ParsedMail): ParsedWithContent {
  const attachments: AttachmentInfo[] = [];
  for (const part of mail.attachments) {
    attachments.push({
      filename: part.filename ? nfc(part.filename) : null,
      contentType: part.contentType,
      size: part.size,
      sha256: part.checksum,
    });
  }
  const references = mail.references === undefined ? [] : Array.isArray(mail.references) ? mail.references : [mail.references];
  return {
    message: {
      messageId: stripBrackets(mail.messageId),
      inReplyTo: stripBrackets(mail.inReplyTo),
      references: references.map((r) => stripBrackets(r) ?? r),
      date: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date.toISOString() : null,
      from: addresses(mail.from),
      to: addresses(mail.to),
      cc: addresses(mail.cc),
      subject: nfc(mail.subject ?? ''),
      text: nfc((mail.text ?? '').slice(0, MAX_BODY_TEXT)),
      hasHtml: typeof mail.html === 'string',
      attachments,
    },
    html: typeof mail.html === 'string' ? mail.html : '',
  };
}

function stripBrackets(id: string | undefined): string | null {
  if (!id) return null;
  return /<([^<>]+)>/.exec(id)?.[1] ?? id.trim();
}

function addresses(field: AddressObject | AddressObject[] | undefined): AddressInfo[] {
  if (!field) return [];
  const list = Array.isArray(field) ? field : [field];
  const out: AddressInfo[] = [];
  const walk = (entries: AddressObject['value']): void => {
    for (const entry of entries) {
      if (entry.group) walk(entry.group);
      else out.push({ name: nfc(entry.name ?? ''), address: (entry.address ?? '').toLowerCase() });
    }
  };
  for (const item of list) walk(item.value);
  return out;
}
