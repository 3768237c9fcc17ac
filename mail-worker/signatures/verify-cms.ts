// Verifying CMS signatures (detached .p7s, S/MIME, PDF): the signature itself by pkijs (a maintained CMS library
// over WebCrypto), then the chain to the configured trust anchors, validity at signing time, key usage and CRLs by
// Node's X509Certificate and pkijs. No cryptographic primitive is written here.
import { createHash, webcrypto, X509Certificate } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { toPkijs, type TrustStore } from './trust.js';
import type { SignatureResult, SignatureStatus } from './types.js';

const SIGNING_TIME = '1.2.840.113549.1.9.5';
const KEY_USAGE = '2.5.29.15';
const DIGESTS: Record<string, string> = {
  '2.16.840.1.101.3.4.2.1': 'SHA-256', '2.16.840.1.101.3.4.2.2': 'SHA-384', '2.16.840.1.101.3.4.2.3': 'SHA-512', '1.3.14.3.2.26': 'SHA-1',
};

/**
 * Every signature of a CMS over `content` (detached), or over the content it carries (`content` null: opaque
 * signed-data); a signature that cannot even be parsed is one `invalid` result.
 */
export async function verifyDetachedCms(cmsDer: Uint8Array, content: SignedContent | null, trust: TrustStore, now = new Date()): Promise<SignatureResult[]> {
  let signed: pkijs.SignedData;
  try {
    const parsed = asn1js.fromBER(new Uint8Array(cmsDer));
    if (parsed.offset === -1) throw new Error(parsed.result.error || 'not DER');
    const info = new pkijs.ContentInfo({ schema: parsed.result });
    if (info.contentType !== pkijs.ContentInfo.SIGNED_DATA) throw new Error(`content type ${info.contentType} is not signed data`);
    signed = new pkijs.SignedData({ schema: info.content });
  } catch (err) {
    return [damaged(`the signature cannot be read (${(err as Error).message}); it is damaged or cut short`)];
  }
  // A detached signature that also carries content of its own, different from what it is said to sign, is forged
  // or broken: the signer signed something else.
  const eContent = signed.encapContentInfo.eContent;
  const carried = eContent ? new Uint8Array(eContent.getValue()) : null;
  if (content && carried && carried.byteLength > 0 && !Buffer.from(carried).equals(joined(content))) {
    return signed.signerInfos.map(() => damaged('the signature carries other content than the document it comes with'));
  }
  const results: SignatureResult[] = [];
  for (let i = 0; i < signed.signerInfos.length; i++) results.push(await verifyOne(signed, i, content, trust, now));
  return results.length > 0 ? results : [damaged('the signature holds no signer')];
}

