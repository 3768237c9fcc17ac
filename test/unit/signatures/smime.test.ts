// The S/MIME messages of Mozilla's test suite (test/fixtures/smime, with their test CA): each verifies or fails the
// way its file name says.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../mail-worker/paths.js';
import { findSmimeSignatures } from '../../../mail-worker/signatures/smime.js';
import { loadTrustStore } from '../../../mail-worker/signatures/trust.js';
import { verifyDetachedCms } from '../../../mail-worker/signatures/verify-cms.js';

const DIR = path.join(PROJECT_ROOT, 'test/fixtures/smime');
const trust = loadTrustStore({ anchors: path.join(DIR, 'TestCA.pem') });

async function verifyMessage(file: string, store = trust) {
  const signatures = findSmimeSignatures(readFileSync(path.join(DIR, file)));
  const results = [];
  for (const s of signatures) results.push(...(await verifyDetachedCms(s.cms, s.kind === 'detached' ? s.signedBytes : null, store)));
  return { kinds: signatures.map((s) => s.kind), results };
}

describe('S/MIME signed mail', () => {
  it.each([
    ['alice.dsig.SHA256.multipart.eml', 'detached', 'valid'],
    ['alice.dsig.SHA384.multipart.eml', 'detached', 'valid'],
    ['alice.dsig.SHA512.multipart.eml', 'detached', 'valid'],
    ['alice.sig.SHA256.opaque.eml', 'opaque', 'valid'],
    ['alice.sig.SHA512.opaque.eml', 'opaque', 'valid'],
    ['alice.dsig.SHA256.multipart.bad.eml', 'detached', 'invalid'],
    ['alice.dsig.SHA512.multipart.bad.eml', 'detached', 'invalid'],
    ['alice.dsig.SHA256.multipart.mismatch-econtent.eml', 'detached', 'invalid'],
  ])('%s: %s signature, %s', async (file, kind, status) => {
    const { kinds, results } = await verifyMessage(file);
    expect(kinds).toEqual([kind]);
    expect(results.map((r) => r.status)).toEqual([status]);
    if (status === 'valid') expect(results[0]).toMatchObject({ signer: { name: 'Alice', organisation: 'BOGUS NSS' }, signingTime: expect.stringMatching(/^2026-01-26T/) });
  });

  it('the same good message is untrusted when its CA is not configured', async () => {
    const { results } = await verifyMessage('alice.dsig.SHA256.multipart.eml', loadTrustStore({ anchors: null }));
    expect(results[0]!.status).toBe('untrusted');
  });
});
