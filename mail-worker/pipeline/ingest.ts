// The one-way pipeline every source feeds: raw bytes -> raw store -> parse -> register (one transaction, in order).
import type { Logger } from '../log.js';
import { sha256Hex, type BlobStore } from '../blobs/blob-store.js';
import { registerYearOf } from '../domain/register-year.js';
import { failedRegistration } from '../domain/registration.js';
import { describeError, VanthuError } from '../errors.js';
import type { PlannedAction } from '../domain/rules/evaluate.js';
import type { EntryStatus, MessageLocation, ParsedMessage, Registration } from '../domain/types.js';
import type { ParsePool } from '../mail/parse-pool.js';
import type { ParseOutcome } from '../mail/parse-task.js';
import type { TrustSettings } from '../signatures/trust.js';
import type { CommitInput, CommitResult, RegisterWriter } from '../register/commit.js';

export interface PipelineDeps {
  blobs: BlobStore;
  pool: ParsePool;
  writer: RegisterWriter;
  /** Whether a raw message with this digest is already registered (skips parsing duplicates). */
  isKnownRaw: (sha256: string) => boolean;
  maxParseSize: number;
  reviewThreshold: number;
  /** Trust anchors and CRLs for the signatures messages carry (null: not checked); asked for each message. */
  trust: () => TrustSettings | null;
  /** The routing rules' decision for a newly read message, or none when no rules are configured. */
  route?: (parsed: ParsedMessage, registration: Registration, location: MessageLocation, arrivedAt: Date) => PlannedAction[];
  now: () => Date;
  log: Logger;
}

export interface IngestResult extends CommitResult {
  status: EntryStatus;
  statusReason: string | null;
}

export interface SubmitOptions {
  /** The message may be registered already (a re-read): hash it first and skip parsing if it is. */
  mayBeKnown?: boolean;
}

interface Slot {
  input: CommitInput | null;
  error: unknown;
  resolve: (result: IngestResult) => void;
  reject: (err: unknown) => void;
}

/** Largest number of messages committed in one transaction. */
const GROUP_COMMIT_MAX = 64;

/** How long ready messages wait for company before their group commits. */
const GROUP_WAIT_MS = 5;

/** Raw messages up to this size are kept inside the register's transaction rather than as files. */
export const INLINE_RAW_MAX = 64 * 1024;

/**
 * Messages of one folder commit in the order they were fetched, so its checkpoint never passes an uncommitted
 * message. Folders, SMTP deliveries and imports are separate lanes: a long IMAP backlog does not hold up a 250.
 */
function laneOf(location: MessageLocation, sequence: number): string {
  if (location.source === 'smtp') return `smtp:${sequence}`;
  return `${location.source}\u0000${location.mailboxId}\u0000${location.folder ?? ''}`;
}

export class IngestPipeline {
  readonly #deps: PipelineDeps;
  /** Messages waiting to commit, per lane, in submission order. */
  readonly #lanes = new Map<string, Slot[]>();
  #inFlight = 0;
  #sequence = 0;
  /** Lanes with messages that became ready since the last flush. */
  readonly #dirty = new Set<string>();
  #timer: NodeJS.Timeout | null = null;

  constructor(deps: PipelineDeps) {
    this.#deps = deps;
  }

  get inFlight(): number {
    return this.#inFlight;
  }