async function verifyOne(signed: pkijs.SignedData, index: number, content: SignedContent | null, trust: TrustStore, now: Date): Promise<SignatureResult> {
  const info = signed.signerInfos[index]!;
  const signingTime = signingTimeOf(info);
  const digestAlgorithm = DIGESTS[info.digestAlgorithm.algorithmId] ?? info.digestAlgorithm.algorithmId;
  let verified: { signatureVerified?: boolean | null; signerCertificate?: pkijs.Certificate | null; message?: string };
  try {
    // Pieces (a PDF's byte range) are hashed where they lie when the signature has signed attributes (it always
    // does in PDFs): pkijs compares that digest with the signed one and verifies the signature as usual.
    const pieces = Array.isArray(content) && info.signedAttrs ? (content as readonly Uint8Array[]) : null;
    const data = pieces ? PIECES : content ? toArrayBuffer(joined(content)) : null;
    verified = await signed.verify({ signer: index, ...(data ? { data } : {}), extendedMode: true, checkChain: false }, pieces ? new PiecesEngine(pieces) : undefined);
  } catch (err) {
    const e = err as { signatureVerified?: boolean; signerCertificate?: pkijs.Certificate; message?: string };
    verified = { signatureVerified: false, ...(e.signerCertificate ? { signerCertificate: e.signerCertificate } : {}), message: e.message ?? String(err) };
  }
  const cert = verified.signerCertificate ? new X509Certificate(Buffer.from(verified.signerCertificate.toSchema().toBER())) : null;
  const base = { signer: signerOf(cert), certificate: certificateOf(cert), signingTime: signingTime?.toISOString() ?? null, digestAlgorithm };
  const result = (status: SignatureStatus, reason: string | null): SignatureResult => ({ status, reason, ...base });
  if (!verified.signatureVerified) {
    return result('invalid', `the document does not match its signature${verified.message ? ` (${verified.message})` : ''}`);
  }
  if (!cert) return result('invalid', 'the signer\'s certificate is not in the signature');
  const at = signingTime ?? now;
  const embedded = (signed.certificates ?? []).filter((c): c is pkijs.Certificate => c instanceof pkijs.Certificate)
    .map((c) => new X509Certificate(Buffer.from(c.toSchema().toBER())));
  const chain = chainOf(cert, embedded, trust.anchors);
  if (!chain) return result('untrusted', `no configured trust anchor issued ${cert.issuer.replace(/\n/g, ', ')}`);
  for (const link of chain) {
    if (at < new Date(link.validFrom) || at > new Date(link.validTo)) {
      return result('expired', `${link === cert ? 'the signer\'s certificate' : `certificate ${link.subject.replace(/\n/g, ', ')}`} was not valid on ${at.toISOString()} (valid ${new Date(link.validFrom).toISOString()} to ${new Date(link.validTo).toISOString()})`);
    }
  }
  if (!mayDigitallySign(cert)) return result('invalid', 'the signer\'s certificate is not for digital signatures (key usage)');
  const { revoked, checked } = await revocationOf(cert, chain[1] ?? chain[0]!, trust);
  if (revoked && revoked <= at) return result('revoked', `the signer's certificate was revoked on ${revoked.toISOString()} (CRL)`);
  if (revoked) return result('valid', `the certificate was revoked later, on ${revoked.toISOString()}`);
  return result('valid', checked ? null : 'revocation not checked: no CRL from the certificate\'s issuer is configured or fetched');
}

/** The signer's certificate up to a trust anchor, through certificates the signature carries; null if none. */
function chainOf(cert: X509Certificate, embedded: X509Certificate[], anchors: X509Certificate[]): X509Certificate[] | null {
  // A signer certificate listed itself as a trust anchor (pinned, as a self-signed agency certificate would be).
  if (anchors.some((a) => a.fingerprint256 === cert.fingerprint256)) return [cert];
  const chain = [cert];
  let current = cert;
  for (let depth = 0; depth < 6; depth++) {
    const anchor = anchors.find((a) => current.checkIssued(a) && current.verify(a.publicKey));
    if (anchor) return anchor.fingerprint256 === current.fingerprint256 ? chain : [...chain, anchor];
    const next = embedded.find((c) => c.fingerprint256 !== current.fingerprint256 && current.checkIssued(c) && current.verify(c.publicKey));
    if (!next) return null;
    chain.push(next);
    current = next;
  }
  return null;
}

function mayDigitallySign(cert: X509Certificate): boolean {
  const extension = toPkijs(cert).extensions?.find((e) => e.extnID === KEY_USAGE);
  if (!extension) return true;
  const bits = new Uint8Array((extension.parsedValue as asn1js.BitString).valueBlock.valueHexView);
  return Boolean(bits[0]! & 0x80 || bits[0]! & 0x40); // digitalSignature, nonRepudiation
}

/**
 * When the signer's certificate was revoked, by a CRL its issuer signed (null if it is not listed), and whether any
 * CRL of that issuer was there to ask.
 */
async function revocationOf(cert: X509Certificate, issuer: X509Certificate, trust: TrustStore): Promise<{ revoked: Date | null; checked: boolean }> {
  const serial = cert.serialNumber.toUpperCase().replace(/^0+/, '');
  let checked = false;
  for (const crl of trust.crls) {
    const index = crlIndexOf(crl);
    if (!(await index.signedBy(issuer))) continue;
    checked = true;
    const revoked = index.revoked.get(serial);
    if (revoked) return { revoked, checked };
  }
  return { revoked: null, checked };
}

interface CrlIndex {
  /** Whether this issuer signed the CRL, checked once per issuer. */
  signedBy(issuer: X509Certificate): Promise<boolean>;
  /** Revoked serial (hex, upper case, no leading zeros) -> revocation date. */
  revoked: Map<string, Date>;
}

