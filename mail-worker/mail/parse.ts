// The mailparser adapter: raw bytes in, our ParsedMessage out. It skips the work nobody reads: no text-to-HTML, no
// links, no inlined images; attachment bytes are only hashed on their way through, and large base64 ones are
// decoded natively beside mailparser (set-aside.ts) instead of line by line inside it.
import { MailParser, type AddressObject } from 'mailparser';
import type { Readable } from 'node:stream';
import { nfc } from '../domain/text.js';
import { decodeSetAside, SET_ASIDE_HEADER, setAsideIndex, setAsideLargeBodies, type SetAside } from './set-aside.js';
import type { AddressInfo, AttachmentInfo, ParsedMessage } from '../domain/types.js';

/** How much of a set-aside attachment `stillWanted` is shown. */
const HEAD_BYTES = 64 * 1024;

/** Body text kept for search and classification; longer bodies are cut (the raw message keeps everything). */
export const MAX_BODY_TEXT = 1_000_000;

const OPTIONS = {
  skipTextToHtml: true,
  skipImageLinks: true,
  skipTextLinks: true,
  checksumAlgo: 'sha256',
};

export interface ParsedWithContent {
  message: ParsedMessage;
  /** The full HTML body (not kept in ParsedMessage), for the fingerprint. */
  html: string;
  /** Bytes of the attachments `keep` asked for, by position in `message.attachments` (null: not kept). */
  kept: Array<Buffer | null>;
}

/** Which attachments to keep the bytes of (to read their text), and up to what size. */
export interface KeepAttachments {
  wanted: (filename: string | null, contentType: string) => boolean;
  /** Asked with the first bytes: whether they look like something whose text can be read (else they are dropped). */
  stillWanted: (filename: string | null, contentType: string, head: Buffer) => boolean;
  maxBytes: number;
}

interface AttachmentPart {
  content: Readable;
  contentType: string;
  filename?: string;
  checksum?: string;
  size?: number;
  release: (() => void) | null;
}

export async function parseMessage(raw: Buffer, keep: KeepAttachments | null = null): Promise<ParsedWithContent> {
  const setAside = setAsideLargeBodies(raw);
  // Null (or an error, such as a header block grown past mailsplit's limit by the marker): the whole message is
  // parsed instead, as mailparser alone would.
  const light = setAside ? await parseWith(raw, setAside, keep).catch(() => null) : null;
  return light ?? (await parseWith(raw, null, keep))!;
}

async function parseWith(raw: Buffer, setAside: SetAside | null, keep: KeepAttachments | null): Promise<ParsedWithContent | null> {
  const parser = new MailParser(OPTIONS as ConstructorParameters<typeof MailParser>[0]);
  let headers = new Map<string, unknown>();
  let text = '';
  let html = '';
  const parts: AttachmentPart[] = [];
  const partsDone: Array<Promise<unknown>> = [];
  const kept: Array<Buffer | null> = [];
  /** Hash and size of the set-aside bodies, by position in `parts`: mailparser saw them empty. */
  const decoded = new Map<number, { sha256: string; size: number }>();
  parser.on('headers', (h: Map<string, unknown>) => (headers = h));
  parser.on('data', (data: { type: string; text?: string; html?: string | false; headers?: Map<string, unknown> } & AttachmentPart) => {
    if (data.type === 'text') {
      text = data.text ?? '';
      html = typeof data.html === 'string' ? data.html : '';
      return;
    }
    if (data.type !== 'attachment') return;
    parts.push(data);
    const index = kept.push(null) - 1;
    const filename = data.filename ? nfc(data.filename) : null;
    const wanted = keep?.wanted(filename, data.contentType) ?? false;
    const asideIndex = setAside ? setAsideIndex(data.headers?.get(SET_ASIDE_HEADER), setAside) : null;
    if (asideIndex !== null) {
      const body = decodeSetAside(raw, setAside!.bodies[asideIndex]!);
      decoded.set(index, { sha256: body.sha256, size: body.bytes.length });
      if (wanted && body.bytes.length <= keep!.maxBytes
        && keep!.stillWanted(filename, data.contentType, body.bytes.subarray(0, HEAD_BYTES))) kept[index] = body.bytes;
      partsDone.push(finished(data.content));
      data.content.resume();
      data.release?.();
      return;
    }
    // The hash and size are set when the content stream ends; the bytes are dropped unless their text is wanted.
    let collect = wanted;
    const chunks: Buffer[] = [];
    let size = 0;
    partsDone.push(finished(data.content).then(() => {
      if (collect && size <= keep!.maxBytes) kept[index] = Buffer.concat(chunks, size);
    }));
    if (collect) {
      data.content.on('data', (chunk: Buffer) => {
        if (size === 0 && !keep!.stillWanted(filename, data.contentType, chunk)) collect = false;
        size += chunk.length;
        if (collect && size <= keep!.maxBytes) chunks.push(chunk);
        else chunks.length = 0;
      });
    } else data.content.resume();
    data.release?.();
  });
  await new Promise<void>((resolve, reject) => {
    parser.once('end', resolve);
    parser.once('error', reject);
    parser.end(setAside ? setAside.light : raw);
  });
  await Promise.all(partsDone);
  if (setAside && decoded.size !== setAside.bodies.length) return null;
  for (const [index, body] of decoded) Object.assign(parts[index]!, { checksum: body.sha256, size: body.size });
  return { message: toParsedMessage(headers, text, html, parts), html, kept };
}

function finished(stream: Readable): Promise<void> {
  return new Promise((resolve, reject) => stream.once('end', resolve).once('error', reject));
}

function toParsedMessage(headers: Map<string, unknown>, text: string, html: string, parts: AttachmentPart[]): ParsedMessage {
  const attachments: AttachmentInfo[] = parts.map((part) => ({
    filename: part.filename ? nfc(part.filename) : null,
    contentType: part.contentType,
    size: part.size ?? 0,
    sha256: part.checksum ?? '',
  }));
  const references = headers.get('references') as string | string[] | undefined;
  const date = headers.get('date');
  return {
    messageId: stripBrackets(headers.get('message-id') as string | undefined),
    inReplyTo: stripBrackets(headers.get('in-reply-to') as string | undefined),
    references: (references === undefined ? [] : ([] as string[]).concat(references)).map((r) => stripBrackets(r) ?? r),
    date: date instanceof Date && !Number.isNaN(date.getTime()) ? date.toISOString() : null,
    from: addresses(headers.get('from') as AddressObject | undefined),
    to: addresses(headers.get('to') as AddressObject | AddressObject[] | undefined),
    cc: addresses(headers.get('cc') as AddressObject | AddressObject[] | undefined),
    subject: nfc(String(headers.get('subject') ?? '')),
    text: nfc(text.slice(0, MAX_BODY_TEXT)),
    hasHtml: html !== '',
    attachments,
  };
}

function stripBrackets(id: string | undefined): string | null {
  if (!id) return null;
  return /<([^<>]+)>/.exec(id)?.[1] ?? id.trim();
}

function addresses(field: AddressObject | AddressObject[] | undefined): AddressInfo[] {
  if (!field) return [];
  const out: AddressInfo[] = [];
  const walk = (entries: AddressObject['value']): void => {
    for (const entry of entries) {
      if (entry.group) walk(entry.group);
      else out.push({ name: nfc(entry.name ?? ''), address: (entry.address ?? '').toLowerCase() });
    }
  };
  for (const item of ([] as AddressObject[]).concat(field)) walk(item.value);
  return out;
}
