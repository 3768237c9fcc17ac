// A test PKI made by `openssl` in the test setup: a trusted root CA with signers (RSA, ECDSA, expired, revoked),
// its CRL, and an untrusted CA with its own signer. Nothing here is committed: every run makes a fresh one.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface TestSigner {
  cert: string;
  key: string;
}

export interface TestPki {
  dir: string;
  /** Folder of trust anchors (the trusted root only). */
  anchors: string;
  /** Folder of CRLs. */
  crls: string;
  rsa: TestSigner;
  /** A second RSA signer: the agency's seal after the official's signature. */
  agency: TestSigner;
  ecdsa: TestSigner;
  expired: TestSigner;
  revoked: TestSigner;
  untrusted: TestSigner;
}

const openssl = (cwd: string, ...args: string[]) => execFileSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });

function makeCa(dir: string, name: string, cn: string): void {
  const ca = path.join(dir, name);
  mkdirSync(path.join(ca, 'newcerts'), { recursive: true });
  writeFileSync(path.join(ca, 'index.txt'), '');
  writeFileSync(path.join(ca, 'serial'), '1000\n');
  writeFileSync(path.join(ca, 'crlnumber'), '1000\n');
  writeFileSync(path.join(ca, 'ca.cnf'), `
[ca]
default_ca = CA_default
[CA_default]
dir = ${ca}
database = $dir/index.txt
new_certs_dir = $dir/newcerts
certificate = $dir/ca.pem
private_key = $dir/ca.key
serial = $dir/serial
crlnumber = $dir/crlnumber
default_md = sha256
default_crl_days = 30
policy = policy_any
unique_subject = no
copy_extensions = none
[policy_any]
commonName = supplied
organizationName = optional
emailAddress = optional
[signer]
basicConstraints = CA:FALSE
keyUsage = critical, digitalSignature, nonRepudiation
extendedKeyUsage = emailProtection
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
`);
  openssl(ca, 'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '3650',
    '-subj', `/CN=${cn}/O=Vanthu Test PKI`, '-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign');
}

function issue(dir: string, caName: string, name: string, cn: string, options: { ec?: boolean; start?: string; end?: string } = {}): TestSigner {
  const ca = path.join(dir, caName);
  const key = path.join(dir, `${name}.key`);
  const csr = path.join(dir, `${name}.csr`);
  const cert = path.join(dir, `${name}.pem`);
  const keyArgs = options.ec ? ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256'] : ['-newkey', 'rsa:2048'];
  openssl(dir, 'req', '-new', ...keyArgs, '-nodes', '-keyout', key, '-out', csr, '-subj', `/CN=${cn}/O=UBND tinh Thu nghiem/emailAddress=${name}@example.gov.vn`);
  openssl(ca, 'ca', '-batch', '-config', 'ca.cnf', '-extensions', 'signer', '-in', csr, '-out', cert, '-notext',
    '-startdate', options.start ?? '20250101000000Z', '-enddate', options.end ?? '20360101000000Z');
  return { cert, key };
}

export function makeTestPki(dir: string): TestPki {
  mkdirSync(dir, { recursive: true });
  makeCa(dir, 'root', 'Vanthu Test Root CA');
  makeCa(dir, 'other', 'Untrusted Test CA');
  const rsa = issue(dir, 'root', 'rsa', 'Nguyen Van An');
  const agency = issue(dir, 'root', 'agency', 'UBND tinh Thu nghiem');
  const ecdsa = issue(dir, 'root', 'ecdsa', 'Tran Thi Binh', { ec: true });
  const expired = issue(dir, 'root', 'expired', 'Le Van Cu', { start: '20200101000000Z', end: '20210101000000Z' });
  const revoked = issue(dir, 'root', 'revoked', 'Pham Van Dung');
  const untrusted = issue(dir, 'other', 'untrusted', 'Hoang Van E');
  const root = path.join(dir, 'root');
  openssl(root, 'ca', '-config', 'ca.cnf', '-revoke', revoked.cert, '-crl_reason', 'keyCompromise');
  mkdirSync(path.join(dir, 'anchors'), { recursive: true });
  mkdirSync(path.join(dir, 'crls'), { recursive: true });
  openssl(root, 'ca', '-config', 'ca.cnf', '-gencrl', '-out', path.join(dir, 'crls', 'root.crl'));
  execFileSync('cp', [path.join(root, 'ca.pem'), path.join(dir, 'anchors', 'root.pem')]);
  return { dir, anchors: path.join(dir, 'anchors'), crls: path.join(dir, 'crls'), rsa, agency, ecdsa, expired, revoked, untrusted };
}

/** `openssl cms -sign`: a detached signature (DER) over a file. */
export function opensslSign(signer: TestSigner, content: string, out: string, digest = 'sha256'): void {
  execFileSync('openssl', ['cms', '-sign', '-binary', '-in', content, '-signer', signer.cert, '-inkey', signer.key, '-md', digest, '-outform', 'DER', '-out', out]);
}

/** Sign a PDF with poppler's `pdfsig -add-signature`, the signer's key and chain in a fresh NSS database. */
export function pdfsigSign(pki: TestPki, signer: TestSigner, input: string, output: string): void {
  const nss = path.join(pki.dir, `nss-${path.basename(signer.cert, '.pem')}`);
  const p12 = path.join(pki.dir, `${path.basename(signer.cert, '.pem')}.p12`);
  if (!existsSync(path.join(nss, 'cert9.db'))) { // one NSS database per signer, made on first use
    mkdirSync(nss, { recursive: true });
    execFileSync('openssl', ['pkcs12', '-export', '-in', signer.cert, '-inkey', signer.key, '-certfile', path.join(pki.dir, 'root', 'ca.pem'), '-out', p12, '-passout', 'pass:secret', '-name', 'signer']);
    execFileSync('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password'], { stdio: 'ignore' });
    execFileSync('pk12util', ['-i', p12, '-d', `sql:${nss}`, '-W', 'secret'], { stdio: 'ignore' });
  }
  execFileSync('pdfsig', ['-add-signature', '-nssdir', `sql:${nss}`, '-nick', 'signer', input, output], { stdio: 'ignore' });
}

/** The signer's key and certificate with the root as a PKCS#12 (password "secret"), as agencies receive them. */
export function p12Of(pki: TestPki, signer: TestSigner): string {
  const p12 = path.join(pki.dir, `${path.basename(signer.cert, '.pem')}-bundle.p12`);
  execFileSync('openssl', ['pkcs12', '-export', '-in', signer.cert, '-inkey', signer.key, '-certfile', path.join(pki.dir, 'root', 'ca.pem'), '-out', p12, '-passout', 'pass:secret', '-name', 'signer']);
  return p12;
}

/** Poppler's verdict on a PDF, with the test root trusted in a fresh NSS database. */
export function pdfsigVerify(pki: TestPki, pdf: string): string {
  const nss = path.join(pki.dir, 'nss-verify');
  if (!existsSync(path.join(nss, 'cert9.db'))) { // made on first use
    mkdirSync(nss, { recursive: true });
    execFileSync('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password'], { stdio: 'ignore' });
    execFileSync('certutil', ['-A', '-n', 'root', '-t', 'CT,C,C', '-i', path.join(pki.dir, 'root', 'ca.pem'), '-d', `sql:${nss}`], { stdio: 'ignore' });
  }
  return execFileSync('pdfsig', ['-nssdir', `sql:${nss}`, pdf], { stdio: ['ignore', 'pipe', 'ignore'] }).toString();
}
