// S/MIME signed mail: multipart/signed (the first part's exact bytes are what was signed, the second part is the
// detached CMS) and opaque application/pkcs7-mime signed-data (the content is inside the CMS). Found at any depth.
// The bytes must be the raw ones, so this reads the MIME structure itself rather than through a parser that decodes.

import { headerFields, splitHeader } from '../mail/fingerprint.js';

export type SmimeSignature = { kind: 'detached'; signedBytes: Buffer; cms: Buffer } | { kind: 'opaque'; cms: Buffer };

interface Part {
  headers: Map<string, string>;
  body: Buffer;
}

export function findSmimeSignatures(message: Buffer): SmimeSignature[] {
  const out: SmimeSignature[] = [];
  walk(parsePart(message), out, 0);
  return out;
}

function walk(part: Part, out: SmimeSignature[], depth: number): void {
  if (depth > 10) return;
  const type = part.headers.get('content-type') ?? 'text/plain';
  const mediaType = type.split(';')[0]!.trim().toLowerCase();
  if (mediaType === 'application/pkcs7-mime' || mediaType === 'application/x-pkcs7-mime') {
    if (/smime-type\s*=\s*"?signed-data/i.test(type)) out.push({ kind: 'opaque', cms: decodeBody(part) });
    return;
  }
  if (!mediaType.startsWith('multipart/')) return;
  const boundary = /boundary\s*=\s*(?:"([^"]+)"|([^\s;]+))/i.exec(type);
  if (!boundary) return;
  const children = splitMultipart(part.body, boundary[1] ?? boundary[2]!);
  if (mediaType === 'multipart/signed' && children.length >= 2) {
    out.push({ kind: 'detached', signedBytes: canonical(children[0]!), cms: decodeBody(parsePart(children[1]!)) });
    walk(parsePart(children[0]!), out, depth + 1); // a signed message may carry another one inside
    return;
  }
  for (const child of children) walk(parsePart(child), out, depth + 1);
}

function parsePart(raw: Buffer): Part {
  const { header, body } = splitHeader(raw);
  return { headers: new Map(headerFields(header)), body };
}

/** The parts between boundary lines, exact bytes, without the line break that belongs to the next boundary. */
function splitMultipart(body: Buffer, boundary: string): Buffer[] {
  const text = body.toString('latin1');
  const delimiter = new RegExp(`(?:^|\\r?\\n)--${boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(--)?[ \\t]*(?:\\r?\\n|$)`, 'g');
  const parts: Buffer[] = [];
  let start: number | null = null;
  for (let m = delimiter.exec(text); m; m = delimiter.exec(text)) {
    if (start !== null) parts.push(body.subarray(start, m.index));
    if (m[1]) break;
    start = m.index + m[0].length;
  }
  return parts;
}

/** What was signed is the canonical form: CRLF line ends (RFC 8551 §3.1.1). */
function canonical(part: Buffer): Buffer {
  return Buffer.from(part.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
}

function decodeBody(part: Part): Buffer {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '').toLowerCase();
  return encoding === 'base64' ? Buffer.from(part.body.toString('latin1').replace(/\s+/g, ''), 'base64') : part.body;
}
