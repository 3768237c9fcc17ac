// Carries out the side effects written to the outbox, with retries, backoff and the row's idempotency key.
import type { Logger } from '../log.js';
import { backoffDelay } from '../domain/backoff.js';
import { describeError } from '../errors.js';
import type { Db } from '../register/db.js';

export interface OutboxRow {
  id: number;
  entry_id: number | null;
  kind: string;
  payload: string;
  idempotency_key: string;
  attempts: number;
}

/** Thrown by a handler when the action cannot be carried out until something is configured: it waits, visible. */
export class OutboxWait extends Error {}

/** Thrown by a handler when the action can never be carried out: it is dead at once, with the reason. */
export class OutboxImpossible extends Error {}

/** Performs one kind of side effect; must be safe to repeat with the same idempotency key. */
export type OutboxHandler = (row: OutboxRow) => Promise<void>;

const MAX_ATTEMPTS = 12;
/** A kind with no handler yet (its channel is not configured) waits, visible, and is tried again later. */
const NO_HANDLER_RETRY_MS = 10 * 60_000;

export class OutboxDispatcher {
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #stopped = false;
  #busy = false;

  constructor(
    private readonly db: Db,
    private readonly handlers: ReadonlyMap<string, OutboxHandler>,
    private readonly log: Logger,
    private readonly now: () => Date,
    private readonly intervalMs = 2000,
  ) {}

  start(): void {
    this.#schedule(0);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearTimeout(this.#timer);
    await this.#running;
  }

  /** Run every due row once; returns how many were attempted. */
  async runDue(): Promise<number> {
    const due = this.db
      .prepare(`SELECT id, entry_id, kind, payload, idempotency_key, attempts FROM outbox
                WHERE status = 'pending' AND next_attempt_at <= ? ORDER BY id LIMIT 100`)
      .all(this.now().toISOString()) as OutboxRow[];
    for (const row of due) {
      if (this.#stopped) break;
      await this.#attempt(row);
    }
    return due.length;
  }

  async #attempt(row: OutboxRow): Promise<void> {
    try {
      // A kind with no handler yet waits, visible, like an action that says it must wait.
      const handler = this.handlers.get(row.kind);
      if (!handler) throw new OutboxWait(`nothing carries out "${row.kind}" yet (no handler configured)`);
      await handler(row);
    } catch (err) {
      if (err instanceof OutboxWait) {
        const next = new Date(this.now().getTime() + NO_HANDLER_RETRY_MS);
        this.db.prepare(`UPDATE outbox SET next_attempt_at = ?, last_error = ? WHERE id = ?`).run(next.toISOString(), `waiting: ${err.message}`, row.id);
        return;
      }
      if (err instanceof OutboxImpossible) {
        this.db.prepare(`UPDATE outbox SET status = 'dead', attempts = attempts + 1, last_error = ? WHERE id = ?`).run(err.message, row.id);
        this.log.warn({ outboxId: row.id, kind: row.kind, reason: err.message }, 'outbox action cannot be carried out');
        return;
      }
      return this.#failed(row, err);
    }
    this.db.prepare(`UPDATE outbox SET status = 'done', attempts = attempts + 1, done_at = ?, last_error = NULL WHERE id = ?`)
      .run(this.now().toISOString(), row.id);
  }

  /** A failed attempt: retried later with backoff, dead (visible, with the error) after MAX_ATTEMPTS. */
  #failed(row: OutboxRow, err: unknown): void {
    const attempts = row.attempts + 1;
    const dead = attempts >= MAX_ATTEMPTS;
    const next = new Date(this.now().getTime() + backoffDelay(attempts, Math.random()));
    this.db.prepare(`UPDATE outbox SET status = ?, attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?`)
      .run(dead ? 'dead' : 'pending', attempts, next.toISOString(), describeError(err).message, row.id);
    this.log.warn({ outboxId: row.id, kind: row.kind, attempts, dead, err: describeError(err) }, 'outbox action failed');
  }

  /** Run soon rather than at the next interval (a retry from the console); never two runs at once. */
  poke(): void {
    if (this.#stopped || this.#busy) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#schedule(0);
  }

  #schedule(delay: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => {
      this.#busy = true;
      this.#running = this.runDue()
        .catch((err: unknown) => this.log.error({ err: describeError(err) }, 'outbox dispatcher failed'))
        .then(() => {
          this.#busy = false;
          this.#schedule(this.intervalMs);
        });
    }, delay);
    this.#timer.unref();
  }
}