/** A loaded CRL does not change: its signature check and its list of serials are worked out once, not per signature. */
const crlIndexes = new WeakMap<pkijs.CertificateRevocationList, CrlIndex>();

function crlIndexOf(crl: pkijs.CertificateRevocationList): CrlIndex {
  let index = crlIndexes.get(crl);
  if (index) return index;
  const revoked = new Map<string, Date>();
  for (const entry of crl.revokedCertificates ?? []) {
    const listed = Buffer.from(entry.userCertificate.valueBlock.valueHexView).toString('hex').toUpperCase().replace(/^0+/, '');
    if (!revoked.has(listed)) revoked.set(listed, entry.revocationDate.value);
  }
  const checks = new Map<string, Promise<boolean>>();
  index = {
    revoked,
    signedBy(issuer) {
      let check = checks.get(issuer.fingerprint256);
      if (!check) {
        check = crl.verify({ issuerCertificate: toPkijs(issuer) }).catch(() => false);
        checks.set(issuer.fingerprint256, check);
      }
      return check;
    },
  };
  crlIndexes.set(crl, index);
  return index;
}

function signingTimeOf(info: pkijs.SignerInfo): Date | null {
  const attribute = info.signedAttrs?.attributes.find((a) => a.type === SIGNING_TIME);
  const value = attribute?.values[0] as { toDate?: () => Date } | undefined;
  return value?.toDate ? value.toDate() : null;
}

function signerOf(cert: X509Certificate | null): SignatureResult['signer'] {
  const field = (name: string) => cert?.subject.split('\n').find((l) => l.startsWith(`${name}=`))?.slice(name.length + 1) ?? null;
  return { name: field('CN'), organisation: field('O'), email: field('emailAddress') };
}

function certificateOf(cert: X509Certificate | null): SignatureResult['certificate'] {
  if (!cert) return null;
  return {
    serial: cert.serialNumber, issuer: cert.issuer.replace(/\n/g, ', '), subject: cert.subject.replace(/\n/g, ', '),
    validFrom: new Date(cert.validFrom).toISOString(), validTo: new Date(cert.validTo).toISOString(),
  };
}

/** A signature that cannot be checked at all: invalid, with the reason. */
export function damaged(reason: string): SignatureResult {
  return { status: 'invalid', reason, signer: { name: null, organisation: null, email: null }, certificate: null, signingTime: null, digestAlgorithm: null };
}

/** What a signature covers: one buffer, or the pieces a PDF's byte range leaves around the signature (never joined). */
export type SignedContent = Uint8Array | readonly Uint8Array[];

function joined(content: SignedContent): Buffer {
  return Array.isArray(content) ? Buffer.concat(content as readonly Uint8Array[]) : Buffer.from((content as Uint8Array).buffer, (content as Uint8Array).byteOffset, (content as Uint8Array).byteLength);
}

/** Stands for the pieces when pkijs asks for the digest of the signed data. */
const PIECES = new ArrayBuffer(1);
const NODE_HASH: Record<string, string> = { 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };

/** pkijs's WebCrypto engine, with the digest of PIECES taken by Node's hash over the pieces in place. */
class PiecesEngine extends pkijs.CryptoEngine {
  constructor(private readonly pieces: readonly Uint8Array[]) {
    super({ name: 'vanthu-pieces', crypto: webcrypto as unknown as Crypto });
  }

  override async digest(algorithm: globalThis.AlgorithmIdentifier, data: BufferSource): Promise<ArrayBuffer> {
    const name = typeof algorithm === 'string' ? algorithm : algorithm.name;
    if (ArrayBuffer.isView(data) && data.buffer === PIECES && NODE_HASH[name.toUpperCase()]) {
      const hash = createHash(NODE_HASH[name.toUpperCase()]!);
      for (const piece of this.pieces) hash.update(piece);
      const digest = hash.digest();
      return digest.buffer.slice(digest.byteOffset, digest.byteOffset + digest.byteLength) as ArrayBuffer;
    }
    return super.digest(algorithm, data);
  }
}

/** The bytes as an ArrayBuffer, without copying when they already fill one. */
function toArrayBuffer(bytes: Uint8Array): ArrayBuffer {
  if (bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer) return bytes.buffer;
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}
