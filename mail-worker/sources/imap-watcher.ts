// Watches one folder of one mailbox with imapflow: catch up by UID from the checkpoint, then IDLE; reconnect with backoff.
import type { ImapFlow } from 'imapflow';
import type { Logger } from '../log.js';
import type { MailboxConfig } from '../config/load.js';
import { backoffDelay } from '../domain/backoff.js';
import { chunkUids, pendingUids, planSync, type Checkpoint } from '../domain/mailbox-sync.js';
import { describeError, isVanthuError } from '../errors.js';
import type { InFlightBudget } from '../pipeline/budget.js';
import type { IngestPipeline } from '../pipeline/ingest.js';
import type { HealthBoard } from './health.js';
import { imapError } from './imap-errors.js';
import { imapClientOf } from './imap-client.js';

export interface WatcherDeps {
  pipeline: IngestPipeline;
  /** Shared by every watcher of the process: bytes and messages fetched but not yet committed. */
  budget: InFlightBudget;
  checkpoints: {
    get(mailboxId: string, folder: string): Checkpoint | null;
    reset(mailboxId: string, folder: string, uidValidity: number): void;
  };
  health: HealthBoard;
  log: Logger;
  now: () => Date;
  random: () => number;
  idleRefreshMs: number;
  resyncIntervalMs: number;
  fetchBatch: number;
}

/** Bytes fetched per FETCH command. */
const CHUNK_BYTES = 64 * 1024 * 1024;

export class FolderWatcher {
  readonly #mailbox: MailboxConfig;
  readonly #folder: string;
  readonly #deps: WatcherDeps;
  readonly #log: Logger;
  #stopping = false;
  #client: ImapFlow | null = null;
  #wake: (() => void) | null = null;
  #changed = false;
  #loop: Promise<void> | null = null;

  constructor(mailbox: MailboxConfig, folder: string, deps: WatcherDeps) {
    this.#mailbox = mailbox;
    this.#folder = folder;
    this.#deps = deps;
    this.#log = deps.log.child({ mailboxId: mailbox.id, folder });
  }

  start(): void {
    this.#loop ??= this.#run();
  }

  /** Finish the messages in hand, log out cleanly, and return. */
  async stop(): Promise<void> {
    this.#stopping = true;
    this.#wake?.();
    await this.#loop;
  }

  async #run(): Promise<void> {
    let attempt = 0;
    while (!this.#stopping) {
      const client = this.#connectClient();
      try {
        await client.connect();
        await client.mailboxOpen(this.#folder);
        this.#health({ connected: true });
        // The backoff starts over only once a catch-up went through: a register that keeps failing must not turn
        // into a reconnect every second.
        await this.#syncUntilClosed(client, () => {
          attempt = 0;
          this.#health({ lastError: null });
        });
      } catch (err) {
        if (!this.#stopping) this.#recordError(err, attempt);
      } finally {
        await this.#disconnect(client);
      }
      if (this.#stopping) break;
      const auth = this.#deps.health.folder(this.#mailbox.id, this.#folder).lastError?.code === 'E_IMAP_AUTH';
      // Wrong passwords are retried slowly: servers lock accounts that fail too often.
      await this.#sleep(backoffDelay(attempt + (auth ? 5 : 0), this.#deps.random()));
      attempt++;
    }
  }

