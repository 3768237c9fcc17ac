// Runs the built `vanthu` command as a user would, in a working directory of the test's choosing.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { onTestFinished } from 'vitest';
import { PROJECT_ROOT } from '../../mail-worker/paths.js';

export const VANTHU_BIN = path.join(PROJECT_ROOT, 'bin/vanthu.cjs');

export function runVanthu(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number }) {
  const result = spawnSync(process.execPath, [VANTHU_BIN, ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    encoding: 'utf8',
    timeout: options.timeoutMs ?? 120_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Start `vanthu` in the background; it is killed when the test ends, whatever the test's outcome. */
export function spawnVanthu(args: string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): ChildProcess {
  const child = spawn(process.execPath, [VANTHU_BIN, ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  onTestFinished(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  return child;
}
