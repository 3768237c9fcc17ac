// `vanthu sign` cross-checked by independent tools: a signed PDF verifies with poppler's pdfsig, a detached .p7s
// with `openssl cms -verify`, and both with `vanthu verify`; a wrong password or a damaged PKCS#12 is said plainly.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureCommand } from '../../scripts/ensure-packages.js';
import { runVanthu } from '../helpers/cli.js';
import { makeTestPki, p12Of, pdfsigVerify, type TestPki } from '../../scripts/test-pki.js';
import { tempDir } from '../helpers/tmp.js';

let pki: TestPki;
let dir: string;
let p12: string;
const env = { SIGN_PASSWORD: 'secret', VANTHU_HTTP_PORT: '0', VANTHU_SMTP_PORT: '0' };

beforeAll(async () => {
  ensureCommand('pdfsig', 'poppler-utils');
  ensureCommand('certutil', 'libnss3-tools');
  dir = tempDir();
  pki = makeTestPki(path.join(dir, 'pki'));
  p12 = p12Of(pki, pki.agency);
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  doc.addPage().drawText('So: 45/QD-UBND  QUYET DINH ve viec ban hanh quy che', { x: 40, y: 700, size: 12, font });
  writeFileSync(path.join(dir, 'qd.pdf'), await doc.save());
  writeFileSync(path.join(dir, 'bang-ke.xlsx'), 'not really a spreadsheet, any bytes can be signed');
}, 300_000);

describe('vanthu sign', () => {
  it('signs a PDF with a visible stamp; pdfsig and vanthu verify both call it valid', () => {
    const out = path.join(dir, 'qd-signed.pdf');
    const signed = runVanthu(['sign', '--p12', p12, '--password-env', 'SIGN_PASSWORD', '--stamp', 'UBND tỉnh Thử nghiệm', path.join(dir, 'qd.pdf'), out], { cwd: dir, env });
    expect(signed.status, signed.stderr).toBe(0);
    const poppler = pdfsigVerify(pki, out);
    expect(poppler).toContain('Signature Validation: Signature is Valid.');
    expect(poppler).toContain('Certificate Validation: Certificate is Trusted.');
    expect(poppler).toContain('Total document signed');
    const ours = runVanthu(['verify', '--json', '--anchors', pki.anchors, out], { cwd: dir, env });
    expect(JSON.parse(ours.stdout).signatures[0]).toMatchObject({ status: 'valid', signer: { name: 'UBND tinh Thu nghiem' } });
    const text = execFileSync('pdftotext', ['-layout', out, '-'], { encoding: 'utf8' });
    expect(text).toContain('Ky boi: UBND tinh Thu nghiem');
    expect(text).toMatch(/Thoi gian ky: \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00/);
  });

  it('signs any other file as a detached CMS that openssl cms -verify accepts, and logs who signed what', () => {
    const input = path.join(dir, 'bang-ke.xlsx');
    const out = `${input}.p7s`;
    expect(runVanthu(['sign', '--p12', p12, '--password-env', 'SIGN_PASSWORD', input, out], { cwd: dir, env }).status).toBe(0);
    execFileSync('openssl', ['cms', '-verify', '-binary', '-inform', 'DER', '-in', out, '-content', input, '-CAfile', path.join(pki.anchors, 'root.pem'), '-out', '/dev/null'], { stdio: 'pipe' });
    const db = new Database(path.join(dir, 'data/register.db'), { readonly: true });
    try {
      expect(db.prepare('SELECT kind, signer_subject FROM signature_log ORDER BY id').all()).toEqual([
        { kind: 'pdf', signer_subject: 'UBND tinh Thu nghiem' }, { kind: 'cms', signer_subject: 'UBND tinh Thu nghiem' },
      ]);
    } finally {
      db.close();
    }
  });

  it('says plainly when the password is wrong or the PKCS#12 is damaged', () => {
    const wrong = runVanthu(['sign', '--p12', p12, '--password-env', 'SIGN_PASSWORD', path.join(dir, 'qd.pdf'), path.join(dir, 'x.pdf')], { cwd: dir, env: { ...env, SIGN_PASSWORD: 'nope' } });
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toMatch(/vanthu: E_SIGN_KEY: the PKCS#12 password is wrong/);
    const damaged = path.join(dir, 'damaged.p12');
    writeFileSync(damaged, readFileSync(p12).subarray(0, 100));
    const broken = runVanthu(['sign', '--p12', damaged, '--password-env', 'SIGN_PASSWORD', path.join(dir, 'qd.pdf'), path.join(dir, 'x.pdf')], { cwd: dir, env });
    expect(broken.status).toBe(1);
    expect(broken.stderr).toMatch(/vanthu: E_SIGN_KEY: not a readable PKCS#12 file/);
  });
});

describe('vanthu user', () => {
  it('adds a signer (token shown once, only its hash kept), lists, changes roles, disables; unknown roles refused', () => {
    const added = runVanthu(['user', 'add', 'nguyenvana', '--unit', 'Văn phòng', '--role', 'signer', '--role', 'clerk'], { cwd: dir, env });
    expect(added.status, added.stderr).toBe(0);
    const token = added.stdout.trim().split('\n').pop()!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const db = new Database(path.join(dir, 'data/register.db'), { readonly: true });
    try {
      const stored = JSON.stringify(db.prepare('SELECT * FROM users').all());
      expect(stored).not.toContain(token);
      expect(stored).toContain('signer,clerk');
    } finally {
      db.close();
    }
    expect(runVanthu(['user', 'roles', 'nguyenvana', 'clerk'], { cwd: dir, env }).stdout).toContain('nguyenvana: clerk');
    const bad = runVanthu(['user', 'add', 'x', '--role', 'boss'], { cwd: dir, env });
    expect(bad.status).toBe(1);
    expect(bad.stderr).toMatch(/E_USER: unknown role boss: expected admin, clerk, signer/);
    expect(runVanthu(['user', 'disable', 'nguyenvana'], { cwd: dir, env }).status).toBe(0);
    const list = JSON.parse(runVanthu(['user', 'list', '--json'], { cwd: dir, env }).stdout) as Array<{ name: string; roles: string[]; disabledAt: string | null }>;
    expect(list).toMatchObject([{ name: 'nguyenvana', roles: ['clerk'] }]);
    expect(list[0]!.disabledAt).not.toBeNull();
  });
});