  #connectClient(): ImapFlow {
    const client = imapClientOf(this.#mailbox, { maxIdleTime: this.#deps.idleRefreshMs });
    client.on('error', (err: unknown) => this.#log.debug({ err: describeError(err) }, 'imap connection error'));
    client.on('exists', () => this.#signalChange());
    client.on('close', () => this.#wake?.());
    this.#client = client;
    return client;
  }

  async #syncUntilClosed(client: ImapFlow, onSynced: () => void): Promise<void> {
    let reselect = false;
    while (!this.#stopping && client.usable) {
      this.#changed = false;
      // The periodic resync selects the folder again: a folder deleted and recreated under us only shows in a new
      // SELECT (fresh UIDVALIDITY), and some servers never tell an idling client.
      if (reselect) await client.mailboxOpen(this.#folder);
      await this.#catchUp(client);
      onSynced();
      if (this.#changed) continue;
      reselect = (await this.#waitForChange(client)) === 'timer';
    }
  }

  async #catchUp(client: ImapFlow): Promise<void> {
    const mailbox = client.mailbox;
    if (!mailbox) throw imapError(new Error('no folder selected'), this.#where());
    const uidValidity = Number(mailbox.uidValidity);
    const plan = planSync(this.#deps.checkpoints.get(this.#mailbox.id, this.#folder), uidValidity);
    if (plan.uidValidityChanged) {
      this.#log.warn({ uidValidity }, 'UIDVALIDITY changed: re-reading the folder; known messages are not registered again');
      this.#deps.checkpoints.reset(this.#mailbox.id, this.#folder, uidValidity);
    }
    const listed = mailbox.exists === 0 ? [] : await client.fetchAll(`${plan.afterUid + 1}:*`, { uid: true, size: true }, { uid: true });
    const sizes = new Map(listed.map((m) => [m.uid, m.size ?? 0]));
    const uids = pendingUids([...sizes.keys()], plan.afterUid);
    this.#health({ backlog: uids.length });
    if (uids.length > 0) this.#log.info({ backlog: uids.length, afterUid: plan.afterUid }, 'catching up');

    const { budget } = this.#deps;
    const commits: Array<Promise<unknown>> = [];
    let failure: unknown = null;
    for (const chunk of chunkUids(uids, sizes, this.#deps.fetchBatch, CHUNK_BYTES)) {
      if (this.#stopping || failure) break;
      for await (const message of client.fetch(chunk.join(','), { uid: true, source: true }, { uid: true })) {
        if (this.#stopping || failure) continue;
        if (!message.source) {
          // Skipping it would let later UIDs move the checkpoint past it for good: fail the catch-up instead.
          failure = imapError(new Error(`UID ${message.uid} came without its content`), this.#where());
          continue;
        }
        const size = message.source.length;
        await budget.acquire(size);
        const location = { source: 'imap' as const, mailboxId: this.#mailbox.id, folder: this.#folder, uidValidity, uid: message.uid };
        commits.push(
          this.#deps.pipeline.submit(message.source, location, { mayBeKnown: plan.uidValidityChanged }).then(
            (result) => {
              const health = this.#deps.health.folder(this.#mailbox.id, this.#folder);
              this.#health({ backlog: Math.max(0, health.backlog - 1), registered: health.registered + (result.outcome === 'registered' ? 1 : 0) });
            },
            (err: unknown) => (failure ??= err),
          ).finally(() => budget.release(size)),
        );
      }
    }
    await Promise.all(commits);
    if (failure) throw failure;
    if (!this.#stopping) this.#health({ lastSync: this.#deps.now().toISOString(), backlog: 0 });
  }

  /** Sleep in IDLE until the server reports new mail, the periodic resync is due, the connection closes, or stop. */
  async #waitForChange(client: ImapFlow): Promise<'timer' | 'event'> {
    if (this.#stopping || !client.usable) return 'event';
    const why = await new Promise<'timer' | 'event'>((resolve) => {
      const timer = setTimeout(() => resolve('timer'), this.#deps.resyncIntervalMs);
      this.#wake = () => {
        clearTimeout(timer);
        resolve('event');
      };
    });
    this.#wake = null;
    return why;
  }

  #signalChange(): void {
    this.#changed = true;
    this.#wake?.();
  }

  async #sleep(ms: number): Promise<void> {
    if (this.#stopping) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      this.#wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });
    this.#wake = null;
  }

  async #disconnect(client: ImapFlow): Promise<void> {
    this.#health({ connected: false });
    if (client.usable) {
      try {
        await client.logout();
      } catch {
        client.close();
      }
    } else {
      client.close();
    }
    if (this.#client === client) this.#client = null;
  }

  #recordError(err: unknown, attempt: number): void {
    // Our own errors (the register failed, ...) keep their code; anything else came from the IMAP side.
    const error = isVanthuError(err) ? err : imapError(err, this.#where());
    this.#health({ lastError: { code: error.code, message: error.message, at: this.#deps.now().toISOString() } });
    this.#log.warn({ code: error.code, attempt }, error.message);
  }

  #where(): string {
    const { imap } = this.#mailbox;
    return `mailbox ${this.#mailbox.id} (${imap.user}@${imap.host}:${imap.port}) folder ${this.#folder}`;
  }

  #health(change: Parameters<HealthBoard['update']>[2]): void {
    this.#deps.health.update(this.#mailbox.id, this.#folder, change);
  }
}
