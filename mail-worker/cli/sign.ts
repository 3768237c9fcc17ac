// `vanthu sign --p12 FILE --password-env VAR IN OUT`: sign a PDF (PAdES style, optionally with a visible stamp) or
// any other file (detached CMS, OUT is the .p7s); every signature is logged in the register (who, what, when).
import { writeFileSync } from 'node:fs';
import type { Config } from '../config/load.js';
import { VanthuError } from '../errors.js';
import { readInputFile } from '../input-file.js';
import { openRegisterDb } from '../register/db.js';
import { logSignature } from '../register/signature-log.js';
import { sha256Hex } from '../blobs/blob-store.js';
import { openSigningKey, signDocument } from '../signatures/sign.js';

export interface SignOptions {
  p12: string;
  passwordEnv?: string;
  passwordFile?: string;
  stamp?: string;
  reason?: string;
}

export async function runSign(config: Config, input: string, output: string, options: SignOptions, env = process.env): Promise<{ kind: 'pdf' | 'cms'; output: string }> {
  const password = passwordOf(options, env);
  const key = openSigningKey(readInputFile(options.p12, 'PKCS#12'), password);
  const document = readInputFile(input, 'document');
  const { kind, signed } = await signDocument(document, key, {
    ...(options.stamp ? { stamp: options.stamp } : {}), ...(options.reason ? { reason: options.reason } : {}),
  });
  writeFileSync(output, signed);
  const db = openRegisterDb(config.dataDir);
  try {
    logSignature(db, {
      signedBy: env.SUDO_USER ?? env.USER ?? 'cli', kind, documentSha256: sha256Hex(document), outputSha256: sha256Hex(signed),
      signerSubject: key.signerName, signedAt: new Date(),
    });
  } finally {
    db.close();
  }
  return { kind, output };
}

function passwordOf(options: SignOptions, env: NodeJS.ProcessEnv): string {
  if (options.passwordEnv) {
    const value = env[options.passwordEnv];
    if (value === undefined) throw new VanthuError('E_SIGN_KEY', `environment variable ${options.passwordEnv} (--password-env) is not set`);
    return value;
  }
  if (options.passwordFile) return readInputFile(options.passwordFile, 'password file').toString('utf8').replace(/\r?\n$/, '');
  throw new VanthuError('E_SIGN_KEY', 'give the PKCS#12 password with --password-env VAR or --password-file FILE (never on the command line)');
}
