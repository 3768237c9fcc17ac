// The express app: every route is declared in ROUTES below, and every route but health and login needs the admin token.
import express, { type NextFunction, type Request, type Response } from 'express';
import helmet from 'helmet';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '../log.js';
import type { BlobStore } from '../blobs/blob-store.js';
import { describeError, ERROR_CODES, type ErrorCode } from '../errors.js';
import { ADDIN_DIR } from '../paths.js';
import type { RegisterQueries } from '../register/queries.js';
import type { FolderHealth } from '../sources/health.js';
import { isAdmin, principalOf, readCookie, SESSION_COOKIE, tokenMatches, type Principal } from './auth.js';
import { pickLang, textFor } from './i18n.js';
import { renderLoginPage } from './login-page.js';
import { renderRegisterPage } from './register-page.js';
import { renderRulesPage } from './rules-page.js';
import { renderOutboxPage } from './outbox-page.js';
import { actorOf, httpError, idParam, intParam, listParams, sendError, type Route } from './route.js';
import { signatureRoutes } from './signature-routes.js';
import { toRuleFile } from '../rules/schema.js';
import { toYaml } from '../config/yaml-source.js';
import { CORRECTABLE, type Correction } from '../register/corrections.js';
import { correctionSchema } from './correction-schema.js';
import type { RulesService } from '../rules/rules-service.js';
import type { StatusChange } from '../register/processing.js';
import type { OutboxQueries } from '../register/outbox-queries.js';
import type { RegisterEntryView } from '../register/entry-view.js';
import { PROCESSING_STATUSES, type ProcessingStatus } from '../domain/processing/status.js';

export interface AppDeps {
  adminToken: string;
  queries: RegisterQueries;
  /** Apply a clerk's correction; null when there is no such entry. */
  correct: (entryId: number, correction: Correction, by: string) => Record<string, { from: unknown; to: unknown }> | null;
  history: (entryId: number) => unknown[];
  rules: Pick<RulesService, 'current' | 'versions' | 'save' | 'rollback' | 'dryRun'>;
  changeStatus: (entryId: number, to: ProcessingStatus, by: string, note: string | null) => StatusChange | null;
  statusHistory: (entryId: number) => StatusChange[];
  outbox: Pick<OutboxQueries, 'list'> & { retry: (id: number) => boolean };
  /** Entries due soon (within `days` working days) or overdue, open ones only. */
  due: (when: 'soon' | 'overdue', days: number) => RegisterEntryView[];
  blobs: BlobStore;
  /** A user by their own API token (enabled users only). */
  userByToken: (token: string) => Principal | null;
  /** Verify a PDF, an S/MIME message, or a document with its detached signature. */
  verify: (document: Buffer, detached: Buffer | null) => Promise<{ kind: string; signatures: unknown[] }>;
  /** Sign with the agency's certificate, logged under `by`; E_SIGN_NOT_CONFIGURED when there is none. */
  sign: (document: Buffer, by: string, options: { stamp: boolean; reason?: string }) => Promise<{ kind: 'pdf' | 'cms'; signed: Buffer; sha256: string; signer: string | null }>;
  health: () => { status: 'ok' | 'degraded'; mailboxes: FolderHealth[]; [key: string]: unknown };
  log: Logger;
}



