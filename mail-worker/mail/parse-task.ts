// One message's work off the main thread: keep the raw bytes, parse, fingerprint, decide its registration.
import { BlobStore, sha256Hex } from '../blobs/blob-store.js';
import { describeError, VanthuError } from '../errors.js';
import { CorrectionMemory, type LearnedExample } from '../domain/classify/memory.js';
import { registrationFor } from '../domain/registration.js';
import { searchTextOf } from '../domain/search-text.js';
import type { ParsedMessage, Registration } from '../domain/types.js';
import { DEFAULT_ATTACHMENT_LIMITS } from './attachments/limits.js';
import { fingerprintOf, fingerprintOfParsed, looksLikeMessage, withoutBom, type Fingerprint } from './fingerprint.js';
import { readMessage, type ReadMessage } from './read-message.js';
import { loadTrustStore, type TrustSettings, type TrustStore } from '../signatures/trust.js';

/** Clerks' corrections, sent by the pool whenever they change. */
let learned = new CorrectionMemory();

export function setLearnedExamples(examples: readonly LearnedExample[]): void {
  learned = new CorrectionMemory(examples);
}

export interface ParseTask {
  raw: Uint8Array;
  /** Known when the caller already hashed the bytes; otherwise the worker does, off the main thread. */
  rawSha256?: string;
  blobRoot: string;
  /** False when the raw bytes are kept inline in the register instead of the blob store. */
  storeRaw: boolean;
  maxParseSize: number;
  /** Below this classification confidence an entry is `needs_review`. */
  reviewThreshold: number;
  /** The register year of the arrival: dates written without a year are read in it. */
  referenceYear: number;
  /** False on a second try, after reading attachments timed out or killed the worker: register without their text. */
  readAttachments: boolean;
  /** Where the trust anchors and CRLs are (signatures: in vanthu.yaml); null: signatures are not checked. */
  trust: TrustSettings | null;
}


export type ParseOutcome =
  | { ok: true; rawSha256: string; fingerprint: Fingerprint; parsed: ParsedMessage; registration: Registration; searchText: string }
  | { ok: false; rawSha256: string; fingerprint: Fingerprint; code: string; reason: string };

/** The two halves of a task: writing the raw bytes (I/O) and parsing (CPU), which the worker overlaps. */
export interface StartedTask {
  rawSha256: string;
  /** Resolves when the raw bytes are on disk; rejects with E_STORE. */
  stored: Promise<void>;
  parse: () => Promise<ParseOutcome>;
}

export function startParseTask(task: ParseTask): StartedTask {
  const raw = Buffer.from(task.raw.buffer, task.raw.byteOffset, task.raw.byteLength);
  const rawSha256 = task.rawSha256 ?? sha256Hex(raw);
  const stored = task.storeRaw
    ? blobStore(task.blobRoot).put(raw, rawSha256).then(
        () => undefined,
        (err: unknown) => {
          throw new VanthuError('E_STORE', `raw message not stored: ${describeError(err).message}`, err);
        },
      )
    : Promise.resolve();
  stored.catch(() => undefined); // observed by the worker when it answers; never an unhandled rejection
  return { rawSha256, stored, parse: async () => ({ rawSha256, ...(await parseStored(raw, task)) }) };
}

/**
 * Loaded once per worker and settings: certificate and CRL files are read at the first message, not for each. The
 * service checked them at start; files gone since leave signatures unchecked (null), never a message unregistered.
 */
let cachedTrust: { key: string; store: TrustStore | null } | null = null;
function trustStore(settings: TrustSettings): TrustStore | null {
  const key = JSON.stringify(settings);
  if (cachedTrust?.key !== key) {
    let store: TrustStore | null = null;
    try {
      store = loadTrustStore(settings);
    } catch {
      store = null;
    }
    cachedTrust = { key, store };
  }
  return cachedTrust.store;
}

let cachedStore: BlobStore | null = null;
function blobStore(root: string): BlobStore {
  if (cachedStore?.root !== root) cachedStore = new BlobStore(root);
  return cachedStore;
}

type Parsed = DistributiveOmit<ParseOutcome, 'rawSha256'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

async function parseStored(raw: Buffer, task: ParseTask): Promise<Parsed> {
  if (raw.length > task.maxParseSize) {
    return { ok: false, fingerprint: fingerprintOf(raw), code: 'E_MESSAGE_TOO_LARGE', reason: `${raw.length} bytes, limit ${task.maxParseSize}` };
  }
  if (!looksLikeMessage(raw)) {
    return { ok: false, fingerprint: fingerprintOf(raw), code: 'E_MESSAGE_NOT_MIME', reason: 'no header section at the start of the message' };
  }
  let parsed: ReadMessage;
  try {
    parsed = await readMessage(withoutBom(raw), task.readAttachments ? DEFAULT_ATTACHMENT_LIMITS : null, task.trust ? trustStore(task.trust) : null);
  } catch (err) {
    return { ok: false, fingerprint: fingerprintOf(raw), code: 'E_MESSAGE_PARSE', reason: describeError(err).message };
  }
  // Attachment bytes are not stored a second time: the raw message holds them, and the recorded SHA-256 of each
  // decoded attachment identifies it when a later step (signatures, text) reads it back from the raw message.
  const { content } = parsed;
  const fingerprint = fingerprintOfParsed(raw, {
    text: content.parsed.text,
    html: parsed.html,
    attachmentSha256: content.parsed.attachments.map((a) => a.sha256),
  });
  // The domain decides here, off the main thread: classification and extraction are CPU work too.
  const registration = registrationFor(content, {
    reviewThreshold: task.reviewThreshold, memory: learned, referenceYear: task.referenceYear,
  });
  const searchText = searchTextOf(content, registration);
  return { ok: true, fingerprint, parsed: content.parsed, registration, searchText };
}
