// The IMAP watcher against a real Dovecot: backlog, IDLE, reconnect, UIDVALIDITY, two mailboxes, bad mailboxes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../mail-worker/log.js';
import { Service } from '../../mail-worker/service.js';
import { Dovecot } from '../../scripts/dovecot-instance.js';
import { buildMessage } from '../../scripts/sample-mail.js';
import { tempDir } from '../helpers/tmp.js';
import { waitFor } from '../helpers/wait.js';
import { workerConfig } from '../helpers/worker-config.js';

let dovecot: Dovecot;
beforeAll(async () => {
  dovecot = await Dovecot.start(tempDir('vanthu-dovecot-'), { tls: true });
});
afterAll(() => dovecot?.stop());

async function startWorker(mailboxes: unknown[], extra: Record<string, unknown> = {}): Promise<Service> {
  const service = new Service(workerConfig(tempDir(), mailboxes, extra), createLogger('silent'));
  await service.start();
  return service;
}

function numbers(service: Service): number[] {
  return (service.core.db.prepare('SELECT incoming_number FROM register_entries ORDER BY incoming_number').pluck().all() as number[]);
}

const gapless = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

function messages(n: number, prefix: string): Buffer[] {
  return Array.from({ length: n }, (_, i) =>
    buildMessage({ messageId: `${prefix}-${i}@example.gov.vn`, subject: `Công văn ${prefix} số ${i + 1}` }));
}

