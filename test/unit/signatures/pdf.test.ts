// PDF signatures made by poppler's `pdfsig -add-signature` (an independent signer) with the test PKI: good ones
// verify, and a changed byte, appended content and a broken second signature are told apart.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyPdfSignatures } from '../../../mail-worker/signatures/pdf.js';
import { loadTrustStore, type TrustStore } from '../../../mail-worker/signatures/trust.js';
import { ensureCommand } from '../../../scripts/ensure-packages.js';
import { makeTestPki, pdfsigSign, type TestPki } from '../../../scripts/test-pki.js';
import { tempDir } from '../../helpers/tmp.js';

let pki: TestPki;
let trust: TrustStore;
let signed: Buffer;
let twice: Buffer;

beforeAll(async () => {
  ensureCommand('pdfsig', 'poppler-utils');
  ensureCommand('certutil', 'libnss3-tools');
  pki = makeTestPki(tempDir('vanthu-pki-'));
  trust = loadTrustStore({ anchors: pki.anchors, crls: [pki.crls] });
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage().drawText('So: 12/QD-UBND  QUYET DINH ve viec thu nghiem chu ky so', { x: 40, y: 700, size: 12, font });
  const plain = path.join(pki.dir, 'qd.pdf');
  writeFileSync(plain, await doc.save({ useObjectStreams: false }));
  pdfsigSign(pki, pki.rsa, plain, path.join(pki.dir, 'qd-signed.pdf'));
  pdfsigSign(pki, pki.agency, path.join(pki.dir, 'qd-signed.pdf'), path.join(pki.dir, 'qd-twice.pdf'));
  signed = readFileSync(path.join(pki.dir, 'qd-signed.pdf'));
  twice = readFileSync(path.join(pki.dir, 'qd-twice.pdf'));
}, 300_000);

describe('PDF signatures made by pdfsig', () => {
  it('verifies as valid, covering the whole file', async () => {
    const [result] = await verifyPdfSignatures(signed, trust);
    expect(result).toMatchObject({ status: 'valid', coversWholeFile: true, signer: { name: 'Nguyen Van An' }, digestAlgorithm: 'SHA-256' });
    // pdfsig writes no signed signing time (PAdES style): the time comes from the signature dictionary's /M.
    expect(Math.abs(Date.parse(result!.signingTime!) - Date.now())).toBeLessThan(10 * 60_000);
  });

  it('one byte changed inside the signed range: invalid', async () => {
    const changed = Buffer.from(signed);
    changed[300] ^= 0x01;
    expect((await verifyPdfSignatures(changed, trust))[0]!.status).toBe('invalid');
  });

  it('content appended after signing: modified after signing', async () => {
    const appended = Buffer.concat([signed, Buffer.from('\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n')]);
    expect((await verifyPdfSignatures(appended, trust))[0]).toMatchObject({ status: 'modified_after_signing', coversWholeFile: false });
  });

  it('two signatures (the official, then the agency): both valid, the first covered by the second', async () => {
    const results = await verifyPdfSignatures(twice, trust);
    expect(results.map((r) => [r.status, r.signer.name])).toEqual([['valid', 'Nguyen Van An'], ['valid', 'UBND tinh Thu nghiem']]);
    expect(results[0]!.reason).toBe('a later signature covers the changes made after this one');
  });

  it('two signatures where the second is broken: the first valid, the second invalid', async () => {
    const broken = Buffer.from(twice);
    const [, , c2] = (await verifyPdfSignatures(twice, trust))[1]!.byteRange;
    // A byte of the second signature's CMS (inside its /Contents, just before the second signed range).
    const at = broken.toString('latin1').lastIndexOf('<', c2) + 200;
    broken[at] = broken[at] === 0x30 ? 0x31 : 0x30;
    expect((await verifyPdfSignatures(broken, trust)).map((r) => r.status)).toEqual(['valid', 'invalid']);
  });
});