export function routesFor(deps: AppDeps): Route[] {
  const css = readFileSync(path.join(ADDIN_DIR, 'console/console.css'), 'utf8');
  const lang = (req: Request) => pickLang(req.query.lang, readCookie(req.get('cookie'), 'vanthu_lang'));
  return [
    {
      method: 'get', path: '/api/health', access: 'public',
      handler: (req, res) => {
        const report = deps.health();
        if (isAdmin(deps.adminToken, req)) return void res.json(report);
        // Without the token: states and error codes only; server names, users and server replies need the token.
        const mailboxes = report.mailboxes.map(({ lastError, ...rest }) => ({ ...rest, lastError: lastError ? { code: lastError.code, at: lastError.at } : null }));
        res.json({ status: report.status, mailboxes });
      },
    },
    {
      method: 'get', path: '/login', access: 'public',
      handler: (req, res) => void res.type('html').send(renderLoginPage(lang(req), textFor(lang(req)), css, false)),
    },
    {
      method: 'post', path: '/login', access: 'public',
      handler: (req, res) => {
        const given = typeof req.body?.token === 'string' ? req.body.token.trim() : undefined;
        if (!tokenMatches(deps.adminToken, given)) {
          res.status(401).type('html').send(renderLoginPage(lang(req), textFor(lang(req)), css, true));
          return;
        }
        res.cookie(SESSION_COOKIE, given, { httpOnly: true, sameSite: 'strict', path: '/', secure: req.secure });
        res.cookie('vanthu_lang', lang(req), { sameSite: 'strict', path: '/' });
        res.redirect(303, '/');
      },
    },
    {
      method: 'post', path: '/logout', access: 'admin',
      handler: (_req, res) => {
        res.clearCookie(SESSION_COOKIE, { path: '/' });
        res.redirect(303, '/login');
      },
    },
    {
      method: 'get', path: '/', access: 'admin',
      handler: (req, res) => {
        const { limit, offset, q } = listParams(req);
        // ?due=soon|overdue: the deadline views (open documents due within two working days, or past their date).
        const due = req.query.due === 'soon' || req.query.due === 'overdue' ? req.query.due : null;
        const { items, total } = due ? ((list) => ({ items: list, total: list.length }))(deps.due(due, 2)) : deps.queries.list({ limit, offset, q });
        const l = lang(req);
        if (req.query.lang) res.cookie('vanthu_lang', l, { sameSite: 'strict', path: '/' });
        res.type('html').send(renderRegisterPage({ lang: l, t: textFor(l), css, items, total, q: q ?? '', offset, limit }));
      },
    },
    {
      method: 'get', path: '/api/register', access: 'admin',
      handler: (req, res) => void res.json(deps.queries.list(listParams(req))),
    },
    {
      method: 'get', path: '/api/register/:id', access: 'admin',
      handler: (req, res) => {
        const entry = deps.queries.get(idParam(req));
        if (!entry) throw httpError(404, 'E_NOT_FOUND', `No register entry ${req.params.id}`);
        res.json({ ...entry, corrections: deps.history(entry.id), statusHistory: deps.statusHistory(entry.id) });
      },
    },
    {
      method: 'post', path: '/api/register/:id/status', access: 'admin',
      handler: (req, res) => {
        const { status, note } = (req.body ?? {}) as { status?: unknown; note?: unknown };
        if (typeof status !== 'string' || !PROCESSING_STATUSES.includes(status as ProcessingStatus)) {
          throw httpError(400, 'E_BAD_REQUEST', `status: expected one of ${PROCESSING_STATUSES.join(', ')}`);
        }
        const change = deps.changeStatus(idParam(req), status as ProcessingStatus, actorOf(res), typeof note === 'string' && note.trim() ? note.trim().slice(0, 1000) : null);
        if (!change) throw httpError(404, 'E_NOT_FOUND', `No register entry ${req.params.id}`);
        res.json({ change, entry: deps.queries.get(idParam(req)) });
      },
    },
    {
      method: 'get', path: '/outbox', access: 'admin',
      handler: (req, res) => void res.type('html').send(renderOutboxPage(lang(req), textFor(lang(req)), css, deps.outbox.list(null, 200))),
    },
    {
      method: 'post', path: '/outbox/:id/retry', access: 'admin',
      handler: (req, res) => {
        deps.outbox.retry(idParam(req));
        res.redirect(303, '/outbox');
      },
    },
    {
      method: 'get', path: '/api/outbox', access: 'admin',
      handler: (req, res) => {
        const status = req.query.status === undefined ? null : String(req.query.status);
        if (status !== null && !['pending', 'done', 'dead'].includes(status)) throw httpError(400, 'E_BAD_REQUEST', 'status: expected pending, done or dead');
        res.json({ items: deps.outbox.list(status as 'pending' | 'done' | 'dead' | null, intParam(req.query.limit, 100, 1, 1000, 'limit')) });
      },
    },
    {
      method: 'post', path: '/api/outbox/:id/retry', access: 'admin',
      handler: (req, res) => {
        if (!deps.outbox.retry(idParam(req))) throw httpError(404, 'E_NOT_FOUND', `No outbox row ${req.params.id} waiting or dead`);
        res.json({ retried: idParam(req) });
      },
    },
    {
      method: 'get', path: '/api/due', access: 'admin',
      handler: (req, res) => {
        const when = req.query.when === 'overdue' ? 'overdue' : req.query.when === 'soon' || req.query.when === undefined ? 'soon' : null;
        if (!when) throw httpError(400, 'E_BAD_REQUEST', 'when: expected soon or overdue');
        res.json({ when, items: deps.due(when, intParam(req.query.days, 2, 0, 60, 'days')) });
      },
    },
    {
      method: 'patch', path: '/api/register/:id', access: 'admin',
      handler: (req, res) => {
        const parsed = correctionSchema.safeParse(req.body ?? {});
        if (!parsed.success) {
          const issue = parsed.error.issues[0]!;
          const field = issue.path.join('.') || (issue.code === 'unrecognized_keys' ? issue.keys.join(', ') : 'body');
          throw httpError(400, 'E_BAD_REQUEST', `${field}: ${issue.message}. Fields that can be corrected: ${Object.keys(CORRECTABLE).join(', ')}`);
        }
        const changes = deps.correct(idParam(req), parsed.data as Correction, actorOf(res));
        if (!changes) throw httpError(404, 'E_NOT_FOUND', `No register entry ${req.params.id}`);
        res.json({ changes, entry: deps.queries.get(idParam(req)) });
      },
    },
    {
      method: 'get', path: '/api/messages/:id/raw', access: 'admin',
      handler: (req, res) => {
        const raw = deps.queries.rawOf(idParam(req));
        if (!raw) throw httpError(404, 'E_NOT_FOUND', `No message ${req.params.id}`);
        res.type('message/rfc822');
        res.setHeader('Content-Disposition', `attachment; filename="message-${idParam(req)}.eml"`);
        res.setHeader('Content-Length', String(raw.size));
        if (raw.inline) {
          res.end(raw.inline);
          return;
        }
        const stream = deps.blobs.stream(raw.sha256);
        stream.once('error', (err) => {
          deps.log.error({ err: describeError(err), messageRow: raw.sha256 }, 'raw message unreadable');
          if (res.headersSent) res.destroy();
          else {
            res.removeHeader('Content-Length');
            res.removeHeader('Content-Disposition');
            sendError(res, 500, 'E_STORE', 'The original message cannot be read from the store');
          }
        });
        stream.pipe(res);
      },
    },
    ...signatureRoutes(deps),
    {
      method: 'get', path: '/api/rules', access: 'admin',
      handler: (_req, res) => void res.json(deps.rules.current() ?? { version: null, rules: [], source: '' }),
    },
    {
      method: 'get', path: '/api/rules/export', access: 'admin',
      handler: (req, res) => {
        const file = toRuleFile(deps.rules.current()?.rules ?? []);
        if (req.query.format === 'json') return void res.type('application/json').send(`${JSON.stringify(file, null, 2)}\n`);
        res.type('application/yaml').setHeader('Content-Disposition', 'attachment; filename="vanthu-rules.yaml"');
        res.send(toYaml(file));
      },
    },
    {
      method: 'get', path: '/api/rules/parts', access: 'admin',
      handler: (_req, res) => {
        // For the console's editor: each rule with its conditions and actions as YAML text to edit.
        const current = deps.rules.current();
        res.json({
          version: current?.version ?? null,
          rules: toRuleFile(current?.rules ?? []).rules.map((rule) => ({
            name: rule.name, enabled: rule.enabled, mailboxes: (rule.mailboxes as string[] | undefined) ?? [],
            when: toYaml(rule.when).trimEnd(), then: toYaml(rule.then).trimEnd(),
          })),
        });
      },
    },
    {
      method: 'get', path: '/rules', access: 'admin',
      handler: (req, res) => void res.type('html').send(renderRulesPage(lang(req), textFor(lang(req)), css)),
    },
    {
      method: 'put', path: '/api/rules', access: 'admin',
      handler: (req, res) => {
        const { source, comment } = (req.body ?? {}) as { source?: unknown; comment?: unknown };
        if (typeof source !== 'string') throw httpError(400, 'E_BAD_REQUEST', 'source: expected the rule file (YAML or JSON) as text');
        res.json(deps.rules.save(source, actorOf(res), typeof comment === 'string' && comment.trim() ? comment.trim().slice(0, 500) : null));
      },
    },
    {
      method: 'get', path: '/api/rules/versions', access: 'admin',
      handler: (_req, res) => void res.json({ versions: deps.rules.versions() }),
    },
    {
      method: 'post', path: '/api/rules/rollback', access: 'admin',
      handler: (req, res) => {
        const version = intParam((req.body as { version?: unknown } | undefined)?.version, 0, 1, Number.MAX_SAFE_INTEGER, 'version');
        const saved = deps.rules.rollback(version, actorOf(res));
        if (!saved) throw httpError(404, 'E_NOT_FOUND', `No rule version ${version}`);
        res.json(saved);
      },
    },
    {
      method: 'post', path: '/api/rules/dry-run', access: 'admin',
      handler: async (req, res) => {
        const body = (req.body ?? {}) as { source?: unknown; limit?: unknown; eml?: unknown };
        if (body.source !== undefined && typeof body.source !== 'string') throw httpError(400, 'E_BAD_REQUEST', 'source: expected the rule file as text');
        if (body.eml !== undefined && typeof body.eml !== 'string') throw httpError(400, 'E_BAD_REQUEST', 'eml: expected the message in base64');
        const results = await deps.rules.dryRun({
          source: body.source as string | undefined,
          limit: body.limit === undefined ? undefined : intParam(body.limit, 20, 1, 500, 'limit'),
          eml: typeof body.eml === 'string' ? Buffer.from(body.eml, 'base64') : undefined,
        });
        res.json({ results });
      },
    },
    {
      method: 'get', path: '/addin/*path', access: 'admin',
      handler: (req, res) => {
        const rel = ([] as string[]).concat(req.params.path as unknown as string[]).join('/');
        res.sendFile(rel || 'taskpane/index.html', { root: ADDIN_DIR, dotfiles: 'deny' });
      },
    },
  ];
}

