// POST /api/verify (any user) and POST /api/sign (the signer role only, logged), on a running service with the
// agency's PKCS#12 from a test PKI; what vanthu signs is checked by poppler's pdfsig and by openssl.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureCommand } from '../../../scripts/ensure-packages.js';
import { makeTestPki, p12Of, pdfsigVerify, type TestPki } from '../../../scripts/test-pki.js';
import { startServiceFrom, type RunningService } from '../../helpers/service.js';
import { tempDir } from '../../helpers/tmp.js';

const dir = tempDir();
let pki: TestPki;
let svc: RunningService;
let pdf: Buffer;
const tokens: Record<'signer' | 'clerk', string> = { signer: '', clerk: '' };

beforeAll(async () => {
  ensureCommand('pdfsig', 'poppler-utils');
  ensureCommand('certutil', 'libnss3-tools');
  pki = makeTestPki(path.join(dir, 'pki'));
  writeFileSync(path.join(dir, 'p12-password'), 'secret\n');
  writeFileSync(path.join(dir, 'wrong-password'), 'not the password\n');
  const signing = { p12: p12Of(pki, pki.agency), passwordFile: path.join(dir, 'p12-password'), stamp: 'UBND tỉnh Thử nghiệm' };
  svc = await startServiceFrom({ signatures: { trustAnchors: pki.anchors, crls: [pki.crls], signing } });
  tokens.signer = svc.service.core.users.add('nguyenvana', 'Văn phòng', ['signer']).token;
  tokens.clerk = svc.service.core.users.add('vanthu1', 'Văn phòng', ['clerk']).token;
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage().drawText('So: 12/QD-UBND  QUYET DINH', { x: 40, y: 700, size: 12, font });
  pdf = Buffer.from(await doc.save());
}, 300_000);

function post(route: string, body: unknown, token?: string) {
  return fetch(`${svc.baseUrl}${route}`, {
    method: 'POST', body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
  });
}

describe('POST /api/sign', () => {
  it('only the signer role signs: no token 401, a clerk and the admin token 403', async () => {
    const body = { filename: 'qd.pdf', content: pdf.toString('base64') };
    expect((await post('/api/sign', body)).status).toBe(401);
    const clerk = await post('/api/sign', body, tokens.clerk);
    expect(clerk.status).toBe(403);
    expect(((await clerk.json()) as { error: { code: string } }).error.code).toBe('E_FORBIDDEN');
    expect((await post('/api/sign', body, svc.token)).status).toBe(403);
  });

  it('signs a PDF with the stamp (pdfsig: valid and trusted) and a spreadsheet as a .p7s (openssl: verified); both logged', async () => {
    const res = await post('/api/sign', { filename: 'qd.pdf', content: pdf.toString('base64') }, tokens.signer);
    expect(res.status).toBe(200);
    const signed = (await res.json()) as { kind: string; filename: string; content: string; signedBy: string; signer: string };
    expect(signed).toMatchObject({ kind: 'pdf', filename: 'qd.pdf', signedBy: 'nguyenvana', signer: 'UBND tinh Thu nghiem' });
    const file = path.join(dir, 'qd-signed.pdf');
    writeFileSync(file, Buffer.from(signed.content, 'base64'));
    const poppler = pdfsigVerify(pki, file);
    expect(poppler).toContain('Signature Validation: Signature is Valid.');
    expect(poppler).toContain('Certificate Validation: Certificate is Trusted.');
    expect(execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })).toContain('Ky boi: UBND tinh Thu nghiem');

    const sheet = Buffer.from('Bang ke kinh phi quy IV');
    const cms = (await (await post('/api/sign', { filename: 'bang-ke.xlsx', content: sheet.toString('base64') }, tokens.signer)).json()) as { kind: string; filename: string; content: string };
    expect(cms).toMatchObject({ kind: 'cms', filename: 'bang-ke.xlsx.p7s' });
    writeFileSync(path.join(dir, 'bang-ke.xlsx'), sheet);
    writeFileSync(path.join(dir, 'bang-ke.xlsx.p7s'), Buffer.from(cms.content, 'base64'));
    execFileSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', path.join(dir, 'bang-ke.xlsx.p7s'), '-content', path.join(dir, 'bang-ke.xlsx'), '-CAfile', path.join(pki.anchors, 'root.pem'), '-out', '/dev/null'], { stdio: 'pipe' });

    const log = svc.service.core.db.prepare('SELECT signed_by, kind, document_sha256 FROM signature_log ORDER BY id').all() as Array<{ signed_by: string; kind: string; document_sha256: string }>;
    expect(log.map((l) => [l.signed_by, l.kind])).toEqual([['nguyenvana', 'pdf'], ['nguyenvana', 'cms']]);
    expect(log[0]!.document_sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a disabled user is refused; content that is not base64 is a 400', async () => {
    const { token } = svc.service.core.users.add('nghiviec', null, ['signer']);
    svc.service.core.users.disable('nghiviec');
    expect((await post('/api/sign', { content: pdf.toString('base64') }, token)).status).toBe(401);
    const bad = await post('/api/sign', { content: '%%% not base64 %%%' }, tokens.signer);
    expect(bad.status).toBe(400);
  });
});

