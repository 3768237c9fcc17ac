// Signature verifications per second on a 1 MB and a 20 MB signed PDF, against poppler's pdfsig on the same files in
// the same run. The PDFs are signed by pdfsig itself (an incremental update, as agencies' signing tools write them)
// with a test PKI made by openssl; both verifiers trust the same root and check the chain and the whole byte range.
import { randomBytes } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { loadTrustStore } from '../mail-worker/signatures/trust.js';
import { verifyFile } from '../mail-worker/signatures/verify-file.js';
import { ensureCommand } from '../scripts/ensure-packages.js';
import { makeTestPki, pdfsigSign, pdfsigVerify } from '../scripts/test-pki.js';
import { perSecond } from './repeat.js';

export interface SignatureBenchRow {
  size_mb: number;
  vanthu_per_s: number;
  pdfsig_per_s: number;
  ratio: number;
}

export async function runSignatureBench(say: (line: string) => void): Promise<SignatureBenchRow[]> {
  ensureCommand('pdfsig', 'poppler-utils');
  ensureCommand('certutil', 'libnss3-tools');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-sig-bench-'));
  try {
    const pki = makeTestPki(path.join(dir, 'pki'));
    const trust = loadTrustStore({ anchors: pki.anchors });
    const rows: SignatureBenchRow[] = [];
    for (const sizeMb of [1, 20]) {
      const unsigned = path.join(dir, `doc-${sizeMb}mb.pdf`);
      const signed = path.join(dir, `doc-${sizeMb}mb-signed.pdf`);
      writeFileSync(unsigned, await pdfOfSize(sizeMb * 1024 * 1024));
      pdfsigSign(pki, pki.agency, unsigned, signed);
      // Both must agree the signature is valid before their speed means anything.
      const ours = await verifyFile(signed, trust);
      if (ours.signatures.length !== 1 || ours.signatures[0]!.status !== 'valid') throw new Error(`vanthu does not call the ${sizeMb} MB benchmark PDF valid: ${JSON.stringify(ours.signatures)}`);
      if (!pdfsigVerify(pki, signed).includes('Signature is Valid')) throw new Error(`pdfsig does not call the ${sizeMb} MB benchmark PDF valid`);
      say(`Signature verification, ${sizeMb} MB signed PDF: vanthu (in process, as the pipeline and API run it) vs pdfsig (one process per file) ...`);
      const vanthu = await perSecond(1, () => verifyFile(signed, trust));
      const nss = `sql:${path.join(pki.dir, 'nss-verify')}`;
      const poppler = await perSecond(1, () => {
        const run = spawnSync('pdfsig', ['-nssdir', nss, signed], { stdio: ['ignore', 'pipe', 'pipe'] });
        if (run.status !== 0) throw new Error(`pdfsig failed: ${run.stderr.toString()}`);
      });
      rows.push({ size_mb: sizeMb, vanthu_per_s: round(vanthu), pdfsig_per_s: round(poppler), ratio: Math.round((vanthu / poppler) * 1000) / 1000 });
    }
    return rows;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A one-page decision with an attached scan-like blob (random bytes do not compress), about `bytes` in all. */
async function pdfOfSize(bytes: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage().drawText('So: 45/QD-UBND  QUYET DINH ve viec ban hanh quy che', { x: 40, y: 700, size: 12, font });
  await doc.attach(randomBytes(bytes), 'ban-scan.bin', { mimeType: 'application/octet-stream' });
  return doc.save();
}

const round = (n: number) => Number(n.toFixed(1));
