// Trust anchors and CRLs as admins configure them: a folder of PEM/DER certificates, CRL files. Nothing is built in.
import { X509Certificate } from 'node:crypto';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import * as pkijs from 'pkijs';
import { VanthuError } from '../errors.js';

/** Where the trust anchors and CRLs are; `version` changes when the files' content does (fetched CRLs). */
export interface TrustSettings {
  anchors: string | null;
  crls: readonly string[];
  version?: number;
}

export interface TrustStore {
  anchors: X509Certificate[];
  crls: pkijs.CertificateRevocationList[];
}

/** Throws E_CONFIG_INVALID naming the setting and the file when a certificate or CRL cannot be read. */
export function loadTrustStore(options: { anchors?: string | null; crls?: readonly string[] }): TrustStore {
  const anchors = options.anchors ? readAll('signatures.trustAnchors', options.anchors, certificatesIn) : [];
  const crls = (options.crls ?? []).flatMap((entry) => readAll('signatures.crls', entry, crlsIn));
  return { anchors, crls };
}

function readAll<T>(setting: string, entry: string, read: (bytes: Buffer) => T[]): T[] {
  let file = entry;
  try {
    return filesOf(entry).flatMap((f) => {
      file = f;
      return read(readFileSync(f));
    });
  } catch (err) {
    throw new VanthuError('E_CONFIG_INVALID', `${setting}: ${file} cannot be read (${(err as Error).message})`, err);
  }
}

function filesOf(entry: string): string[] {
  return statSync(entry).isDirectory() ? readdirSync(entry).sort().map((f) => path.join(entry, f)).filter((f) => statSync(f).isFile()) : [entry];
}

/** Every certificate in a PEM bundle, or the one DER certificate. */
function certificatesIn(bytes: Buffer): X509Certificate[] {
  const text = bytes.toString('latin1');
  const pems = text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g);
  if (pems) return pems.map((pem) => new X509Certificate(pem));
  try {
    return [new X509Certificate(bytes)];
  } catch {
    return [];
  }
}

/** The DER of each CRL in a file: PEM blocks, or the file itself as DER. */
function crlDersIn(bytes: Buffer): Buffer[] {
  const blocks = bytes.toString('latin1').match(/-----BEGIN X509 CRL-----([\s\S]+?)-----END X509 CRL-----/g);
  return blocks ? blocks.map((b) => Buffer.from(b.replace(/-----[^-]+-----/g, '').replace(/\s+/g, ''), 'base64')) : [bytes];
}

function crlsIn(bytes: Buffer): pkijs.CertificateRevocationList[] {
  return crlDersIn(bytes).map((der) => pkijs.CertificateRevocationList.fromBER(new Uint8Array(der))).filter(Boolean);
}

/** A downloaded CRL (PEM or DER) as DER, to keep; throws "not a CRL (...)" when the bytes are something else. */
export function crlDerOf(bytes: Buffer): Buffer {
  const der = crlDersIn(bytes)[0]!;
  try {
    pkijs.CertificateRevocationList.fromBER(new Uint8Array(der));
  } catch (err) {
    throw new Error(`not a CRL (${(err as Error).message})`);
  }
  return der;
}

/** A Node certificate as pkijs sees it (for CRL and extension checks). */
export function toPkijs(cert: X509Certificate): pkijs.Certificate {
  return pkijs.Certificate.fromBER(new Uint8Array(cert.raw));
}


