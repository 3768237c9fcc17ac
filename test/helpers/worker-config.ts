// Writes a vanthu.yaml for a test and loads it the way `vanthu serve --config` does.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { loadConfig, type Config } from '../../mail-worker/config/load.js';
import { DOVECOT_PASSWORD } from '../../scripts/dovecot-instance.js';

export const WORKER_ENV = { DOVECOT_TEST_PASSWORD: DOVECOT_PASSWORD, WRONG_PASSWORD: 'not-the-password' };

export function writeWorkerConfig(dir: string, mailboxes: unknown[], extra: Record<string, unknown> = {}): string {
  const file = path.join(dir, 'vanthu.yaml');
  writeFileSync(file, stringify({
    dataDir: './data',
    http: { host: '127.0.0.1', port: 0 },
    ingress: { smtp: { enabled: false } },
    log: { level: 'silent' },
    mailboxes,
    ...extra,
  }));
  return file;
}

export function workerConfig(dir: string, mailboxes: unknown[], extra: Record<string, unknown> = {}): Config {
  return loadConfig({ configPath: writeWorkerConfig(dir, mailboxes, extra), env: WORKER_ENV });
}