  /**
   * Register one message. Resolves once it is committed (registered, or recognised as a duplicate);
   * rejects only if the register itself failed, in which case nothing of it was written.
   */
  submit(raw: Buffer, location: MessageLocation, options: SubmitOptions = {}): Promise<IngestResult> {
    this.#inFlight++;
    const lane = laneOf(location, this.#sequence++);
    return new Promise<IngestResult>((resolve, reject) => {
      const slot: Slot = { input: null, error: null, resolve, reject };
      const queue = this.#lanes.get(lane) ?? [];
      if (queue.length === 0) this.#lanes.set(lane, queue);
      queue.push(slot);
      this.#prepare(raw, location, options.mayBeKnown ?? false).then(
        (input) => (slot.input = input),
        (err: unknown) => (slot.error = err ?? new Error('prepare failed')),
      ).finally(() => this.#soon(lane));
    }).finally(() => this.#inFlight--);
  }

  async #prepare(raw: Buffer, location: MessageLocation, mayBeKnown: boolean): Promise<CommitInput> {
    let rawSha256: string | undefined;
    if (mayBeKnown) {
      // A re-read (new UIDVALIDITY, a second import): most messages are already registered, so skip their parsing.
      rawSha256 = sha256Hex(raw);
      if (this.#deps.isKnownRaw(rawSha256)) return knownCopy(rawSha256, raw.length, location);
    }
    const inline = raw.length <= INLINE_RAW_MAX;
    const outcome = await this.#deps.pool.run({
      raw, ...(rawSha256 ? { rawSha256 } : {}), blobRoot: this.#deps.blobs.root, storeRaw: !inline,
      maxParseSize: this.#deps.maxParseSize, reviewThreshold: this.#deps.reviewThreshold, referenceYear: registerYearOf(this.#deps.now()),
      readAttachments: true, trust: this.#deps.trust(),
    });
    // The raw bytes could not be written (disk full, ...): register nothing; the source delivers again later.
    if (!outcome.ok && outcome.code === 'E_STORE') throw new VanthuError('E_STORE', outcome.reason);
    // A worker that timed out or died may not have written the file: write it here, before the commit.
    if (!inline && !outcome.ok && !this.#deps.blobs.has(outcome.rawSha256)) await this.#deps.blobs.put(raw, outcome.rawSha256);
    const rawInline = inline ? raw : null;
    const fields = commitFields(outcome);
    // Rules decide for readable, ordinary mail; a quarantined document is handled by the security alert alone.
    const actions = fields.parsed && this.#deps.route && fields.registration.status !== 'quarantined'
      ? this.#deps.route(fields.parsed, fields.registration, location, this.#deps.now())
      : [];
    return { rawSha256: outcome.rawSha256, size: raw.length, rawInline, location, ...fields, actions };
  }

  /**
   * Commit a lane's ready messages a few milliseconds later, together: one transaction for many messages costs far
   * less than one each (the indexes and the search index are written once per transaction).
   */
  #soon(lane: string): void {
    this.#dirty.add(lane);
    const queue = this.#lanes.get(lane);
    const readyAtHead = queue ? countReady(queue) : 0;
    if (readyAtHead >= GROUP_COMMIT_MAX || (queue?.[0]?.error ?? null) !== null) return this.#flush();
    this.#timer ??= setTimeout(() => this.#flush(), GROUP_WAIT_MS);
  }

  #flush(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const lanes = [...this.#dirty];
    this.#dirty.clear();
    for (const lane of lanes) this.#drain(lane);
  }

  #drain(lane: string): void {
    const queue = this.#lanes.get(lane);
    if (!queue) return;
    while (queue.length > 0) {
      const ready = queue.slice(0, Math.min(countReady(queue), GROUP_COMMIT_MAX));
      if (ready.length === 0) {
        const head = queue[0]!;
        if (!head.error) return;
        // Whatever came after a message that could not be prepared must not commit past it: fail them too.
        for (const slot of queue.splice(0)) slot.reject(slot === head ? head.error : new Error('an earlier message failed'));
        break;
      }
      queue.splice(0, ready.length);
      if (!this.#commit(ready, queue)) break;
    }
    if (queue.length === 0) this.#lanes.delete(lane);
  }

  /** Commit a group; on failure nothing of it was written, and the rest of its lane fails too (no checkpoint gap). */
  #commit(ready: Slot[], rest: Slot[]): boolean {
    let results: CommitResult[];
    try {
      results = this.#deps.writer.commitAll(ready.map((slot) => slot.input!), this.#deps.now());
    } catch (err) {
      this.#deps.log.error({ err: describeError(err) }, 'register commit failed');
      const error = new VanthuError('E_STORE', `register commit failed: ${describeError(err).message}`, err);
      for (const slot of [...ready, ...rest.splice(0)]) slot.reject(error);
      return false;
    }
    ready.forEach((slot, i) => {
      const { registration } = slot.input!;
      slot.resolve({ ...results[i]!, status: registration.status, statusReason: registration.statusReason });
    });
    return true;
  }
}

function commitFields(
  outcome: ParseOutcome,
): Pick<CommitInput, 'dedupeKey' | 'identityKey' | 'messageId' | 'parsed' | 'registration' | 'searchText'> {
  const { messageId, identityHash, contentHash } = outcome.fingerprint;
  // Without a Message-ID, headers alone say too little (two unreadable files have the same empty headers): such
  // copies are only ever matched by content.
  const identityKey = messageId ? `${messageId}|${identityHash}` : `|${contentHash}`;
  const keys = { dedupeKey: `${messageId ?? ''}|${contentHash}`, identityKey, messageId };
  if (!outcome.ok) {
    return { ...keys, parsed: null, registration: failedRegistration(outcome.code, outcome.reason), searchText: '' };
  }
  return { ...keys, parsed: outcome.parsed, registration: outcome.registration, searchText: outcome.searchText };
}

/**
 * A copy whose exact bytes are registered already: the commit recognises it by its SHA-256 before looking at
 * anything else, so only where it was seen is recorded and no fields are needed.
 */
function knownCopy(rawSha256: string, size: number, location: MessageLocation): CommitInput {
  return {
    rawSha256, size, rawInline: null, location, dedupeKey: '', identityKey: '', messageId: null, parsed: null,
    registration: failedRegistration('E_DUPLICATE', 'same bytes as a registered message'), searchText: '',
  };
}

/** Messages at the head of a lane that are ready to commit. */
function countReady(queue: readonly Slot[]): number {
  let n = 0;
  while (n < queue.length && queue[n]!.input && !queue[n]!.error) n++;
  return n;
}
