// A Core (register + pipeline, no listeners) on a fresh data directory, closed when the test file ends.
import { afterAll } from 'vitest';
import { loadConfig, type Config } from '../../mail-worker/config/load.js';
import { createLogger } from '../../mail-worker/log.js';
import { Core } from '../../mail-worker/service.js';
import { tempDir } from './tmp.js';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';

export function testConfig(overrides: Record<string, string> = {}): Config {
  const dir = tempDir();
  return loadConfig({ cwd: dir, env: { VANTHU_SMTP_PORT: '0', VANTHU_HTTP_PORT: '0', VANTHU_LOG_LEVEL: 'silent', ...overrides } });
}

/** A config from a vanthu.yaml with these settings (in a fresh directory), plus the test environment. */
export function testConfigFile(settings: Record<string, unknown>): Config {
  const dir = tempDir();
  writeFileSync(path.join(dir, 'vanthu.yaml'), stringify({ dataDir: './data', ...settings }));
  return loadConfig({ cwd: dir, env: { VANTHU_SMTP_PORT: '0', VANTHU_HTTP_PORT: '0', VANTHU_LOG_LEVEL: 'silent' } });
}

export function testCore(now?: () => Date, config = testConfig()): Core {
  const core = new Core(config, createLogger('silent'), now);
  afterAll(() => core.close());
  return core;
}

export const IMPORT = { source: 'import', mailboxId: 'import', folder: null, uidValidity: null, uid: null } as const;

export function imapAt(mailboxId: string, uid: number, uidValidity = 1, folder = 'INBOX') {
  return { source: 'imap', mailboxId, folder, uidValidity, uid } as const;
}