describe('IMAP watcher with a real Dovecot', () => {
  it('(a) registers 1,000 messages already in INBOX once each, số đến 1..1000; (b) then a new one arrives by IDLE', async () => {
    dovecot.deliver('vanphong', messages(1000, 'backlog'));
    const service = await startWorker([dovecot.mailbox('vanphong', 'vanphong')]);
    try {
      await waitFor(() => service.core.queries.counts().entries >= 1000, '1000 entries', 120_000);
      await waitFor(() => service.health.all()[0]?.backlog === 0 && service.health.all()[0]?.lastSync, 'sync done');
      expect(numbers(service)).toEqual(gapless(1000));
      expect(service.core.queries.checkpoint('vanphong', 'INBOX')?.lastUid).toBe(1000);

      // Resync runs only every 10 minutes, so anything faster than that is IDLE at work.
      const client = await dovecot.client('vanphong');
      const sent = Date.now();
      await client.append('INBOX', buildMessage({ messageId: 'idle-1@example.gov.vn', subject: 'Thư mới khi đang IDLE' }));
      await client.logout();
      await waitFor(() => service.core.queries.counts().entries === 1001, 'the IDLE message', 10_000, 20);
      const latency = Date.now() - sent;
      expect(latency).toBeLessThan(10_000);
      expect(service.core.queries.list({ limit: 1, offset: 0 }).items[0]).toMatchObject({ incomingNumber: 1001, subject: 'Thư mới khi đang IDLE' });
      expect(service.healthReport().mailboxes[0]).toMatchObject({ connected: true, lastError: null });
    } finally {
      await service.stop();
    }
  });

  it('(d) Dovecot stopped and restarted mid-run: the worker reconnects and catches up, no gap, no duplicate', async () => {
    dovecot.deliver('donvi1', messages(600, 'restart'));
    const service = await startWorker([dovecot.mailbox('donvi1', 'donvi1')], { imap: { fetchBatch: 20 } });
    try {
      await waitFor(() => service.core.queries.counts().entries >= 50, 'first entries');
      dovecot.stop();
      await waitFor(() => service.health.all()[0]?.connected === false, 'disconnect noticed', 30_000);
      await new Promise((resolve) => setTimeout(resolve, 1500));
      dovecot.restart();
      await waitFor(() => service.core.queries.counts().entries === 600, 'all 600 after restart', 120_000);
      expect(numbers(service)).toEqual(gapless(600));
      await waitFor(() => service.health.all()[0]?.connected, 'reconnected');
    } finally {
      await service.stop();
    }
  });

  it('(e) the folder recreated with a new UIDVALIDITY and the same messages: no duplicates', async () => {
    const batch = messages(30, 'uidvalidity');
    const client = await dovecot.client('lanhdao');
    await client.mailboxCreate('Archive');
    for (const m of batch) await client.append('Archive', m);
    const service = await startWorker([{ ...dovecot.mailbox('lanhdao', 'lanhdao'), folders: ['Archive'] }], { imap: { resyncIntervalMs: 5000 } });
    try {
      await waitFor(() => service.core.queries.counts().entries === 30, '30 entries');
      const before = service.core.queries.checkpoint('lanhdao', 'Archive')!;
      await client.mailboxDelete('Archive');
      await client.mailboxCreate('Archive');
      for (const m of batch) await client.append('Archive', m);
      await client.append('Archive', buildMessage({ messageId: 'after-recreate@example.gov.vn', subject: 'sau khi tạo lại' }));
      await waitFor(() => {
        const cp = service.core.queries.checkpoint('lanhdao', 'Archive');
        return cp && cp.uidValidity !== before.uidValidity && cp.lastUid === 31;
      }, 'checkpoint under the new UIDVALIDITY', 60_000);
      expect(service.core.queries.counts().entries).toBe(31);
      expect(numbers(service)).toEqual(gapless(31));
    } finally {
      await client.logout();
      await service.stop();
    }
  });

  it('(f) the same message in two mailboxes: one register entry linked to both', async () => {
    const message = buildMessage({ messageId: 'giaymoi-hop-giao-ban@example.gov.vn', subject: 'Giấy mời họp giao ban' });
    const withTrace = (to: string) => Buffer.concat([Buffer.from(`Delivered-To: ${to}\r\nReceived: by mx.example.gov.vn for <${to}>\r\n`), message]);
    dovecot.deliver('donvi2', [withTrace('donvi2@example.gov.vn')]);
    dovecot.deliver('bench', [withTrace('bench@example.gov.vn')]);
    const service = await startWorker([dovecot.mailbox('donvi2', 'donvi2'), dovecot.mailbox('bench', 'bench')]);
    try {
      await waitFor(() => service.health.all().every((h) => h.lastSync !== null), 'both folders synced');
      const { items, total } = service.core.queries.list({ limit: 10, offset: 0 });
      expect(total).toBe(1);
      expect(items[0]!.mailboxes).toEqual(['bench', 'donvi2']);
      expect(items[0]!.messages).toHaveLength(2);
    } finally {
      await service.stop();
    }
  });

  it('names each bad mailbox (wrong password, unreachable, untrusted TLS) while the good one keeps working', async () => {
    const closedPort = dovecot.port + 1 === dovecot.tlsPort ? dovecot.port + 2 : dovecot.port + 1;
    const good = await dovecot.client('donvi2');
    const service = await startWorker([
      { ...dovecot.mailbox('wrongpass', 'donvi1'), imap: { ...(dovecot.mailbox('x', 'donvi1').imap as object), passwordEnv: 'WRONG_PASSWORD' } },
      { ...dovecot.mailbox('unreachable', 'donvi1'), imap: { ...(dovecot.mailbox('x', 'donvi1').imap as object), port: closedPort } },
      { ...dovecot.mailbox('selfsigned', 'donvi1'), imap: { ...(dovecot.mailbox('x', 'donvi1').imap as object), port: dovecot.tlsPort, secure: true } },
      dovecot.mailbox('good', 'donvi2'),
    ]);
    try {
      const byId = () => Object.fromEntries(service.healthReport().mailboxes.map((m) => [m.mailboxId, m]));
      await waitFor(() => byId().wrongpass?.lastError && byId().unreachable?.lastError && byId().selfsigned?.lastError, 'three errors', 30_000);
      expect(byId().wrongpass!.lastError).toMatchObject({ code: 'E_IMAP_AUTH', message: expect.stringContaining('mailbox wrongpass') });
      expect(byId().unreachable!.lastError).toMatchObject({ code: 'E_IMAP_CONNECT', message: expect.stringContaining('mailbox unreachable') });
      expect(byId().selfsigned!.lastError).toMatchObject({ code: 'E_IMAP_TLS', message: expect.stringContaining('mailbox selfsigned') });
      expect(JSON.stringify(service.healthReport())).not.toContain('not-the-password');
      expect(service.healthReport().status).toBe('degraded');

      const before = service.core.queries.counts().entries;
      await good.append('INBOX', buildMessage({ messageId: 'still-working@example.gov.vn', subject: 'Hộp thư tốt vẫn chạy' }));
      await waitFor(() => service.core.queries.counts().entries === before + 1, 'the good mailbox registers', 15_000);
      expect(byId().good).toMatchObject({ connected: true, lastError: null });
    } finally {
      await good.logout();
      await service.stop();
    }
  });

  it('accepts the self-signed server only when an admin turns verification off for that server', async () => {
    const imap = { ...(dovecot.mailbox('x', 'donvi1').imap as object), port: dovecot.tlsPort, secure: true, tls: { rejectUnauthorized: false } };
    const service = await startWorker([{ ...dovecot.mailbox('trusted-by-admin', 'donvi1'), imap }]);
    try {
      await waitFor(() => service.health.all()[0]?.connected && service.health.all()[0]?.lastSync, 'connected over TLS', 30_000);
    } finally {
      await service.stop();
    }
  });

  it('registers a message over the parse limit as failed, keeping its raw bytes', async () => {
    const big = buildMessage({ messageId: 'big@example.gov.vn', attachment: { filename: 'scan.pdf', contentType: 'application/pdf', content: Buffer.alloc(52_000_000, 0x25) } });
    const client = await dovecot.client('lanhdao');
    await client.mailboxCreate('Big').catch(() => undefined);
    await client.append('Big', big);
    await client.logout();
    const service = await startWorker([{ ...dovecot.mailbox('lanhdao', 'lanhdao'), folders: ['Big'] }]);
    try {
      await waitFor(() => service.core.queries.counts().entries === 1, 'the big message', 60_000);
      const entry = service.core.queries.list({ limit: 1, offset: 0 }).items[0]!;
      expect(entry.status).toBe('failed');
      expect(entry.statusReason).toMatch(/^E_MESSAGE_TOO_LARGE/);
      expect(service.core.readRaw(entry.messages[0]!.id)!.length).toBe(entry.messages[0]!.size);
      expect(entry.messages[0]!.size).toBeGreaterThan(50_000_000);
    } finally {
      await service.stop();
    }
  });
});
