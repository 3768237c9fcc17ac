// The content hash used to dedupe one message seen twice (two mailboxes, a UIDVALIDITY change, a re-import):
// transport headers (Received, Delivered-To, Return-Path, ...) differ between copies, so only the message's own
// headers and its body are hashed.
import { createHash, type Hash } from 'node:crypto';

const IDENTITY_HEADERS = ['message-id', 'from', 'sender', 'to', 'cc', 'date', 'subject', 'content-type', 'in-reply-to'];

export interface Fingerprint {
  /** Message-ID without angle brackets, or null. */
  messageId: string | null;
  /** Hex SHA-256 over the identity headers alone: the same for every copy, readable or not. */
  identityHash: string;
  /** Hex SHA-256 over the identity headers and the body. */
  contentHash: string;
}

/** Split the raw message at the first empty line. Works on LF and CRLF input without decoding the body. */
export function splitHeader(raw: Buffer): { header: string; body: Buffer } {
  const lf = raw.indexOf('\n\n');
  const crlf = raw.indexOf('\n\r\n');
  const end = lf < 0 ? crlf : crlf < 0 ? lf : Math.min(lf, crlf);
  if (end < 0) return { header: raw.toString('latin1'), body: Buffer.alloc(0) };
  return { header: raw.subarray(0, end).toString('latin1'), body: raw.subarray(end + (end === lf ? 2 : 3)) };
}

/** Unfolded header fields, name lowercased, in order. Values stay as raw bytes decoded as latin1. */
export function headerFields(header: string): Array<[string, string]> {
  const fields: Array<[string, string]> = [];
  for (const line of header.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && fields.length > 0) {
      fields[fields.length - 1]![1] += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(':');
    if (colon > 0) fields.push([line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]);
  }
  return fields;
}

/** True when the input starts with at least one header field, i.e. it could be an RFC 5322 message. */
export function looksLikeMessage(raw: Buffer): boolean {
  const { header } = splitHeader(withoutBom(raw).subarray(0, 64 * 1024));
  const first = header.split(/\r?\n/, 1)[0] ?? '';
  // RFC 5322 obsolete syntax allows white space before the colon ("From  : ...").
  return /^[!-9;-~]+[ \t]*:/.test(first) || /^From \S/.test(first);
}

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** Some Windows tools save .eml files with a UTF-8 byte order mark; the message starts after it. */
export function withoutBom(raw: Buffer): Buffer {
  return raw.subarray(0, 3).equals(BOM) ? raw.subarray(3) : raw;
}

/**
 * Fingerprint from the raw bytes alone: identity headers and the body with line ends normalised.
 * Used when a message cannot be parsed; parsed messages use the cheaper `fingerprintOfParsed`.
 */
export function fingerprintOf(raw: Buffer): Fingerprint {
  return fingerprintWith(raw, (hash, body) => hash.update('raw\n').update(normaliseBody(body)));
}

/**
 * Fingerprint of a parsed message: identity headers, the decoded text and HTML, and the SHA-256 of every decoded
 * attachment (already computed by the parser). Decoded content does not depend on line ends or transfer encoding,
 * so a CRLF copy from IMAP and an LF copy from a file match without re-reading megabytes of base64.
 */
export function fingerprintOfParsed(raw: Buffer, parsed: { text: string; html: string; attachmentSha256: string[] }): Fingerprint {
  return fingerprintWith(raw, (hash) => {
    hash.update('parsed\n').update(normaliseText(parsed.text)).update('\n\u0000').update(normaliseText(parsed.html));
    for (const sha of parsed.attachmentSha256) hash.update(`\n${sha}`);
  });
}

/** Hash the identity headers, take that as the identity hash, then let `addContent` extend it to the content hash. */
function fingerprintWith(raw: Buffer, addContent: (hash: Hash, body: Buffer) => void): Fingerprint {
  const { header, body } = splitHeader(withoutBom(raw));
  const fields = headerFields(header);
  const hash = createHash('sha256');
  for (const name of IDENTITY_HEADERS) {
    for (const [field, value] of fields) if (field === name) hash.update(`${name}:${value.replace(/\s+/g, ' ')}\n`);
  }
  hash.update('\n');
  const identityHash = hash.copy().digest('hex');
  addContent(hash, body);
  return { messageId: messageIdOf(fields), identityHash, contentHash: hash.digest('hex') };
}

function messageIdOf(fields: Array<[string, string]>): string | null {
  const rawId = fields.find(([name]) => name === 'message-id')?.[1] ?? '';
  return /<([^<>\s]+)>/.exec(rawId)?.[1] ?? (rawId.trim() || null);
}

function normaliseText(text: string): string {
  return text.replace(/\r\n?/g, '\n').trimEnd();
}

/** CRLF and LF copies of one message (IMAP stores CRLF, files often LF) hash the same; trailing blank lines too. */
function normaliseBody(body: Buffer): Buffer {
  let text = body.toString('latin1').replace(/\r\n/g, '\n');
  text = text.replace(/[ \t\n]+$/, '');
  return Buffer.from(text, 'latin1');
}