describe('POST /api/verify', () => {
  it('any user verifies: a PDF signed through the API is valid, the same PDF with a changed byte is not', async () => {
    const signed = (await (await post('/api/sign', { filename: 'qd.pdf', content: pdf.toString('base64') }, tokens.signer)).json()) as { content: string };
    const bytes = Buffer.from(signed.content, 'base64');
    const ok = (await (await post('/api/verify', { filename: 'qd.pdf', content: bytes.toString('base64') }, tokens.clerk)).json()) as { kind: string; signatures: Array<{ status: string; signer: { name: string } }> };
    expect(ok.kind).toBe('pdf');
    expect(ok.signatures).toMatchObject([{ status: 'valid', signer: { name: 'UBND tinh Thu nghiem' } }]);
    const at = bytes.indexOf('/MediaBox');
    expect(at).toBeGreaterThan(0);
    const changed = Buffer.from(bytes);
    changed[at + 1] = 'm'.charCodeAt(0); // one byte inside the signed range
    const bad = (await (await post('/api/verify', { content: changed.toString('base64') }, tokens.clerk)).json()) as { signatures: Array<{ status: string }> };
    expect(bad.signatures.map((s) => s.status)).not.toContain('valid');
    expect((await post('/api/verify', { content: bytes.toString('base64') })).status).toBe(401);
  });

  it('a document with its detached signature; the signature over another document is invalid', async () => {
    const doc = Buffer.from('Tờ trình số 5/TTr-STC');
    const cms = (await (await post('/api/sign', { content: doc.toString('base64') }, tokens.signer)).json()) as { content: string };
    const verify = async (content: Buffer) => ((await (await post('/api/verify', { content: content.toString('base64'), signature: cms.content }, tokens.clerk)).json()) as { signatures: Array<{ status: string }> }).signatures.map((s) => s.status);
    expect(await verify(doc)).toEqual(['valid']);
    expect(await verify(Buffer.from('Tờ trình số 6/TTr-STC'))).toEqual(['invalid']);
  });
});

describe('signing not possible', () => {
  it('a wrong PKCS#12 password gives 503 E_SIGN_KEY naming the cause; verification still works', async () => {
    const other = await startServiceFrom({ signatures: { trustAnchors: pki.anchors, signing: { p12: p12Of(pki, pki.agency), passwordFile: path.join(dir, 'wrong-password') } } });
    const { token } = other.service.core.users.add('kyso', null, ['signer', 'clerk']);
    const res = await fetch(`${other.baseUrl}/api/sign`, { method: 'POST', body: JSON.stringify({ content: pdf.toString('base64') }), headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` } });
    expect(res.status).toBe(503);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('E_SIGN_KEY');
    expect(body.error.message).toMatch(/password is wrong/);
    expect(JSON.stringify(body)).not.toContain('not the password');
  });
});
