// A running Service (HTTP + SMTP on free ports) over a fresh data directory, stopped when the test file ends.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll } from 'vitest';
import { createLogger } from '../../mail-worker/log.js';
import { Service } from '../../mail-worker/service.js';
import { testConfig } from './core.js';

export interface RunningService {
  service: Service;
  baseUrl: string;
  smtpPort: number;
  token: string;
}

export async function startService(overrides: Record<string, string> = {}): Promise<RunningService> {
  const config = testConfig(overrides);
  const service = new Service(config, createLogger('silent'));
  const started = await service.start();
  afterAll(() => service.stop());
  const token = readFileSync(path.join(config.dataDir, 'admin-token'), 'utf8').trim();
  return { service, baseUrl: started.http.replace(/\/$/, ''), smtpPort: Number(started.smtp?.split(':')[1]), token };
}
