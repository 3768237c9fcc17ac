// A small pool of worker threads for parsing: parsing is most of ingest time, so it runs on every core with a time limit.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { sha256Hex } from '../blobs/blob-store.js';
import { backoffDelay } from '../domain/backoff.js';
import type { LearnedExample } from '../domain/classify/memory.js';
import type { ParseOutcome, ParseTask } from './parse-task.js';
import { fingerprintOf } from './fingerprint.js';

interface Pending {
  id: number;
  task: ParseTask;
  /** Times this task was handed back after a worker died on another task. */
  retries: number;
  resolve: (outcome: ParseOutcome) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker | null;
  /** Tasks sent to this worker, oldest first; it answers them in order. */
  sent: Pending[];
  /** The task the worker said it is parsing now: the one to blame for a timeout or a crash. */
  parsing: number | null;
  timer: NodeJS.Timeout | null;
  /** Workers that died in a row in this slot without answering anything (a broken install, a hostile stream). */
  failures: number;
}

type WorkerMessage =
  | { type: 'start'; id: number }
  | { type: 'done'; id: number; outcome?: ParseOutcome; error?: string; code?: string };

export interface ParsePoolOptions {
  threads?: number | undefined;
  timeoutMs: number;
  /** Heap limit per worker, so a hostile message usually kills a worker, not the process. */
  maxHeapMb?: number;
}

/**
 * Tasks sent ahead to each worker: it parses one while the raw bytes of earlier ones are still being written, and
 * never waits for a round trip to the main thread.
 */
const DEPTH = 8;
/**
 * Young-generation size of a parser worker. mailparser makes a small Buffer per line; V8's default nursery fills
 * every few messages and promotes line buffers that are about to die. 64 MB lowered vanthu's CPU time in the
 * benchmark by about 8% (2,000 messages: 11.9 s to 10.9 s); 128 and 256 MB were no better.
 */
const YOUNG_GENERATION_MB = 64;
/** A task handed back this many times (its worker kept dying on others) fails instead of going round again. */
const MAX_RETRIES = 2;

export class ParsePool {
  readonly #slots: Slot[] = [];
  readonly #queue: Pending[] = [];
  readonly #options: Required<ParsePoolOptions>;
  #nextId = 1;
  #closed = false;
  #replaced = 0;
  #learned: LearnedExample[] = [];

