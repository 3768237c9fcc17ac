// A private Dovecot for integration tests and the benchmark, driven through scripts/dovecot.sh.
import { execFileSync } from 'node:child_process';
import { chownSync, closeSync, mkdirSync, openSync, readFileSync, renameSync, utimesSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ImapFlow } from 'imapflow';
import { PROJECT_ROOT } from '../mail-worker/paths.js';

const SCRIPT = path.join(PROJECT_ROOT, 'scripts/dovecot.sh');
export const DOVECOT_PASSWORD = 'secret';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export class Dovecot {
  #sequence = 0;
  private constructor(readonly dir: string, readonly port: number, readonly tlsPort: number | null, readonly lmtpPort: number | null) {}

  /** `lmtp`: also accept mail over LMTP (from a relay), discarding a Message-ID a user already has. */
  static async start(dir: string, options: { tls?: boolean; lmtp?: boolean } = {}): Promise<Dovecot> {
    mkdirSync(dir, { recursive: true });
    const port = await freePort();
    const tlsPort = options.tls ? await freePort() : null;
    const lmtpPort = options.lmtp ? await freePort() : null;
    const instance = new Dovecot(dir, port, tlsPort, lmtpPort);
    instance.#run('start', dir, String(port), ...(tlsPort ? [String(tlsPort)] : []));
    return instance;
  }

  stop(): void {
    this.#run('stop', this.dir);
  }

  /** Start again on the same ports and mail (after stop()). */
  restart(): void {
    this.#run('start', this.dir, String(this.port), ...(this.tlsPort ? [String(this.tlsPort)] : []));
  }

  /** Put messages straight into a user's maildir, as a local delivery agent does; UIDs follow the order given. */
  deliver(user: string, messages: Buffer[], folder = 'INBOX'): void {
    const base = path.join(this.dir, 'mail', user, 'Maildir', folder === 'INBOX' ? '' : `.${folder}`);
    for (const sub of ['cur', 'new', 'tmp']) mkdirSync(path.join(base, sub), { recursive: true });
    const uid = Number(execFileSync('id', ['-u', 'vanthu-mail']).toString());
    const gid = Number(execFileSync('id', ['-g', 'vanthu-mail']).toString());
    const epoch = 1_700_000_000;
    for (const message of messages) {
      const name = `${epoch}.M${++this.#sequence}.vanthu`;
      const tmp = path.join(base, 'tmp', name);
      writeFileSync(tmp, message, { mode: 0o644 });
      chownSync(tmp, uid, gid);
      utimesSync(tmp, epoch, epoch);
      renameSync(tmp, path.join(base, 'new', name));
    }
    execFileSync('chown', ['-R', `${uid}:${gid}`, path.join(this.dir, 'mail', user)]);
  }

  /** An IMAP client logged in as the user (for APPEND, DELETE, CREATE from the test's side). */
  async client(user: string): Promise<ImapFlow> {
    const client = new ImapFlow({
      host: '127.0.0.1', port: this.port, secure: false, auth: { user, pass: DOVECOT_PASSWORD }, logger: false,
    });
    client.on('error', () => undefined);
    await client.connect();
    return client;
  }

  /** A vanthu.yaml mailbox entry for one user of this instance. */
  mailbox(id: string, user: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
    return {
      id,
      address: `${user}@example.gov.vn`,
      imap: { host: '127.0.0.1', port: this.port, secure: false, user, passwordEnv: 'DOVECOT_TEST_PASSWORD' },
      folders: ['INBOX'],
      ...extra,
    };
  }

  /** Output goes to a file: Dovecot's daemons inherit the descriptors, and a pipe would never reach end-of-file. */
  #run(...args: string[]): void {
    const logFile = path.join(this.dir, 'dovecot-script.log');
    const fd = openSync(logFile, 'a');
    try {
      execFileSync('bash', [SCRIPT, ...args], {
        stdio: ['ignore', fd, fd], timeout: 300_000, env: { ...process.env, ...(this.lmtpPort ? { LMTP_PORT: String(this.lmtpPort) } : {}) },
      });
    } catch (err) {
      throw new Error(`scripts/dovecot.sh ${args[0]} failed: ${readFileSync(logFile, 'utf8').slice(-2000)}`, { cause: err });
    } finally {
      closeSync(fd);
    }
  }
}
