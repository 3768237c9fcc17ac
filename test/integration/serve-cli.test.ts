// `vanthu serve` as a newcomer runs it: the embedded default, a message by SMTP, the register over HTTP, a clean stop.
import { once } from 'node:events';
import net from 'node:net';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { runVanthu, spawnVanthu } from '../helpers/cli.js';
import { freePort } from '../../scripts/dovecot-instance.js';
import { tempDir } from '../helpers/tmp.js';
import { waitFor } from '../helpers/wait.js';

describe('vanthu serve', () => {
  it('runs on the embedded default, registers an SMTP message, shows it, and exits 0 on SIGINT', async () => {
    const cwd = tempDir();
    const [httpPort, smtpPort] = [await freePort(), await freePort()];
    const child = spawnVanthu(['serve'], { cwd, env: { VANTHU_HTTP_PORT: String(httpPort), VANTHU_SMTP_PORT: String(smtpPort) } });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    await waitFor(() => stderr.includes('vanthu is running'), 'startup', 20_000);
    expect(stderr).toContain('running on the embedded default');
    const tokenFile = path.join(cwd, 'data', 'admin-token');
    expect(stderr).toContain(tokenFile);
    const token = readFileSync(tokenFile, 'utf8').trim();

    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtpPort, secure: false, ignoreTLS: true });
    const info = await transport.sendMail({
      from: '"Bộ Nội vụ" <vanthu@moha.gov.vn>', to: 'vanphong@example.gov.vn',
      subject: 'Công văn số 123/BNV-VP về việc góp ý dự thảo', text: 'Kính gửi: Ủy ban nhân dân tỉnh.',
    });
    expect(info.response).toMatch(/^250/);

    const api = (await (await fetch(`http://127.0.0.1:${httpPort}/api/register`, { headers: { Authorization: `Bearer ${token}` } })).json()) as {
      total: number; items: Array<{ subject: string; incomingNumber: number }>;
    };
    expect(api.total).toBe(1);
    expect(api.items[0]).toMatchObject({ incomingNumber: 1, subject: 'Công văn số 123/BNV-VP về việc góp ý dự thảo' });
    const page = await (await fetch(`http://127.0.0.1:${httpPort}/`, { headers: { Authorization: `Bearer ${token}` } })).text();
    expect(page).toContain('Công văn số 123/BNV-VP về việc góp ý dự thảo');
    expect(stderr).not.toContain(token);

    child.kill('SIGINT');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
    expect(stderr).toContain('stopped');
    expect(runVanthu(['register'], { cwd }).stdout).toContain('Công văn số 123/BNV-VP');
  });

  it('refuses to start with an invalid key, naming it, and exits non-zero', () => {
    const cwd = tempDir();
    writeFileSync(path.join(cwd, 'vanthu.yaml'), 'dataDir: ./data\nhttp:\n  host: 127.0.0.1\n  port: 8080\nmailbox: []\n');
    const result = runVanthu(['serve'], { cwd, timeoutMs: 20_000 });
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('E_CONFIG_INVALID');
    expect(result.stderr).toContain('vanthu.yaml:5');
    expect(result.stderr).toContain('unknown key mailbox');
  });

  it('names a port that is taken and exits non-zero instead of running half-started', async () => {
    const cwd = tempDir();
    const blocker = net.createServer().listen(0, '127.0.0.1');
    await once(blocker, 'listening');
    const taken = (blocker.address() as net.AddressInfo).port;
    try {
      const result = runVanthu(['serve'], { cwd, env: { VANTHU_HTTP_PORT: '0', VANTHU_SMTP_PORT: String(taken) }, timeoutMs: 20_000 });
      expect(result.status).toBe(1);
      expect(result.stderr).toContain(`E_LISTEN: SMTP ingress cannot listen on 127.0.0.1:${taken}: EADDRINUSE`);
    } finally {
      blocker.close();
    }
  });

  it('prints bilingual help', () => {
    const help = runVanthu(['--help'], { cwd: tempDir() }).stdout;
    for (const command of ['serve', 'ingest', 'register']) expect(help).toContain(command);
    expect(help).toContain('nhập thư');
    expect(help).toContain('import .eml files');
  });
});
