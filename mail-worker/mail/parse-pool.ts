// A small pool of worker threads for parsing: parsing is ~90% of ingest time, so it runs on every core with a time limit.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ParseOutcome, ParseTask } from './parse-task.js';
import { sha256Hex } from '../blobs/blob-store.js';
import { fingerprintOf } from './fingerprint.js';

interface Pending {
  id: number;
  task: ParseTask;
  resolve: (outcome: ParseOutcome) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  /** Tasks sent to this worker, oldest first; it runs them in order. */
  sent: Pending[];
  timer: NodeJS.Timeout | null;
}

export interface ParsePoolOptions {
  threads?: number;
  timeoutMs: number;
  /** Heap limit per worker, so a hostile message kills a worker, not the process. */
  maxHeapMb?: number;
}

/**
 * Tasks sent ahead to each worker: with one, a worker sits idle for every round trip and every flush to disk; with
 * several, it parses the next message while the previous one is being written.
 */
const DEPTH = 8;

export class ParsePool {
  readonly #slots: Slot[] = [];
  readonly #queue: Pending[] = [];
  readonly #options: Required<ParsePoolOptions>;
  #nextId = 1;
  #closed = false;

  constructor(options: ParsePoolOptions) {
    this.#options = {
      threads: options.threads ?? Math.max(1, availableParallelism()),
      timeoutMs: options.timeoutMs,
      maxHeapMb: options.maxHeapMb ?? 1024,
    };
    for (let i = 0; i < this.#options.threads; i++) this.#slots.push(this.#spawn());
  }

  get threads(): number {
    return this.#slots.length;
  }

  /** Parse one message; never rejects for a bad message (the outcome says why), only when the pool is closed. */
  run(task: ParseTask): Promise<ParseOutcome> {
    if (this.#closed) return Promise.reject(new Error('parse pool is closed'));
    return new Promise((resolve, reject) => {
      this.#queue.push({ id: this.#nextId++, task, resolve, reject });
      this.#pump();
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    const abandoned = [...this.#queue.splice(0), ...this.#slots.flatMap((slot) => slot.sent.splice(0))];
    for (const pending of abandoned) pending.reject(new Error('parse pool is closed'));
    await Promise.all(this.#slots.map((slot) => slot.worker.terminate()));
  }

  #spawn(): Slot {
    const worker = new Worker(workerFile(), {
      resourceLimits: { maxOldGenerationSizeMb: this.#options.maxHeapMb },
    });
    const slot: Slot = { worker, sent: [], timer: null };
    worker.on('message', (message: { id: number; outcome?: ParseOutcome; error?: string }) => {
      const head = slot.sent[0];
      if (!head || head.id !== message.id) return;
      slot.sent.shift();
      this.#armTimer(slot);
      if (message.outcome) head.resolve(message.outcome);
      else head.resolve(failure(head.task, 'E_MESSAGE_PARSE', message.error ?? 'unknown parser error'));
      this.#pump();
    });
    worker.on('error', (err) => this.#replace(slot, 'E_MESSAGE_PARSE', `parser worker failed: ${err.message}`));
    worker.on('exit', () => {
      if (!this.#closed && slot.sent.length > 0) this.#replace(slot, 'E_MESSAGE_PARSE', 'parser worker exited');
    });
    worker.unref();
    return slot;
  }

  #pump(): void {
    for (let depth = 1; depth <= DEPTH; depth++) {
      for (const slot of this.#slots) {
        if (slot.sent.length >= depth || this.#queue.length === 0) continue;
        const pending = this.#queue.shift()!;
        slot.sent.push(pending);
        if (slot.sent.length === 1) this.#armTimer(slot);
        // Send an exact copy and transfer it: cloning a Buffer would copy the whole pooled ArrayBuffer behind it,
        // which for imapflow's message sources can be far larger than the message.
        const raw = new Uint8Array(pending.task.raw.byteLength);
        raw.set(pending.task.raw);
        slot.worker.postMessage({ id: pending.id, task: { ...pending.task, raw } }, [raw.buffer]);
      }
    }
  }

  /** The time limit runs for the task at the head of a worker's line, from when it becomes the head. */
  #armTimer(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    if (slot.sent.length === 0) return;
    slot.timer = setTimeout(
      () => this.#replace(slot, 'E_PARSE_TIMEOUT', `no result after ${this.#options.timeoutMs} ms`),
      this.#options.timeoutMs,
    );
  }

  /** The worker hung or died: fail the task it was on, give the others back to the queue, start a fresh worker. */
  #replace(slot: Slot, code: string, reason: string): void {
    const index = this.#slots.indexOf(slot);
    if (index < 0) return;
    if (slot.timer) clearTimeout(slot.timer);
    const [culprit, ...innocent] = slot.sent.splice(0);
    void slot.worker.terminate();
    if (this.#closed) return;
    this.#slots[index] = this.#spawn();
    this.#queue.unshift(...innocent);
    if (culprit) culprit.resolve(failure(culprit.task, code, reason));
    this.#pump();
  }
}

function failure(task: ParseTask, code: string, reason: string): ParseOutcome {
  const raw = Buffer.from(task.raw.buffer, task.raw.byteOffset, task.raw.byteLength);
  return { ok: false, rawSha256: task.rawSha256 ?? sha256Hex(raw), fingerprint: fingerprintOf(raw), code, reason };
}

/** The compiled worker; tests run this module from TypeScript source, and a worker thread needs the built file. */
function workerFile(): URL {
  return import.meta.url.endsWith('.ts')
    ? new URL('../../dist/mail-worker/mail/parse-worker.js', import.meta.url)
    : new URL('./parse-worker.js', import.meta.url);
}
