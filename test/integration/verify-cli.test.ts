// `vanthu verify` as a user runs it: a document with its .p7s (signed by openssl), S/MIME mail; exit 0 only when
// every signature is valid.
import { copyFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../mail-worker/paths.js';
import { runVanthu } from '../helpers/cli.js';
import { makeTestPki, opensslSign } from '../../scripts/test-pki.js';
import { tempDir } from '../helpers/tmp.js';

describe('vanthu verify', () => {
  it('verifies a document with its .p7s and S/MIME mail, as JSON Lines; exit 1 when one is not valid', () => {
    const dir = tempDir();
    const pki = makeTestPki(path.join(dir, 'pki'));
    const doc = path.join(dir, 'to-trinh.txt');
    writeFileSync(doc, 'TỜ TRÌNH số 5/TTr-STC\n');
    opensslSign(pki.rsa, doc, `${doc}.p7s`);
    const good = runVanthu(['verify', '--json', '--anchors', pki.anchors, '--crl', pki.crls, `${doc}.p7s`, doc], { cwd: dir });
    expect(good.status).toBe(0);
    const lines = good.stdout.trim().split('\n').map((l) => JSON.parse(l) as { kind: string; signatures: Array<{ status: string; signer: { name: string } }> });
    expect(lines.map((l) => [l.kind, l.signatures[0]!.status, l.signatures[0]!.signer.name])).toEqual([['cms', 'valid', 'Nguyen Van An'], ['cms', 'valid', 'Nguyen Van An']]);

    const smime = path.join(PROJECT_ROOT, 'test/fixtures/smime');
    copyFileSync(path.join(smime, 'alice.dsig.SHA256.multipart.bad.eml'), path.join(dir, 'bad.eml'));
    const bad = runVanthu(['verify', '--anchors', path.join(smime, 'TestCA.pem'), path.join(smime, 'alice.dsig.SHA256.multipart.eml'), path.join(dir, 'bad.eml')], { cwd: dir });
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(/alice\.dsig\.SHA256\.multipart\.eml \(smime\):\n {2}#1 valid \(hợp lệ\) — Alice/);
    expect(bad.stdout).toMatch(/bad\.eml \(smime\):\n {2}#1 invalid \(không hợp lệ\)/);
  });
});
