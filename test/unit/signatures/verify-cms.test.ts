// Detached CMS signatures made by `openssl cms -sign` with a test PKI made by openssl in this setup: the good ones
// verify, and each bad case is told apart.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTrustStore, type TrustStore } from '../../../mail-worker/signatures/trust.js';
import { verifyDetachedCms } from '../../../mail-worker/signatures/verify-cms.js';
import { makeTestPki, opensslSign, type TestPki } from '../../../scripts/test-pki.js';
import { tempDir } from '../../helpers/tmp.js';

let pki: TestPki;
let trust: TrustStore;
let doc: string;
const sign = (signer: 'rsa' | 'agency' | 'ecdsa' | 'expired' | 'revoked' | 'untrusted', name: string, digest = 'sha256') => {
  const out = path.join(pki.dir, `${name}.p7s`);
  opensslSign(pki[signer], doc, out, digest);
  return readFileSync(out);
};
const verify = (p7s: Buffer, content = readFileSync(doc)) => verifyDetachedCms(p7s, content, trust);

beforeAll(() => {
  pki = makeTestPki(tempDir('vanthu-pki-'));
  trust = loadTrustStore({ anchors: pki.anchors, crls: [pki.crls] });
  doc = path.join(pki.dir, 'cong-van.txt');
  writeFileSync(doc, 'UBND TỈNH THỬ NGHIỆM\nSố: 12/UBND-VP\nV/v thử chữ ký số\n');
}, 60_000);

describe('detached CMS (.p7s) made by openssl', () => {
  it('an RSA signature verifies as valid, with the signer and the signing time', async () => {
    const [result] = await verify(sign('rsa', 'rsa'));
    expect(result).toMatchObject({ status: 'valid', reason: null, signer: { name: 'Nguyen Van An', organisation: 'UBND tinh Thu nghiem' }, digestAlgorithm: 'SHA-256' });
    expect(result!.certificate?.issuer).toContain('Vanthu Test Root CA');
    expect(Math.abs(Date.parse(result!.signingTime!) - Date.now())).toBeLessThan(120_000);
  });

  it('an ECDSA signature with SHA-384 verifies as valid', async () => {
    const [result] = await verify(sign('ecdsa', 'ecdsa', 'sha384'));
    expect(result).toMatchObject({ status: 'valid', digestAlgorithm: 'SHA-384', signer: { name: 'Tran Thi Binh' } });
  });

  it('one byte changed in the document: invalid', async () => {
    const content = Buffer.from(readFileSync(doc));
    content[5] ^= 0x01;
    expect((await verify(sign('rsa', 'rsa-2'), content))[0]).toMatchObject({ status: 'invalid', reason: expect.stringMatching(/does not match its signature/) });
  });

  it('a signature over a different document: invalid', async () => {
    expect((await verify(sign('rsa', 'rsa-3'), Buffer.from('another document')))[0]!.status).toBe('invalid');
  });

  it('a certificate from an untrusted CA: untrusted; the same signer certificate pinned as an anchor itself: valid', async () => {
    const p7s = sign('untrusted', 'untrusted');
    expect((await verify(p7s))[0]).toMatchObject({ status: 'untrusted', reason: expect.stringMatching(/no configured trust anchor issued .*Untrusted Test CA/) });
    const pinned = loadTrustStore({ anchors: pki.untrusted.cert });
    expect((await verifyDetachedCms(p7s, readFileSync(doc), pinned))[0]).toMatchObject({ status: 'valid', reason: expect.stringMatching(/revocation not checked/) });
  });

  it('an expired certificate: expired at signing time', async () => {
    expect((await verify(sign('expired', 'expired')))[0]).toMatchObject({ status: 'expired', reason: expect.stringMatching(/was not valid on/) });
  });

  it('a revoked certificate: revoked, by the CRL', async () => {
    expect((await verify(sign('revoked', 'revoked')))[0]).toMatchObject({ status: 'revoked', reason: expect.stringMatching(/revoked on .* \(CRL\)/) });
    // Without the CRL configured, nothing says it is revoked.
    const withoutCrl = loadTrustStore({ anchors: pki.anchors, crls: [] });
    expect((await verifyDetachedCms(readFileSync(path.join(pki.dir, 'revoked.p7s')), readFileSync(doc), withoutCrl))[0]!.status).toBe('valid');
  });

  it('a truncated .p7s: invalid, damaged', async () => {
    const p7s = sign('rsa', 'rsa-4');
    expect((await verify(p7s.subarray(0, p7s.length - 200)))[0]).toMatchObject({ status: 'invalid', reason: expect.stringMatching(/cannot be read .*damaged or cut short/) });
  });

  it('no trust anchors configured: untrusted (nothing is trusted by default)', async () => {
    const none = loadTrustStore({ anchors: null, crls: [] });
    expect((await verifyDetachedCms(sign('rsa', 'rsa-5'), readFileSync(doc), none))[0]!.status).toBe('untrusted');
  });
});
