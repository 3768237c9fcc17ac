// Signatures checked on arrival: a signed PDF attachment, a document with its .p7s, S/MIME mail; the results are
// stored with the attachment (and the message), summed up on the entry, and routing rules use them.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Core } from '../../../mail-worker/service.js';
import { PROJECT_ROOT } from '../../../mail-worker/paths.js';
import { buildMessage } from '../../../scripts/sample-mail.js';
import { ensureCommand } from '../../../scripts/ensure-packages.js';
import { makeTestPki, opensslSign, pdfsigSign, type TestPki } from '../../../scripts/test-pki.js';
import { IMPORT, testConfigFile, testCore } from '../../helpers/core.js';
import { tempDir } from '../../helpers/tmp.js';

const dir = tempDir();
let pki: TestPki;
let core: Core;
const signedPdf: Record<string, Buffer> = {};

beforeAll(async () => {
  ensureCommand('pdfsig', 'poppler-utils');
  ensureCommand('certutil', 'libnss3-tools');
  pki = makeTestPki(path.join(dir, 'pki'));
  // The agency trusts its test root and the S/MIME fixtures' TestCA.
  const anchors = path.join(dir, 'anchors');
  mkdirSync(anchors);
  copyFileSync(path.join(pki.anchors, 'root.pem'), path.join(anchors, 'root.pem'));
  copyFileSync(path.join(PROJECT_ROOT, 'test/fixtures/smime/TestCA.pem'), path.join(anchors, 'mozilla-test-ca.pem'));
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage().drawText('So: 45/QD-UBND  QUYET DINH ve viec ban hanh quy che', { x: 40, y: 700, size: 12, font });
  writeFileSync(path.join(dir, 'qd.pdf'), await doc.save());
  for (const signer of ['rsa', 'revoked'] as const) {
    pdfsigSign(pki, pki[signer], path.join(dir, 'qd.pdf'), path.join(dir, `qd-${signer}.pdf`));
    signedPdf[signer] = readFileSync(path.join(dir, `qd-${signer}.pdf`));
  }
  const rulesFile = path.join(dir, 'rules.yaml');
  writeFileSync(rulesFile, `
rules:
  - name: Chữ ký số hợp lệ
    when: { signature: { equals: valid } }
    then: [{ assign: { unit: Văn thư } }]
  - name: Chữ ký số có vấn đề
    when: { signature: { in: [invalid, modified_after_signing, revoked, expired, untrusted] } }
    then: [{ assign: { unit: Kiểm tra chữ ký } }]
`);
  core = testCore(undefined, testConfigFile({ signatures: { trustAnchors: anchors, crls: [pki.crls] }, routing: { rulesFile } }));
}, 300_000);

async function register(raw: Buffer) {
  const { entryId } = await core.pipeline.submit(raw, IMPORT);
  return core.queries.get(entryId)!;
}

const pdf = (content: Buffer, filename = 'qd.pdf') => ({ filename, contentType: 'application/pdf', content });

describe('signatures on arrival', () => {
  it('a signed PDF attachment: valid, with the signer, stored with the attachment; the rule assigns it', async () => {
    const entry = await register(buildMessage({ subject: 'Quyết định 45/QĐ-UBND', attachment: pdf(signedPdf.rsa!) }));
    expect(entry.signature).toBe('valid');
    expect(entry.attachments[0]!.signatures).toMatchObject([{ status: 'valid', signer: { name: 'Nguyen Van An' } }]);
    expect(entry.attachments[0]!.signatures[0]!.certificate?.serial).toMatch(/^[0-9A-F]+$/);
    expect(entry.assignee).toBe('Văn thư');
  });

  it('content appended after signing, a revoked certificate: told apart, and routed for checking', async () => {
    const appended = await register(buildMessage({ attachment: pdf(Buffer.concat([signedPdf.rsa!, Buffer.from('\n1 0 obj (changed) endobj\n')])) }));
    expect(appended.signature).toBe('modified_after_signing');
    expect(appended.assignee).toBe('Kiểm tra chữ ký');
    const revoked = await register(buildMessage({ attachment: pdf(signedPdf.revoked!) }));
    expect(revoked.signature).toBe('revoked');
  });

  it('a document with its .p7s: the document carries the result; a .p7s over another document is invalid', async () => {
    // A ZIP-like binary is not a text format: vanthu reads it again from the message to check the signature.
    const bangKe = Buffer.from('PK\u0003\u0004 bang ke kinh phi, not text vanthu reads');
    writeFileSync(path.join(dir, 'bang-ke.bin'), bangKe);
    opensslSign(pki.rsa, path.join(dir, 'bang-ke.bin'), path.join(dir, 'bang-ke.bin.p7s'));
    const p7s = readFileSync(path.join(dir, 'bang-ke.bin.p7s'));
    const attachments = (content: Buffer) => [
      { filename: 'bang-ke.bin', contentType: 'application/octet-stream', content },
      { filename: 'bang-ke.bin.p7s', contentType: 'application/pkcs7-signature', content: p7s },
    ];
    const good = await register(buildMessage({ subject: 'Bảng kê', attachments: attachments(bangKe) }));
    expect(good.signature).toBe('valid');
    expect(good.attachments.map((a) => a.signatures.map((s) => s.status))).toEqual([['valid'], []]);
    const other = await register(buildMessage({ subject: 'Bảng kê khác', attachments: attachments(Buffer.from('PK\u0003\u0004 another document')) }));
    expect(other.signature).toBe('invalid');
    expect(other.attachments[0]!.signatures[0]!.reason).toMatch(/does not match its signature/);
  });

  it('S/MIME mail: the message\'s own signature; a broken one is invalid; unsigned mail is "none"', async () => {
    const smime = path.join(PROJECT_ROOT, 'test/fixtures/smime');
    const good = await register(readFileSync(path.join(smime, 'alice.dsig.SHA256.multipart.eml')));
    expect(good.signature).toBe('valid');
    expect(good.signatures).toMatchObject([{ status: 'valid', signer: { name: 'Alice' } }]);
    const opaque = await register(readFileSync(path.join(smime, 'alice.sig.SHA256.opaque.eml')));
    expect(opaque.signatures).toMatchObject([{ status: 'valid', signer: { name: 'Alice' } }]);
    const bad = await register(readFileSync(path.join(smime, 'alice.dsig.SHA256.multipart.bad.eml')));
    expect(bad.signature).toBe('invalid');
    const plain = await register(buildMessage({ subject: 'Thông báo lịch họp' }));
    expect(plain.signature).toBe('none');
    expect(plain.assignee).toBeNull();
  });
});
