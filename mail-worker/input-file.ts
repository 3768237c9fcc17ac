// A file someone named on the command line or in the config: read whole, or E_IMPORT_PATH with the path and why.
import { readFileSync } from 'node:fs';
import { VanthuError } from './errors.js';

/** `what` names the file's role in the message ("PKCS#12", "document"). */
export function readInputFile(file: string, what?: string): Buffer {
  try {
    return readFileSync(file);
  } catch (err) {
    throw new VanthuError('E_IMPORT_PATH', `${what ? `${what} ` : ''}${file}: cannot be read (${(err as Error).message})`, err);
  }
}