  constructor(options: ParsePoolOptions) {
    this.#options = {
      threads: options.threads ?? Math.max(1, availableParallelism()),
      timeoutMs: options.timeoutMs,
      maxHeapMb: options.maxHeapMb ?? 1024,
    };
    for (let i = 0; i < this.#options.threads; i++) {
      const slot: Slot = { worker: null, sent: [], parsing: null, timer: null, failures: 0 };
      this.#slots.push(slot);
      this.#spawn(slot);
    }
  }

  get threads(): number {
    return this.#slots.length;
  }

  /** What clerks taught: every worker classifies with these examples from now on (and every new worker). */
  teach(examples: LearnedExample[]): void {
    this.#learned = examples;
    for (const slot of this.#slots) slot.worker?.postMessage({ learned: examples });
  }

  /** Workers replaced so far because one hung or died. */
  get replaced(): number {
    return this.#replaced;
  }

  /** Parse one message; never rejects for a bad message (the outcome says why), only when the pool is closed. */
  run(task: ParseTask): Promise<ParseOutcome> {
    if (this.#closed) return Promise.reject(new Error('parse pool is closed'));
    return new Promise((resolve, reject) => {
      this.#queue.push({ id: this.#nextId++, task, retries: 0, resolve, reject });
      this.#pump();
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    const abandoned = [...this.#queue.splice(0), ...this.#slots.flatMap((slot) => slot.sent.splice(0))];
    for (const pending of abandoned) pending.reject(new Error('parse pool is closed'));
    for (const slot of this.#slots) if (slot.timer) clearTimeout(slot.timer);
    await Promise.all(this.#slots.map((slot) => slot.worker?.terminate()));
  }

  #spawn(slot: Slot): void {
    const worker = new Worker(workerFile(), { resourceLimits: { maxOldGenerationSizeMb: this.#options.maxHeapMb, maxYoungGenerationSizeMb: YOUNG_GENERATION_MB } });
    slot.worker = worker;
    if (this.#learned.length > 0) worker.postMessage({ learned: this.#learned });
    worker.on('message', (message: WorkerMessage) => this.#onMessage(slot, worker, message));
    worker.on('error', (err) => this.#replace(slot, worker, 'E_MESSAGE_PARSE', `parser worker failed: ${err.message}`));
    worker.on('exit', () => this.#replace(slot, worker, 'E_MESSAGE_PARSE', 'parser worker exited'));
    this.#pump();
  }

  #onMessage(slot: Slot, worker: Worker, message: WorkerMessage): void {
    if (slot.worker !== worker) return;
    if (message.type === 'start') {
      slot.parsing = message.id;
      this.#armTimer(slot);
      return;
    }
    const index = slot.sent.findIndex((pending) => pending.id === message.id);
    if (index < 0) return;
    const [pending] = slot.sent.splice(index, 1);
    slot.failures = 0;
    if (slot.parsing === message.id) {
      slot.parsing = null;
      this.#armTimer(slot);
    }
    if (message.outcome) pending!.resolve(message.outcome);
    else pending!.resolve(failure(pending!.task, message.code ?? 'E_MESSAGE_PARSE', message.error ?? 'unknown parser error'));
    this.#pump();
  }

  #pump(): void {
    for (let depth = 1; depth <= DEPTH; depth++) {
      for (const slot of this.#slots) {
        if (!slot.worker || slot.sent.length >= depth || this.#queue.length === 0) continue;
        const pending = this.#queue.shift()!;
        slot.sent.push(pending);
        // Send an exact copy and transfer it: cloning a Buffer would copy the whole pooled ArrayBuffer behind it,
        // which for imapflow's message sources can be far larger than the message.
        const raw = new Uint8Array(pending.task.raw.byteLength);
        raw.set(pending.task.raw);
        slot.worker.postMessage({ id: pending.id, task: { ...pending.task, raw } }, [raw.buffer]);
      }
    }
  }

  /** The time limit runs for the task being parsed, from when the worker starts it. */
  #armTimer(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    if (slot.parsing === null) return;
    const worker = slot.worker;
    slot.timer = setTimeout(
      () => worker && this.#replace(slot, worker, 'E_PARSE_TIMEOUT', `no result after ${this.#options.timeoutMs} ms`),
      this.#options.timeoutMs,
    );
  }

  /** A worker hung or died: fail the task it was parsing, hand the others back, start a fresh worker. */
  #replace(slot: Slot, worker: Worker, code: string, reason: string): void {
    if (slot.worker !== worker || this.#closed) return;
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.worker = null;
    this.#replaced++;
    void worker.terminate();
    const sent = slot.sent.splice(0);
    let culprit = sent.find((pending) => pending.id === slot.parsing);
    slot.parsing = null;
    const others = sent.filter((pending) => pending !== culprit);
    if (culprit?.task.readAttachments) {
      // Attachments are the usual reason a message stalls or kills a parser: try once more without their text.
      this.#queue.unshift({ ...culprit, task: { ...culprit.task, readAttachments: false } });
      culprit = undefined;
    }
    for (const pending of others) pending.retries++;
    const failed = others.filter((pending) => pending.retries > MAX_RETRIES);
    this.#queue.unshift(...others.filter((pending) => pending.retries <= MAX_RETRIES));
    if (culprit) culprit.resolve(failure(culprit.task, code, reason));
    for (const pending of failed) pending.resolve(failure(pending.task, code, `${reason} (several times)`));
    // A worker that keeps dying before it answers anything is restarted ever more slowly, not in a tight loop.
    const delay = slot.failures === 0 ? 0 : backoffDelay(slot.failures - 1, Math.random(), { baseMs: 500, maxMs: 30_000 });
    slot.failures++;
    setTimeout(() => !this.#closed && this.#spawn(slot), delay).unref();
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
