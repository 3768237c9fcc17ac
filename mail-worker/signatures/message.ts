// The signatures a message carries: S/MIME on the message itself, signed PDFs among its attachments, and detached
// .p7s/.p7m files next to the document they sign ("qd.pdf" and "qd.pdf.p7s"). The caller hands over the attachment
// bytes it kept and a way to fetch one it did not (the document a .p7s names, when it is not a text format).
import { isPdf, verifyPdfSignatures } from './pdf.js';
import { findSmimeSignatures } from './smime.js';
import type { TrustStore } from './trust.js';
import type { SignatureResult } from './types.js';
import { verifyDetachedCms } from './verify-cms.js';

export interface MessagePart {
  filename: string | null;
  contentType: string;
  /** The decoded bytes, when the caller kept them. */
  bytes: Buffer | null;
}

export interface MessageSignatures {
  /** S/MIME signatures of the message itself. */
  message: SignatureResult[];
  /** Results by attachment position: a signed PDF's own, or a detached signature's, on the document it signs. */
  attachments: Map<number, SignatureResult[]>;
}

const SIGNATURE_EXTENSIONS = ['.p7s', '.p7m'];
const SIGNATURE_TYPES = ['application/pkcs7-signature', 'application/x-pkcs7-signature', 'application/pkcs7-mime', 'application/x-pkcs7-mime'];

/** A detached or enveloping CMS signature file, by name or declared type. */
export function isSignatureFile(filename: string | null, contentType: string): boolean {
  const name = (filename ?? '').toLowerCase();
  return SIGNATURE_EXTENSIONS.some((ext) => name.endsWith(ext)) || SIGNATURE_TYPES.includes(contentType.toLowerCase().split(';')[0]!.trim());
}

export async function verifyMessageSignatures(
  raw: Buffer, parts: readonly MessagePart[], trust: TrustStore, fetch: (index: number) => Promise<Buffer | null>,
): Promise<MessageSignatures> {
  const out: MessageSignatures = { message: [], attachments: new Map() };
  // Reading the MIME structure costs a pass over the message: only when the parser met a PKCS#7 part (the signature
  // of multipart/signed, or the opaque signed-data itself, each arrives as one).
  const smime = parts.some((p) => /pkcs7/i.test(p.contentType)) ? findSmimeSignatures(raw) : [];
  for (const s of smime) out.message.push(...(await verifyDetachedCms(s.cms, s.kind === 'detached' ? s.signedBytes : null, trust)));
  const add = (index: number, results: SignatureResult[]) => out.attachments.set(index, [...(out.attachments.get(index) ?? []), ...results]);
  for (const [i, part] of parts.entries()) {
    if (part.bytes && isSignedPdf(part.bytes)) add(i, await verifyPdfSignatures(part.bytes, trust));
    if (!isSignatureFile(part.filename, part.contentType)) continue;
    // The signature part of an S/MIME message was verified above, as the message's.
    if (smime.length > 0 && /^application\/(x-)?pkcs7-(signature|mime)/i.test(part.contentType)) continue;
    if (!part.bytes) continue;
    const name = part.filename ?? '';
    const documentName = name.replace(/\.p7[sm]$/i, '');
    const documentIndex = documentName !== name ? parts.findIndex((p, j) => j !== i && p.filename === documentName) : -1;
    if (documentIndex >= 0) {
      const document = parts[documentIndex]!.bytes ?? (await fetch(documentIndex));
      if (document) add(documentIndex, await verifyDetachedCms(part.bytes, document, trust));
      continue;
    }
    // No document of that name: an enveloping signature (.p7m) carries its content; a detached one cannot be checked.
    const results = await verifyDetachedCms(part.bytes, null, trust);
    add(i, /\.p7s$/i.test(name) && results.every((r) => r.status === 'invalid')
      ? results.map((r) => ({ ...r, reason: `the document it signs${documentName !== name ? ` (${documentName})` : ''} is not attached; ${r.reason ?? ''}`.trim() }))
      : results);
  }
  return out;
}

function isSignedPdf(bytes: Buffer): boolean {
  return isPdf(bytes) && bytes.indexOf('/ByteRange', 0, 'latin1') >= 0;
}
