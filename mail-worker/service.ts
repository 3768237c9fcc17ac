// The composition root: builds the register, pipeline, sources, dispatcher and HTTP server from one Config.
import type { Server } from 'node:http';
import { SignatureService } from './signatures/service.js';
import { UserStore } from './register/users.js';
import type { Logger } from './log.js';
import { BlobStore } from './blobs/blob-store.js';
import type { Config } from './config/load.js';
import { describeError, VanthuError } from './errors.js';
import { createApp } from './http/app.js';
import { CorrectionStore, type Correction } from './register/corrections.js';
import { RuleStore } from './register/rule-store.js';
import { parseRuleFile } from './rules/load.js';
import { RulesService } from './rules/rules-service.js';
import { ProcessingStore } from './register/processing.js';
import type { RegisterEntryView } from './register/entry-view.js';
import { vietnamDateOf } from './domain/register-year.js';
import { workCalendarOf } from './rules/working-time.js';
import { ensureAdminToken } from './http/auth.js';
import { ParsePool } from './mail/parse-pool.js';
import { OutboxDispatcher, type OutboxHandler } from './outbox/dispatcher.js';
import { imapActionHandler } from './outbox/imap-handler.js';
import { mailActionHandlers } from './outbox/mail-actions.js';
import { scheduleDue } from './outbox/schedule.js';
import { OutboxQueries } from './register/outbox-queries.js';
import { createMailSender, type MailSender } from './mail/send.js';
import { InFlightBudget } from './pipeline/budget.js';
import { IngestPipeline } from './pipeline/ingest.js';
import { RegisterWriter } from './register/commit.js';
import { openRegisterDb, type Db } from './register/db.js';
import { RegisterQueries } from './register/queries.js';
import { HealthBoard } from './sources/health.js';
import { FolderWatcher } from './sources/imap-watcher.js';
import { SmtpIngress } from './sources/smtp-ingress.js';
import { readFileSync } from 'node:fs';
import path from 'node:path';

/** The register and pipeline, without any listening source: what `ingest` and `serve` both need. */
export class Core {
  readonly db: Db;
  readonly blobs: BlobStore;
  readonly pool: ParsePool;
  readonly queries: RegisterQueries;
  readonly pipeline: IngestPipeline;
  readonly corrections: CorrectionStore;
  readonly rules: RulesService;
  readonly processing: ProcessingStore;
  readonly signatures: SignatureService;
  readonly users: UserStore;

  constructor(readonly config: Config, readonly log: Logger, readonly now: () => Date = () => new Date()) {
    // The rule file is checked first, like vanthu.yaml: an invalid one stops the start before anything runs.
    const ruleFile = config.routing.rulesFile ? { file: config.routing.rulesFile, text: readRuleFile(config.routing.rulesFile) } : null;
    if (ruleFile) parseRuleFile(ruleFile.text, ruleFile.file);
    this.db = openRegisterDb(config.dataDir);
    // So are the trust anchors and CRLs: a wrong path stops the start, rather than leaving every signature unchecked.
    try {
      this.signatures = new SignatureService(this.db, config.signatures, config.dataDir, now);
    } catch (err) {
      this.db.close();
      throw err;
    }
    this.users = new UserStore(this.db);
    this.blobs = new BlobStore(path.join(config.dataDir, 'blobs'));
    this.pool = new ParsePool({ threads: config.limits.parseThreads, timeoutMs: config.limits.parseTimeoutMs });
    this.queries = new RegisterQueries(this.db);
    this.corrections = new CorrectionStore(this.db);
    this.processing = new ProcessingStore(this.db);
    this.rules = new RulesService(new RuleStore(this.db), this.queries, config, now, () => this.signatures.trust);
    if (ruleFile) this.rules.adoptFile(ruleFile.file, ruleFile.text);
    this.pool.teach(this.corrections.examples());
    const writer = new RegisterWriter(this.db, config.register.id, config.classification.securityOfficer ?? null);
    this.pipeline = new IngestPipeline({
      blobs: this.blobs,
      pool: this.pool,
      writer,
      isKnownRaw: (sha256) => this.queries.hasRaw(sha256),
      maxParseSize: config.limits.maxParseSize,
      reviewThreshold: config.classification.reviewThreshold,
      trust: () => this.signatures.trustSettings(),
      route: (parsed, registration, location, arrivedAt) => this.rules.route(parsed, registration, location, arrivedAt),
      now,
      log: log.child({ component: 'pipeline' }),
    });
  }

  /** For the daily summary of `date`: entries that arrived since the start of the day before, and those overdue on it. */
  summary(date: string): { arrived: RegisterEntryView[]; overdue: RegisterEntryView[] } {
    const since = new Date(Date.parse(`${date}T00:00:00+07:00`) - 86_400_000).toISOString();
    const dayBefore = vietnamDateOf(new Date(Date.parse(`${date}T00:00:00+07:00`) - 1));
    const overdue = this.queries.getMany(this.processing.dueBetween(null, dayBefore).map(({ id }) => id));
    return { arrived: this.queries.arrivedSince(since), overdue };
  }

