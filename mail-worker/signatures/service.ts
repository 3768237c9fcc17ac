// Verifying and signing for the API: the trust store loaded at start, the agency's key opened at first use, and every
// signature logged (who asked, which document, when).
import { readFileSync } from 'node:fs';
import type { SignaturesConfig } from '../config/load.js';
import { isCrlUrl } from '../config/schema.js';
import { VanthuError } from '../errors.js';
import type { Db } from '../register/db.js';
import { logSignature } from '../register/signature-log.js';
import { sha256Hex } from '../blobs/blob-store.js';
import { openSigningKey, signDocument, type SigningKey } from './sign.js';
import { crlFilesOf, fetchCrl, type CrlFetch } from './crl-fetch.js';
import { loadTrustStore, type TrustSettings, type TrustStore } from './trust.js';
import { verifyBytes, type FileVerification } from './verify-file.js';

export class SignatureService {
  #trust: TrustStore;
  #settings: TrustSettings & { version: number };
  #fetches = new Map<string, CrlFetch>();
  #key: SigningKey | null = null;

  /** Throws E_CONFIG_INVALID when a trust anchor or CRL file cannot be read: the start stops, clearly. */
  constructor(private readonly db: Db, private readonly config: SignaturesConfig, private readonly dataDir: string, private readonly now: () => Date) {
    this.#settings = this.#settingsFor(0);
    this.#trust = loadTrustStore(this.#settings);
    for (const url of this.crlUrls()) this.#fetches.set(url, { url, fetchedAt: null, error: 'not fetched yet' });
  }

  get trust(): TrustStore {
    return this.#trust;
  }

  trustSettings(): TrustSettings {
    return this.#settings;
  }

  crlUrls(): string[] {
    return this.config.crls.filter(isCrlUrl);
  }

  /** Fetch every CRL URL (a failed one keeps its last copy) and reload the trust store; the state of each, for health. */
  async refreshCrls(timeoutMs?: number): Promise<CrlFetch[]> {
    const urls = this.crlUrls();
    if (urls.length === 0) return [];
    const results = await Promise.all(urls.map((url) => fetchCrl(url, this.dataDir, timeoutMs)));
    for (const r of results) this.#fetches.set(r.url, r);
    const settings = this.#settingsFor(this.#settings.version + 1);
    this.#trust = loadTrustStore(settings);
    this.#settings = settings;
    return results;
  }

  /** Trust anchors and the CRL files as they are now on disk (a fetched URL reads as its cached copy). */
  #settingsFor(version: number): TrustSettings & { version: number } {
    return { anchors: this.config.trustAnchors ?? null, crls: crlFilesOf(this.config.crls, this.dataDir), version };
  }

  crlStatus(): CrlFetch[] {
    return [...this.#fetches.values()];
  }

  verify(document: Buffer, detached: Buffer | null): Promise<Omit<FileVerification, 'file'>> {
    return verifyBytes(document, this.trust, detached);
  }

  async sign(document: Buffer, by: string, options: { stamp: boolean; reason?: string }): Promise<{ kind: 'pdf' | 'cms'; signed: Buffer; sha256: string; signer: string | null }> {
    const key = this.key();
    const signingTime = this.now();
    const { kind, signed } = await signDocument(document, key, {
      signingTime, ...(options.stamp && this.config.signing?.stamp ? { stamp: this.config.signing.stamp } : {}),
      ...(options.reason ? { reason: options.reason } : {}),
    });
    const sha256 = sha256Hex(signed);
    logSignature(this.db, { signedBy: by, kind, documentSha256: sha256Hex(document), outputSha256: sha256, signerSubject: key.signerName, signedAt: signingTime });
    return { kind, signed, sha256, signer: key.signerName };
  }

  /** The agency's key, opened once; E_SIGN_NOT_CONFIGURED or E_SIGN_KEY (wrong password, damaged file) otherwise. */
  key(): SigningKey {
    if (this.#key) return this.#key;
    const signing = this.config.signing;
    if (!signing) throw new VanthuError('E_SIGN_NOT_CONFIGURED');
    let p12: Buffer;
    try {
      p12 = readFileSync(signing.p12);
    } catch (err) {
      throw new VanthuError('E_SIGN_KEY', `signatures.signing.p12: ${signing.p12} cannot be read (${(err as Error).message})`, err);
    }
    this.#key = openSigningKey(p12, signing.password.reveal());
    return this.#key;
  }
}
