// Field-by-field accuracy of the document extractor over the labelled real documents (test/fixtures/vn-docs).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { extractDocument } from '../../mail-worker/domain/document/extract.js';
import type { DocumentFields } from '../../mail-worker/domain/types.js';

export interface DocumentLabel {
  id: string;
  typeName: string | null;
  codeNumber: string | null;
  codeNotation: string | null;
  issuer: string | null;
  place: string | null;
  issuedDate: string | null;
  subject: string | null;
  signerName: string | null;
  signerPosition: string | null;
  urgency: string | null;
  confidentiality: string | null;
}

export interface FieldRate {
  field: string;
  correct: number;
  total: number;
  rate: number;
  /** The target, or null for fields reported without one. */
  target: number | null;
  misses: Array<{ id: string; expected: string | null; got: string | null }>;
}

/** The fields scored, with the targets of issue 3; the others are reported for information. */
const FIELDS: Array<{ field: string; target: number | null; label: (l: DocumentLabel) => string | null; got: (f: DocumentFields) => string | null }> = [
  { field: 'typeName', target: 0.95, label: (l) => l.typeName, got: (f) => f.typeName },
  {
    field: 'codeNumber+codeNotation', target: 0.95,
    label: (l) => `${l.codeNumber ?? ''}|${l.codeNotation ?? ''}`, got: (f) => `${f.codeNumber ?? ''}|${f.codeNotation ?? ''}`,
  },
  { field: 'issuedDate', target: 0.95, label: (l) => l.issuedDate, got: (f) => f.issuedDate },
  { field: 'issuer', target: 0.9, label: (l) => l.issuer, got: (f) => f.issuer },
  { field: 'subject', target: 0.85, label: (l) => l.subject, got: (f) => f.subject },
  { field: 'signer.fullName', target: 0.85, label: (l) => l.signerName, got: (f) => f.signer?.fullName ?? null },
  { field: 'place', target: null, label: (l) => l.place, got: (f) => f.place },
  { field: 'signer.position', target: null, label: (l) => l.signerPosition, got: (f) => f.signer?.position ?? null },
  { field: 'urgency', target: null, label: (l) => l.urgency, got: (f) => f.urgency },
  { field: 'confidentiality', target: null, label: (l) => l.confidentiality, got: (f) => f.confidentiality },
];

/** How labels and results are compared: NFC, case folded, white space (U+00A0 too) folded. */
function sameValue(a: string | null, b: string | null): boolean {
  const norm = (v: string | null) => (v === null ? null : v.normalize('NFC').toLowerCase().replace(/[\s\u00a0]+/g, ' ').trim());
  return norm(a) === norm(b);
}

function loadLabels(dir: string): DocumentLabel[] {
  return readFileSync(path.join(dir, 'labels.jsonl'), 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as DocumentLabel);
}

export function evaluateDocuments(dir: string): { rates: FieldRate[]; documents: number } {
  const labels = loadLabels(dir);
  const results = new Map<string, DocumentFields>();
  for (const label of labels) {
    const text = readFileSync(path.join(dir, `${label.id}.txt`), 'utf8');
    results.set(label.id, extractDocument(text, { referenceYear: 2026 }).fields);
  }
  const rates = FIELDS.map(({ field, target, label, got }) => {
    const misses: FieldRate['misses'] = [];
    for (const l of labels) {
      const expected = label(l);
      const value = got(results.get(l.id)!);
      if (!sameValue(expected, value)) misses.push({ id: l.id, expected, got: value });
    }
    const correct = labels.length - misses.length;
    return { field, correct, total: labels.length, rate: correct / labels.length, target, misses };
  });
  return { rates, documents: labels.length };
}
