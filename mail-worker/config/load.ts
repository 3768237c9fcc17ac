// The only module that reads the environment and the config file: defaults, then file, then environment; validated once.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument, isMap, isSeq, type Node } from 'yaml';
import type { z } from 'zod';
import { VanthuError } from '../errors.js';
import { configSchema, type ParsedConfig } from './schema.js';
import { Secret } from './secret.js';

export type MailboxConfig = Omit<ParsedConfig['mailboxes'][number], 'imap'> & {
  imap: ParsedConfig['mailboxes'][number]['imap'] & { password: Secret };
};

export type Config = Readonly<
  Omit<ParsedConfig, 'mailboxes'> & {
    mailboxes: MailboxConfig[];
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
  return deepFreeze({ ...parsed, dataDir: path.resolve(baseDir, parsed.dataDir), mailboxes, source: file });
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

type Locate = (keyPath: ReadonlyArray<PropertyKey>) => number | null;

function readYaml(file: string): { data: Record<string, unknown>; locate: Locate } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(readFileSync(file, 'utf8'), { lineCounter, prettyErrors: true });
  if (doc.errors.length > 0) {
    const first = doc.errors[0]!;
    const line = first.linePos?.[0]?.line;
    throw new VanthuError('E_CONFIG_INVALID', `${file}${line ? `:${line}` : ''}: not valid YAML: ${first.message.split('\n')[0]}`);
  }
  const data = doc.toJS() ?? {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    throw new VanthuError('E_CONFIG_INVALID', `${file}: expected a mapping of settings at the top level`);
  }
  const locate: Locate = (keyPath) => {
    let node: unknown = doc.contents;
    let found: Node | null = null;
    for (const key of keyPath) {
      if (isMap(node)) {
        const pair = node.items.find((item) => (item.key as { value?: unknown })?.value === key);
        if (!pair) break;
        found = (pair.key as Node) ?? found;
        node = pair.value;
      } else if (isSeq(node) && typeof key === 'number') {
        node = node.items[key];
        found = (node as Node) ?? found;
      } else break;
    }
    const offset = found?.range?.[0];
    return offset === undefined ? null : lineCounter.linePos(offset).line;
  };
  return { data: data as Record<string, unknown>, locate };
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
  const lines = error.issues.map((issue) => {
    const key = formatKeyPath(issue.path);
    const unknownKeys = issue.code === 'unrecognized_keys' ? issue.keys : [];
    const keyPath = unknownKeys.length > 0 ? [...issue.path, unknownKeys[0]!] : issue.path;
    const line = locate(keyPath);
    const where = `${file ?? 'environment'}${line ? `:${line}` : ''}`;
    if (unknownKeys.length > 0) {
      const names = unknownKeys.map((k) => formatKeyPath([...issue.path, k])).join(', ');
      return `${where}: unknown key ${names}; check the spelling against the README's configuration reference`;
    }
    return `${where}: ${key || '(top level)'}: ${issue.message}`;
  });
  return new VanthuError('E_CONFIG_INVALID', `Invalid configuration:\n  ${lines.join('\n  ')}`);
}

export function formatKeyPath(keyPath: ReadonlyArray<PropertyKey>): string {
  return keyPath
    .map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`))
    .join('');
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
