// A private Postfix relay for integration tests, driven through scripts/postfix.sh: loopback SMTP in, LMTP out to a
// Dovecot for one domain.
import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from '../mail-worker/paths.js';
import { freePort } from './dovecot-instance.js';

const SCRIPT = path.join(PROJECT_ROOT, 'scripts/postfix.sh');

export class Postfix {
  private constructor(readonly dir: string, readonly port: number) {}

  static async start(dir: string, lmtp: { host: string; port: number }, domain: string): Promise<Postfix> {
    mkdirSync(dir, { recursive: true });
    const instance = new Postfix(dir, await freePort());
    instance.#run('start', dir, String(instance.port), `${lmtp.host}:${lmtp.port}`, domain);
    return instance;
  }

  stop(): void {
    this.#run('stop', this.dir);
  }

  log(): string {
    try {
      return readFileSync(path.join(this.dir, 'log/postfix.log'), 'utf8');
    } catch {
      return '';
    }
  }

  #run(...args: string[]): void {
    const logFile = path.join(this.dir, 'postfix-script.log');
    const fd = openSync(logFile, 'a');
    try {
      execFileSync('bash', [SCRIPT, ...args], { stdio: ['ignore', fd, fd], timeout: 300_000 });
    } catch (err) {
      throw new Error(`scripts/postfix.sh ${args[0]} failed: ${readFileSync(logFile, 'utf8').slice(-2000)}`, { cause: err });
    } finally {
      closeSync(fd);
    }
  }
}
