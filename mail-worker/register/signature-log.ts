// The signature log: every signature vanthu makes, who asked for it, which document (SHA-256 before and after), when.
import type { Db } from './db.js';

export interface SignatureLogEntry {
  signedBy: string;
  kind: 'pdf' | 'cms';
  documentSha256: string;
  outputSha256: string;
  signerSubject: string | null;
  signedAt: Date;
}

export function logSignature(db: Db, entry: SignatureLogEntry): void {
  db.prepare('INSERT INTO signature_log (signed_by, kind, document_sha256, output_sha256, signer_subject, signed_at) VALUES (?, ?, ?, ?, ?, ?)')
    .run(entry.signedBy, entry.kind, entry.documentSha256, entry.outputSha256, entry.signerSubject, entry.signedAt.toISOString());
}
