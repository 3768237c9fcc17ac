// CRLs published at a URL (a CA's distribution point): fetched into <dataDir>/crls/ at start and every few hours,
// kept when a fetch fails (offline, the CA's server down), so revocation is checked with the last good copy. A
// download that is not a CRL never replaces a good one.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isCrlUrl } from '../config/schema.js';
import { crlDerOf } from './trust.js';

export interface CrlFetch {
  url: string;
  /** When the cached copy was last written (null: never fetched). */
  fetchedAt: string | null;
  /** Why the last fetch failed; null when it worked. */
  error: string | null;
}

function crlCacheFile(dataDir: string, url: string): string {
  return path.join(dataDir, 'crls', `${createHash('sha256').update(url).digest('hex').slice(0, 32)}.crl`);
}

/** The CRL files to load: configured files and folders, and the cached copy of each URL that has one. */
export function crlFilesOf(entries: readonly string[], dataDir: string): string[] {
  return entries.flatMap((entry) => {
    if (!isCrlUrl(entry)) return [entry];
    const cached = crlCacheFile(dataDir, entry);
    return existsSync(cached) ? [cached] : [];
  });
}

export async function fetchCrl(url: string, dataDir: string, timeoutMs = 15_000): Promise<CrlFetch> {
  const file = crlCacheFile(dataDir, url);
  const previous = existsSync(file) ? statSync(file).mtime.toISOString() : null;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const der = crlDerOf(Buffer.from(await res.arrayBuffer()));
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(`${file}.tmp`, der);
    renameSync(`${file}.tmp`, file);
    return { url, fetchedAt: new Date().toISOString(), error: null };
  } catch (err) {
    const reason = (err as Error).name === 'TimeoutError' ? `no answer within ${timeoutMs / 1000} s` : (err as Error).message;
    return { url, fetchedAt: previous, error: `${reason}${previous ? '; using the copy fetched before' : '; no copy yet: revocation by this CRL is not checked'}` };
  }
}
