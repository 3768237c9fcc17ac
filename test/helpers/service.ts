// A running Service (HTTP + SMTP on free ports) over a fresh data directory, stopped when the test file ends.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll } from 'vitest';
import { createLogger } from '../../mail-worker/log.js';
import { Service } from '../../mail-worker/service.js';
import type { Config } from '../../mail-worker/config/load.js';
import { testConfig, testConfigFile } from './core.js';

export interface RunningService {
  service: Service;
  baseUrl: string;
  smtpPort: number;
  token: string;
}

export async function startService(overrides: Record<string, string> = {}): Promise<RunningService> {
  return startServiceWith(testConfig(overrides));
}

/** A running Service on a config made from vanthu.yaml settings (see testConfigFile). */
export async function startServiceFrom(settings: Record<string, unknown>): Promise<RunningService> {
  return startServiceWith(testConfigFile(settings));
}

async function startServiceWith(config: Config): Promise<RunningService> {
  const service = new Service(config, createLogger('silent'));
  const started = await service.start();
  afterAll(() => service.stop());
  const token = readFileSync(path.join(config.dataDir, 'admin-token'), 'utf8').trim();
  return { service, baseUrl: started.http.replace(/\/$/, ''), smtpPort: Number(started.smtp?.split(':')[1]), token };
}
