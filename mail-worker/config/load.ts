// The only module that reads the environment and the config file: defaults, then file, then environment; validated once.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import { VanthuError } from '../errors.js';
import { configSchema, isCrlUrl, type ParsedConfig } from './schema.js';
import { Secret } from './secret.js';
import { describeIssues, parseYamlWithLines, YamlSyntaxError, type Locate } from './yaml-source.js';

export type MailboxConfig = Omit<ParsedConfig['mailboxes'][number], 'imap'> & {
  imap: ParsedConfig['mailboxes'][number]['imap'] & { password: Secret };
};

export type RelayConfig = NonNullable<ParsedConfig['smtp']> & { password: Secret | null };

export type SigningConfig = NonNullable<ParsedConfig['signatures']['signing']> & { password: Secret };
export type SignaturesConfig = Omit<ParsedConfig['signatures'], 'signing'> & { signing: SigningConfig | null };

export type Config = Readonly<
  Omit<ParsedConfig, 'mailboxes' | 'smtp' | 'signatures'> & {
    mailboxes: MailboxConfig[];
    smtp: RelayConfig | null;
    signatures: SignaturesConfig;
    /** The file the config came from, or null when running on the embedded default. */
    source: string | null;
  }
>;

/** Environment variables that override the file; documented in the README. */
const ENV_OVERRIDES: Array<[string, string[], 'string' | 'number' | 'boolean']> = [
  ['VANTHU_DATA_DIR', ['dataDir'], 'string'],
  ['VANTHU_HTTP_HOST', ['http', 'host'], 'string'],
  ['VANTHU_HTTP_PORT', ['http', 'port'], 'number'],
  ['VANTHU_SMTP_ENABLED', ['ingress', 'smtp', 'enabled'], 'boolean'],
  ['VANTHU_SMTP_HOST', ['ingress', 'smtp', 'host'], 'string'],
  ['VANTHU_SMTP_PORT', ['ingress', 'smtp', 'port'], 'number'],
  ['VANTHU_LOG_LEVEL', ['log', 'level'], 'string'],
];

export interface LoadOptions {
  /** `--config` from the command line. */
  configPath?: string;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

/** Load, validate and freeze the configuration, or throw E_CONFIG_* naming the key and what is expected. */
export function loadConfig(options: LoadOptions = {}): Config {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const file = findConfigFile(options.configPath ?? env.VANTHU_CONFIG, cwd);
  const { data, locate } = file ? readYaml(file) : { data: {}, locate: () => null };
  applyEnvOverrides(data, env);

  const result = configSchema.safeParse(data);
  if (!result.success) throw invalid(result.error, file, locate);

  const baseDir = file ? path.dirname(file) : cwd;
  const parsed = result.data;
  const mailboxes = parsed.mailboxes.map((mailbox, index) => ({
    ...mailbox,
    imap: { ...mailbox.imap, password: readPassword(mailbox.imap, `mailboxes[${index}].imap`, baseDir, env) },
  }));
  checkUniqueIds(mailboxes.map((m) => m.id));
  const smtp = parsed.smtp
    ? { ...parsed.smtp, password: parsed.smtp.passwordEnv || parsed.smtp.passwordFile ? readPassword(parsed.smtp, 'smtp', baseDir, env) : null }
    : null;
  const routing = parsed.routing.rulesFile ? { ...parsed.routing, rulesFile: path.resolve(baseDir, parsed.routing.rulesFile) } : parsed.routing;
  const signatures = {
    ...(parsed.signatures.trustAnchors ? { trustAnchors: path.resolve(baseDir, parsed.signatures.trustAnchors) } : {}),
    crls: parsed.signatures.crls.map((crl) => (isCrlUrl(crl) ? crl : path.resolve(baseDir, crl))),
    signing: parsed.signatures.signing
      ? { ...parsed.signatures.signing, p12: path.resolve(baseDir, parsed.signatures.signing.p12), password: readPassword(parsed.signatures.signing, 'signatures.signing', baseDir, env) }
      : null,
  };
  return deepFreeze({ ...parsed, dataDir: path.resolve(baseDir, parsed.dataDir), mailboxes, smtp, routing, signatures, source: file });
}

function findConfigFile(explicit: string | undefined, cwd: string): string | null {
  if (explicit) {
    const file = path.resolve(cwd, explicit);
    if (!existsSync(file)) throw new VanthuError('E_CONFIG_NOT_FOUND', `Config file not found: ${file}`);
    return file;
  }
  const fallback = path.resolve(cwd, 'vanthu.yaml');
  return existsSync(fallback) ? fallback : null;
}

function readYaml(file: string): { data: Record<string, unknown>; locate: Locate } {
  let parsed: { data: unknown; locate: Locate };
  try {
    parsed = parseYamlWithLines(readFileSync(file, 'utf8'));
  } catch (err) {
    if (!(err instanceof YamlSyntaxError)) throw err;
    throw new VanthuError('E_CONFIG_INVALID', `${file}${err.line ? `:${err.line}` : ''}: ${err.message}`);
  }
  const data = parsed.data ?? {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new VanthuError('E_CONFIG_INVALID', `${file}: expected a mapping of settings at the top level`);
  }
  return { data: data as Record<string, unknown>, locate: parsed.locate };
}

function applyEnvOverrides(data: Record<string, unknown>, env: NodeJS.ProcessEnv): void {
  for (const [name, keyPath, type] of ENV_OVERRIDES) {
    const raw = env[name];
    if (raw === undefined || raw === '') continue;
    let value: unknown = raw;
    if (type === 'number') value = Number(raw);
    if (type === 'boolean') value = raw === 'true' || raw === '1' ? true : raw === 'false' || raw === '0' ? false : raw;
    let target = data;
    for (const key of keyPath.slice(0, -1)) {
      if (typeof target[key] !== 'object' || target[key] === null) target[key] = {};
      target = target[key] as Record<string, unknown>;
    }
    target[keyPath[keyPath.length - 1]!] = value;
  }
}

function invalid(error: z.ZodError, file: string | null, locate: Locate): VanthuError {
  const lines = describeIssues(error, file ?? 'environment', locate, "check the spelling against the README's configuration reference");
  return new VanthuError('E_CONFIG_INVALID', `Invalid configuration:\n  ${lines.join('\n  ')}`);
}

function readPassword(
  imap: { passwordEnv?: string | undefined; passwordFile?: string | undefined },
  key: string,
  baseDir: string,
  env: NodeJS.ProcessEnv,
): Secret {
  if (imap.passwordEnv) {
    const value = env[imap.passwordEnv];
    if (!value) {
      throw new VanthuError('E_CONFIG_SECRET', `${key}.passwordEnv: environment variable ${imap.passwordEnv} is not set`);
    }
    return new Secret(value);
  }
  const file = path.resolve(baseDir, imap.passwordFile!);
  try {
    return new Secret(readFileSync(file, 'utf8').replace(/\r?\n$/, ''));
  } catch (err) {
    throw new VanthuError('E_CONFIG_SECRET', `${key}.passwordFile: cannot read ${file} (${(err as Error).message})`);
  }
}

function checkUniqueIds(ids: string[]): void {
  const seen = new Set<string>();
  for (const [index, id] of ids.entries()) {
    if (seen.has(id)) throw new VanthuError('E_CONFIG_INVALID', `mailboxes[${index}].id: duplicate mailbox id "${id}"`);
    seen.add(id);
  }
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !(value instanceof Secret) && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