  /** Open entries due within `days` working days (soon), or whose due date has passed (overdue). */
  due(when: 'soon' | 'overdue', days: number): RegisterEntryView[] {
    const now = this.now();
    const entries = this.processing.due(when, now, workCalendarOf(this.config.workingTime, now), days);
    return this.queries.getMany(entries.map(({ id }) => id));
  }

  /** A clerk's correction: recorded, applied, and taught to the classifier at once. */
  correct(entryId: number, correction: Correction, by: string): Record<string, { from: unknown; to: unknown }> | null {
    const changes = this.corrections.apply(entryId, correction, by, this.now());
    if (changes && 'category' in changes) this.pool.teach(this.corrections.examples());
    return changes;
  }

  /** A message's original bytes, wherever they are kept. */
  readRaw(messageRow: number): Buffer | null {
    const raw = this.queries.rawOf(messageRow);
    if (!raw) return null;
    return raw.inline ?? this.blobs.read(raw.sha256);
  }

  async close(): Promise<void> {
    await this.pool.close();
    this.db.close();
  }
}

/** Bytes and messages fetched from IMAP but not yet committed, across all watchers. */
const IN_FLIGHT_BYTES = 192 * 1024 * 1024;
const IN_FLIGHT_MESSAGES = 1000;

/** Everything `vanthu serve` runs in one process. */
export class Service {
  readonly core: Core;
  readonly health: HealthBoard;
  readonly watchers: FolderWatcher[] = [];
  #http: Server | null = null;
  #smtp: SmtpIngress | null = null;
  #dispatcher: OutboxDispatcher;
  readonly #sender: MailSender | null;
  #scheduleTimer: NodeJS.Timeout | null = null;
  #crlTimer: NodeJS.Timeout | null = null;
  readonly #outbox: OutboxQueries;
  readonly #startedAt: Date;

  constructor(readonly config: Config, readonly log: Logger, now: () => Date = () => new Date()) {
    this.core = new Core(config, log, now);
    this.health = new HealthBoard(log.child({ component: 'health' }));
    this.#sender = config.smtp ? createMailSender(config.smtp) : null;
    const handlers = this.#sender
      ? mailActionHandlers({
        sender: this.#sender, entry: (id) => this.core.queries.get(id), raw: (row) => this.core.readRaw(row),
        publicUrl: config.http.publicUrl ?? null,
        summary: (date) => this.core.summary(date),
      })
      : new Map<string, OutboxHandler>();
    if (config.mailboxes.length > 0) handlers.set('imap', imapActionHandler(this.core.db, config.mailboxes));
    this.#dispatcher = new OutboxDispatcher(this.core.db, handlers, log.child({ component: 'outbox' }), now);
    this.#outbox = new OutboxQueries(this.core.db);
    this.#startedAt = now();
    // One window for the whole process, however many mailboxes catch up at once; a slow message at the head of a
    // folder's line must not starve the parsers, so the window is wide.
    const budget = new InFlightBudget(IN_FLIGHT_BYTES, IN_FLIGHT_MESSAGES);
    for (const mailbox of config.mailboxes) {
      if (!mailbox.imap.tls.rejectUnauthorized) {
        log.warn({ mailboxId: mailbox.id, host: mailbox.imap.host }, 'TLS certificate checks are OFF for this server, as configured');
      }
      for (const folder of mailbox.folders) {
        this.health.folder(mailbox.id, folder);
        this.watchers.push(
          new FolderWatcher(mailbox, folder, {
            pipeline: this.core.pipeline,
            budget,
            checkpoints: {
              get: (id, f) => this.core.queries.checkpoint(id, f),
              reset: (id, f, validity) => this.core.queries.resetCheckpoint(id, f, validity, now()),
            },
            health: this.health,
            log: log.child({ component: 'imap' }),
            now,
            random: Math.random,
            idleRefreshMs: config.imap.idleRefreshMs,
            resyncIntervalMs: config.imap.resyncIntervalMs,
            fetchBatch: config.imap.fetchBatch,
          }),
        );
      }
    }
  }

