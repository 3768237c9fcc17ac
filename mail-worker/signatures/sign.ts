// Signing with the agency's certificate (PKCS#12 through node-forge): PDFs in the PAdES style (adbe.pkcs7.detached
// via @signpdf, optionally with a visible stamp naming the agency and the time in ISO 8601 with +07:00), and a
// detached CMS (.p7s) for any other file.
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { P12Signer } from '@signpdf/signer-p12';
import { SignPdf } from '@signpdf/signpdf';
import forge from 'node-forge';
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib';
import { vietnamIsoSecondsOf } from '../domain/register-year.js';
import { toPlain } from '../domain/text.js';
import { VanthuError } from '../errors.js';
import { isPdf } from './pdf.js';

export interface SigningKey {
  key: forge.pki.PrivateKey;
  certificate: forge.pki.Certificate;
  chain: forge.pki.Certificate[];
  /** The PKCS#12 as given, for @signpdf. */
  p12: Buffer;
  password: string;
  signerName: string | null;
}

const OIDS = {
  pkcs8ShroudedKeyBag: forge.pki.oids.pkcs8ShroudedKeyBag!, keyBag: forge.pki.oids.keyBag!, certBag: forge.pki.oids.certBag!,
  sha256: forge.pki.oids.sha256!, contentType: forge.pki.oids.contentType!, data: forge.pki.oids.data!,
  messageDigest: forge.pki.oids.messageDigest!, signingTime: forge.pki.oids.signingTime!,
};

/** Open a PKCS#12; E_SIGN_KEY with a clear reason for a wrong password or a damaged file. */
export function openSigningKey(p12: Buffer, password: string): SigningKey {
  let parsed: forge.pkcs12.Pkcs12Pfx;
  try {
    parsed = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(forge.util.createBuffer(p12.toString('binary'))), false, password);
  } catch (err) {
    const message = (err as Error).message ?? String(err);
    if (/password|MAC|decrypt|Invalid/i.test(message)) throw new VanthuError('E_SIGN_KEY', `the PKCS#12 password is wrong (${message})`, err);
    throw new VanthuError('E_SIGN_KEY', `not a readable PKCS#12 file (${message})`, err);
  }
  const bags = (type: string): forge.pkcs12.Bag[] => parsed.getBags({ bagType: type })[type] ?? [];
  const keys = [...bags(OIDS.pkcs8ShroudedKeyBag), ...bags(OIDS.keyBag)];
  const certs = bags(OIDS.certBag).map((b) => b.cert).filter((c): c is forge.pki.Certificate => Boolean(c));
  const key = keys[0]?.key;
  if (!key) throw new VanthuError('E_SIGN_KEY', 'the PKCS#12 file holds no private key (or it is not an RSA key, which is what can be used here)');
  const rsa = key as forge.pki.rsa.PrivateKey;
  const certificate = certs.find((c: forge.pki.Certificate) => {
    const pub = c.publicKey as forge.pki.rsa.PublicKey;
    return pub.n && pub.n.compareTo(rsa.n) === 0 && pub.e.compareTo(rsa.e) === 0;
  });
  if (!certificate) throw new VanthuError('E_SIGN_KEY', 'the PKCS#12 file has no certificate for its private key');
  const cn = certificate.subject.getField('CN') as { value?: string } | null;
  return { key, certificate, chain: certs.filter((c) => c !== certificate), p12, password, signerName: cn?.value ?? null };
}

/** A detached CMS signature (DER) over `content`: SHA-256, with content type, message digest and signing time. */
function signDetached(content: Buffer, signer: SigningKey, signingTime = new Date()): Buffer {
  const p7 = forge.pkcs7.createSignedData();
  p7.content = forge.util.createBuffer(content.toString('binary'));
  p7.addCertificate(signer.certificate);
  for (const cert of signer.chain) p7.addCertificate(cert);
  p7.addSigner({
    key: signer.key as forge.pki.rsa.PrivateKey, certificate: signer.certificate, digestAlgorithm: OIDS.sha256,
    authenticatedAttributes: [
      { type: OIDS.contentType, value: OIDS.data },
      { type: OIDS.messageDigest },
      // node-forge takes a Date for the signing time, though its types say string.
      { type: OIDS.signingTime, value: signingTime as unknown as string },
    ],
  });
  p7.sign({ detached: true });
  return Buffer.from(forge.asn1.toDer(p7.toAsn1()).getBytes(), 'binary');
}

export interface PdfSigningOptions {
  reason?: string;
  location?: string;
  /** Draw a visible stamp on the first page: the agency's name and the signing time (ISO 8601, +07:00). */
  stamp?: string | null;
  signingTime?: Date;
}

async function signPdf(pdf: Buffer, signer: SigningKey, options: PdfSigningOptions = {}): Promise<Buffer> {
  const signingTime = options.signingTime ?? new Date();
  let doc: PDFDocument;
  try {
    doc = await PDFDocument.load(pdf);
  } catch (err) {
    throw new VanthuError('E_SIGN_INPUT', `not a readable PDF (${(err as Error).message})`, err);
  }
  if (options.stamp) {
    const page = doc.getPage(0);
    const font = await doc.embedFont(StandardFonts.Helvetica);
    // The standard PDF fonts have no Vietnamese letters: the stamp is written without tone marks.
    const lines = [`Ky boi: ${toPlain(options.stamp)}`, `Thoi gian ky: ${vietnamIsoSecondsOf(signingTime)}`];
    page.drawRectangle({ x: 330, y: 30, width: 240, height: 36, borderColor: rgb(0.7, 0.1, 0.1), borderWidth: 1 });
    lines.forEach((line, i) => page.drawText(line, { x: 336, y: 54 - i * 14, size: 9, font, color: rgb(0.7, 0.1, 0.1) }));
  }
  pdflibAddPlaceholder({
    pdfDoc: doc, reason: options.reason ?? 'Ký số văn bản', contactInfo: '', name: signer.signerName ?? 'vanthu',
    location: options.location ?? '', signingTime, signatureLength: 16_384,
  });
  const prepared = Buffer.from(await doc.save({ useObjectStreams: false }));
  try {
    return await new SignPdf().sign(prepared, new P12Signer(signer.p12, { passphrase: signer.password }), signingTime);
  } catch (err) {
    throw new VanthuError('E_SIGN_INPUT', `the PDF could not be signed (${(err as Error).message})`, err);
  }
}

/** A PDF gets an embedded signature (and the stamp, if asked); any other file a detached CMS (.p7s). */
export async function signDocument(document: Buffer, signer: SigningKey, options: PdfSigningOptions = {}): Promise<{ kind: 'pdf' | 'cms'; signed: Buffer }> {
  if (isPdf(document)) return { kind: 'pdf', signed: await signPdf(document, signer, options) };
  return { kind: 'cms', signed: signDetached(document, signer, options.signingTime) };
}