export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(helmet());
  app.use(express.urlencoded({ extended: false, limit: '16kb' }));
  // JSON bodies (up to 30 MB: documents to sign or verify) are read only after the caller is known.
  const json = express.json({ limit: '30mb' });
  for (const route of routesFor(deps)) {
    const guard = route.access === 'public' ? [] : [requireAccess(deps, route.access)];
    app[route.method](route.path, ...guard, json, async (req: Request, res: Response, next: NextFunction) => {
      try {
        await route.handler(req, res);
      } catch (err) {
        next(err);
      }
    });
  }
  app.use((req: Request, res: Response) => {
    sendError(res, 404, 'E_NOT_FOUND', `No route ${req.method} ${req.path}`);
  });
  app.use((err: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const { code, message } = describeError(err);
    const status = (err as { status?: number }).status ?? CODE_STATUS[code] ?? 500;
    if (status >= 500) deps.log.error({ err: { code, message } }, 'http handler failed');
    sendError(res, status, (code in ERROR_CODES ? code : 'E_BAD_REQUEST') as ErrorCode, status >= 500 && !TOLD_5XX.has(code) ? 'Internal error' : message);
  });
  return app;
}

function requireAccess(deps: AppDeps, access: Exclude<Route['access'], 'public'>) {
  return (req: Request, res: Response, next: NextFunction) => {
    const principal = principalOf(deps.adminToken, req, deps.userByToken);
    if (!principal) {
      if (req.method === 'GET' && !req.path.startsWith('/api/') && req.accepts('html')) return res.redirect(303, '/login');
      return sendError(res, 401, 'E_AUTH_REQUIRED', ERROR_CODES.E_AUTH_REQUIRED);
    }
    if (access !== 'user' && !principal.roles.includes(access)) {
      return sendError(res, 403, 'E_FORBIDDEN', `${ERROR_CODES.E_FORBIDDEN} (this needs the ${access} role)`);
    }
    res.locals.principal = principal;
    next();
  };
}

/** Server-side problems whose message helps the user and holds nothing secret (the admin must fix the setup). */
const TOLD_5XX = new Set(['E_SIGN_KEY', 'E_SIGN_NOT_CONFIGURED']);

/** Errors from the layers below that are the request's fault, not the server's. */
const CODE_STATUS: Partial<Record<string, number>> = {
  E_RULE_INVALID: 400, E_BAD_REQUEST: 400, E_NOT_FOUND: 404, E_SIGN_INPUT: 422, E_SIGN_NOT_CONFIGURED: 503, E_SIGN_KEY: 503,
};