  async #refreshCrls(): Promise<void> {
    for (const r of await this.core.signatures.refreshCrls()) {
      if (r.error) this.log.warn({ url: r.url, fetchedAt: r.fetchedAt, reason: r.error }, 'CRL not fetched');
      else this.log.info({ url: r.url }, 'CRL fetched');
    }
  }

  /** Send a dead or waiting outbox row again now (the retry button of the console). */
  #retryOutbox(id: number): boolean {
    const retried = this.#outbox.retry(id, this.core.now());
    if (retried) this.#dispatcher.poke();
    return retried;
  }

  /** Reminders and the daily summary are written to the outbox every few minutes (each at most once). */
  #startSchedule(): void {
    const { reminders, dailySummary } = this.config.routing;
    if (!reminders && !dailySummary) return;
    const run = () => {
      try {
        scheduleDue({ db: this.core.db, processing: this.core.processing, routing: this.config.routing, calendar: (at) => workCalendarOf(this.config.workingTime, at) }, this.core.now());
      } catch (err) {
        this.log.error({ err: describeError(err) }, 'scheduling reminders failed');
      }
    };
    run();
    this.#scheduleTimer = setInterval(run, SCHEDULE_INTERVAL_MS);
    this.#scheduleTimer.unref();
  }

  /** Start HTTP, SMTP ingress, the dispatcher and every watcher. Returns the addresses actually bound. */
  async start(): Promise<{ http: string; smtp: string | null; tokenFile: string; tokenCreated: boolean }> {
    // CRLs published at URLs first, so the first messages are checked against them (a failure keeps the last copy).
    await this.#refreshCrls();
    if (this.core.signatures.crlUrls().length > 0) {
      this.#crlTimer = setInterval(() => void this.#refreshCrls(), CRL_REFRESH_MS);
      this.#crlTimer.unref();
    }
    const { token, file, created } = ensureAdminToken(this.config.dataDir);
    const app = createApp({
      adminToken: token,
      queries: this.core.queries,
      correct: (id, correction, by) => this.core.correct(id, correction, by),
      history: (id) => this.core.corrections.history(id),
      rules: this.core.rules,
      changeStatus: (id, to, by, note) => this.core.processing.change(id, to, by, note, this.core.now()),
      statusHistory: (id) => this.core.processing.history(id),
      due: (when, days) => this.core.due(when, days),
      outbox: { list: (status, limit) => this.#outbox.list(status, limit), retry: (id) => this.#retryOutbox(id) },
      blobs: this.core.blobs,
      userByToken: (t) => this.core.users.byToken(t),
      verify: (document, detached) => this.core.signatures.verify(document, detached),
      sign: (document, by, options) => this.core.signatures.sign(document, by, options),
      health: () => this.healthReport(),
      log: this.log.child({ component: 'http' }),
    });
    const { host, port } = this.config.http;
    this.#http = await new Promise<Server>((resolve, reject) => {
      const server = app.listen(port, host, () => resolve(server));
      server.once('error', (err: NodeJS.ErrnoException) =>
        reject(new VanthuError('E_LISTEN', `web server cannot listen on ${host}:${port}: ${err.code ?? err.message}`, err)));
    });
    const httpAddress = this.#http.address();
    const httpUrl = `http://${host}:${typeof httpAddress === 'object' && httpAddress ? httpAddress.port : port}/`;
    let smtp: string | null = null;
    if (this.config.ingress.smtp.enabled) {
      const { host: smtpHost, port: smtpPort, maxMessageSize } = this.config.ingress.smtp;
      this.#smtp = new SmtpIngress({
        host: smtpHost, port: smtpPort, maxMessageSize, pipeline: this.core.pipeline, log: this.log.child({ component: 'smtp' }),
      });
      const bound = await this.#smtp.listen();
      smtp = `${bound.host}:${bound.port}`;
    }
    this.#dispatcher.start();
    this.#startSchedule();
    for (const watcher of this.watchers) watcher.start();
    return { http: httpUrl, smtp, tokenFile: file, tokenCreated: created };
  }

  healthReport() {
    const mailboxes = this.health.all();
    const crls = this.core.signatures.crlStatus();
    // A CRL never fetched means revocation by it is not checked: that needs the admin, like a mailbox down.
    const degraded = mailboxes.some((m) => !m.connected || m.lastError !== null) || crls.some((c) => c.fetchedAt === null);
    return {
      status: degraded ? ('degraded' as const) : ('ok' as const),
      startedAt: this.#startedAt.toISOString(),
      register: this.core.queries.counts(),
      inFlight: this.core.pipeline.inFlight,
      mailboxes,
      crls,
    };
  }

  /** Stop taking new work, finish the messages in hand, log out of IMAP, close the database. */
  async stop(): Promise<void> {
    await Promise.all([
      ...this.watchers.map((w) => w.stop()),
      this.#smtp?.close(),
      new Promise<void>((resolve) => {
        if (!this.#http) return resolve();
        this.#http.close(() => resolve());
        this.#http.closeIdleConnections();
      }),
    ]);
    if (this.#scheduleTimer) clearInterval(this.#scheduleTimer);
    if (this.#crlTimer) clearInterval(this.#crlTimer);
    await this.#dispatcher.stop();
    this.#sender?.close();
    await this.core.close();
  }
}

/** How often CRLs published at URLs are fetched again (CAs publish daily or more often). */
const CRL_REFRESH_MS = 6 * 3600_000;

/** How often reminders and the daily summary are looked for. */
const SCHEDULE_INTERVAL_MS = 5 * 60_000;

function readRuleFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new VanthuError('E_RULE_INVALID', `routing.rulesFile: cannot read ${file} (${(err as Error).message})`, err);
  }
}
