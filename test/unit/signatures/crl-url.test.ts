// CRLs at a URL: fetched from a real HTTP server on loopback, cached under the data directory, the last good copy
// kept when the server is gone or answers with something that is not a CRL; health says so.
import { createServer, type Server } from 'node:http';
import { readFileSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openRegisterDb } from '../../../mail-worker/register/db.js';
import { SignatureService } from '../../../mail-worker/signatures/service.js';
import { ensureCommand } from '../../../scripts/ensure-packages.js';
import { makeTestPki, pdfsigSign, type TestPki } from '../../../scripts/test-pki.js';
import { startServiceFrom } from '../../helpers/service.js';
import { tempDir } from '../../helpers/tmp.js';

const dir = tempDir();
let pki: TestPki;
let revokedPdf: Buffer;
let server: Server;
let base = '';
/** What the CA's server answers: the CRL, garbage, or 503. */
let answer: 'crl' | 'garbage' | 'down' = 'crl';
let requests = 0;

beforeAll(async () => {
  ensureCommand('pdfsig', 'poppler-utils');
  ensureCommand('certutil', 'libnss3-tools');
  pki = makeTestPki(path.join(dir, 'pki'));
  const doc = await PDFDocument.create();
  doc.addPage();
  writeFileSync(path.join(dir, 'plain.pdf'), await doc.save());
  pdfsigSign(pki, pki.revoked, path.join(dir, 'plain.pdf'), path.join(dir, 'revoked.pdf'));
  revokedPdf = readFileSync(path.join(dir, 'revoked.pdf'));
  const crl = readFileSync(path.join(pki.crls, 'root.crl'));
  server = createServer((_req, res) => {
    requests++;
    if (answer === 'down') return void res.writeHead(503).end();
    res.writeHead(200, { 'Content-Type': 'application/pkix-crl' }).end(answer === 'crl' ? crl : Buffer.from('<html>maintenance</html>'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 300_000);

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function serviceFor(dataDir: string, url: string): SignatureService {
  const db = openRegisterDb(dataDir);
  afterAll(() => db.close());
  return new SignatureService(db, { trustAnchors: pki.anchors, crls: [url], signing: null }, dataDir, () => new Date());
}

const statusOf = async (svc: SignatureService) => (await svc.verify(revokedPdf, null)).signatures.map((s) => s.status);

describe('CRLs at a URL', () => {
  it('revocation is checked with the fetched CRL, and still with the cached copy when the server is down', async () => {
    const dataDir = path.join(dir, 'data-1');
    const svc = serviceFor(dataDir, `${base}/root.crl`);
    // Nothing fetched yet: the signature itself is fine, and the result says revocation was not checked.
    const unchecked = (await svc.verify(revokedPdf, null)).signatures[0]!;
    expect(unchecked).toMatchObject({ status: 'valid', reason: expect.stringMatching(/revocation not checked/) });
    const [fetched] = await svc.refreshCrls();
    expect(fetched!.error).toBeNull();
    expect(await statusOf(svc)).toEqual(['revoked']);

    answer = 'down';
    const before = requests;
    const later = serviceFor(dataDir, `${base}/root.crl`); // a restart, with the CA's server down
    const [failed] = await later.refreshCrls();
    expect(requests).toBe(before + 1);
    expect(failed!.error).toMatch(/HTTP 503; using the copy fetched before/);
    expect(failed!.fetchedAt).not.toBeNull();
    expect(await statusOf(later)).toEqual(['revoked']);
    answer = 'crl';
  });

  it('an answer that is not a CRL replaces nothing and is reported; health is degraded while no copy exists', async () => {
    answer = 'garbage';
    const svc = await startServiceFrom({ signatures: { trustAnchors: pki.anchors, crls: [`${base}/garbage.crl`] } });
    const health = (await (await fetch(`${svc.baseUrl}/api/health`, { headers: { Authorization: `Bearer ${svc.token}` } })).json()) as {
      status: string; crls: Array<{ url: string; fetchedAt: string | null; error: string | null }>;
    };
    expect(health.status).toBe('degraded');
    expect(health.crls).toEqual([{ url: `${base}/garbage.crl`, fetchedAt: null, error: expect.stringMatching(/not a CRL.*no copy yet: revocation by this CRL is not checked/) }]);
    answer = 'crl';
  });

  it('an unreachable URL does not stop the start', async () => {
    const svc = serviceFor(path.join(dir, 'data-3'), 'http://127.0.0.1:9/nothing.crl');
    const [r] = await svc.refreshCrls(2000);
    expect(r!.error).toMatch(/no copy yet/);
    expect(await statusOf(svc)).toEqual(['valid']);
  });
});
