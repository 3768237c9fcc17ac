// One entry point for verifying whatever a user hands over: a signed PDF, an S/MIME message, a .p7s with its
// document next to it, or a document with its .p7s next to it. Used by the CLI; the API hands over bytes (verifyBytes).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { readInputFile } from '../input-file.js';
import { isPdf, verifyPdfSignatures } from './pdf.js';
import { findSmimeSignatures } from './smime.js';
import type { TrustStore } from './trust.js';
import type { SignatureResult } from './types.js';
import { verifyDetachedCms } from './verify-cms.js';

export interface FileVerification {
  file: string;
  kind: 'pdf' | 'smime' | 'cms';
  signatures: SignatureResult[];
}

export async function verifyFile(file: string, trust: TrustStore): Promise<FileVerification> {
  const bytes = readInputFile(file);
  const ext = path.extname(file).toLowerCase();
  if (isPdf(bytes)) return { file, ...(await verifyBytes(bytes, trust)) };
  if (ext === '.p7s' || ext === '.p7m' || ext === '.p7b') {
    const document = file.slice(0, -ext.length);
    const content = existsSync(document) ? readInputFile(document) : null;
    return { file, kind: 'cms', signatures: await verifyDetachedCms(bytes, content, trust) };
  }
  const p7s = existsSync(`${file}.p7s`) ? readInputFile(`${file}.p7s`) : null;
  return { file, ...(await verifyBytes(bytes, trust, p7s)) };
}

/**
 * Bytes handed over (the API): a PDF's embedded signatures; a document with its detached signature; or an
 * e-mail's S/MIME signatures.
 */
export async function verifyBytes(bytes: Buffer, trust: TrustStore, detached: Buffer | null = null): Promise<Omit<FileVerification, 'file'>> {
  if (detached) return { kind: 'cms', signatures: await verifyDetachedCms(detached, bytes, trust) };
  if (isPdf(bytes)) return { kind: 'pdf', signatures: await verifyPdfSignatures(bytes, trust) };
  const signatures: SignatureResult[] = [];
  for (const s of findSmimeSignatures(bytes)) signatures.push(...(await verifyDetachedCms(s.cms, s.kind === 'detached' ? s.signedBytes : null, trust)));
  return { kind: 'smime', signatures };
}
