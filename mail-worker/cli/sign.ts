// `vanthu sign --p12 FILE --password-env VAR IN OUT`: sign a PDF (PAdES style, optionally with a visible stamp) or
// any other file (detached CMS, OUT is the .p7s); every signature is logged in the register (who, what, when).
import { readFileSync, writeFileSync } from 'node:fs';
import type { Config } from '../config/load.js';
import { VanthuError } from '../errors.js';
import { openRegisterDb } from '../register/db.js';
import { openSigningKey, sha256Of, signDetached, signPdf } from '../signatures/sign.js';

export interface SignOptions {
  p12: string;
  passwordEnv?: string;
  passwordFile?: string;
  stamp?: string;
  reason?: string;
}

export async function runSign(config: Config, input: string, output: string, options: SignOptions, env = process.env): Promise<{ kind: 'pdf' | 'cms'; output: string }> {
  const password = passwordOf(options, env);
  const key = openSigningKey(read(options.p12, 'PKCS#12'), password);
  const document = read(input, 'document');
  const isPdf = document.subarray(0, 5).toString('latin1') === '%PDF-';
  const signed = isPdf
    ? await signPdf(document, key, { ...(options.stamp ? { stamp: options.stamp } : {}), ...(options.reason ? { reason: options.reason } : {}) })
    : signDetached(document, key);
  writeFileSync(output, signed);
  const db = openRegisterDb(config.dataDir);
  try {
    db.prepare('INSERT INTO signature_log (signed_by, kind, document_sha256, output_sha256, signer_subject, signed_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(env.SUDO_USER ?? env.USER ?? 'cli', isPdf ? 'pdf' : 'cms', sha256Of(document), sha256Of(signed), key.signerName, new Date().toISOString());
  } finally {
    db.close();
  }
  return { kind: isPdf ? 'pdf' : 'cms', output };
}

function passwordOf(options: SignOptions, env: NodeJS.ProcessEnv): string {
  if (options.passwordEnv) {
    const value = env[options.passwordEnv];
    if (value === undefined) throw new VanthuError('E_SIGN_KEY', `environment variable ${options.passwordEnv} (--password-env) is not set`);
    return value;
  }
  if (options.passwordFile) return read(options.passwordFile, 'password file').toString('utf8').replace(/\r?\n$/, '');
  throw new VanthuError('E_SIGN_KEY', 'give the PKCS#12 password with --password-env VAR or --password-file FILE (never on the command line)');
}

function read(file: string, what: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new VanthuError('E_IMPORT_PATH', `${what} ${file}: cannot be read (${(err as Error).message})`, err);
  }
}
