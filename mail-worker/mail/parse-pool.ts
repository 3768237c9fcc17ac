// A small pool of worker threads for parsing: parsing is ~90% of ingest time, so it runs on every core with a time limit.
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { ParseOutcome, ParseTask } from './parse-task.js';
import { fingerprintOf } from './fingerprint.js';

interface Pending {
  id: number;
  task: ParseTask;
  resolve: (outcome: ParseOutcome) => void;
  reject: (err: Error) => void;
}

interface Slot {
  worker: Worker;
  current: Pending | null;
  timer: NodeJS.Timeout | null;
}

export interface ParsePoolOptions {
  threads?: number;
  timeoutMs: number;
  /** Heap limit per worker, so a hostile message kills a worker, not the process. */
  maxHeapMb?: number;
}

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
    for (const pending of this.#queue.splice(0)) pending.reject(new Error('parse pool is closed'));
    await Promise.all(this.#slots.map((slot) => slot.worker.terminate()));
  }

  #spawn(): Slot {
    const worker = new Worker(workerFile(), {
      resourceLimits: { maxOldGenerationSizeMb: this.#options.maxHeapMb },
    });
    const slot: Slot = { worker, current: null, timer: null };
    worker.on('message', (message: { id: number; outcome?: ParseOutcome; error?: string }) => {
      const pending = slot.current;
      if (!pending || pending.id !== message.id) return;
      this.#finish(slot);
      if (message.outcome) pending.resolve(message.outcome);
      else pending.resolve(failure(pending.task, 'E_MESSAGE_PARSE', message.error ?? 'unknown parser error'));
      this.#pump();
    });
    worker.on('error', (err) => this.#replace(slot, 'E_MESSAGE_PARSE', `parser worker failed: ${err.message}`));
    worker.on('exit', () => {
      if (!this.#closed && slot.current) this.#replace(slot, 'E_MESSAGE_PARSE', 'parser worker exited');
    });
    worker.unref();
    return slot;
  }

  #pump(): void {
    for (const slot of this.#slots) {
      if (slot.current || this.#queue.length === 0) continue;
      const pending = this.#queue.shift()!;
      slot.current = pending;
      slot.timer = setTimeout(
        () => this.#replace(slot, 'E_PARSE_TIMEOUT', `no result after ${this.#options.timeoutMs} ms`),
        this.#options.timeoutMs,
      );
      slot.worker.postMessage({ id: pending.id, task: pending.task });
    }
  }

  #finish(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.current = null;
  }

  /** The worker hung or died: fail its task, start a fresh worker in its place. */
  #replace(slot: Slot, code: string, reason: string): void {
    const pending = slot.current;
    this.#finish(slot);
    const index = this.#slots.indexOf(slot);
    if (index < 0) return;
    void slot.worker.terminate();
    if (this.#closed) return;
    this.#slots[index] = this.#spawn();
    if (pending) pending.resolve(failure(pending.task, code, reason));
    this.#pump();
  }
}

function failure(task: ParseTask, code: string, reason: string): ParseOutcome {
  const raw = Buffer.from(task.raw.buffer, task.raw.byteOffset, task.raw.byteLength);
  return { ok: false, fingerprint: fingerprintOf(raw), code, reason };
}

/** The compiled worker; tests run this module from TypeScript source, and a worker thread needs the built file. */
function workerFile(): URL {
  return import.meta.url.endsWith('.ts')
    ? new URL('../../dist/mail-worker/mail/parse-worker.js', import.meta.url)
    : new URL('./parse-worker.js', import.meta.url);
}
