// (c) The worker killed with SIGKILL at random moments during a 2,000-message backlog, restarted each time:
// every message ends up registered exactly once and số đến has no gap.
import Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { afterAll, describe, expect, it } from 'vitest';
import { spawnVanthu } from '../helpers/cli.js';
import { Dovecot } from '../../scripts/dovecot-instance.js';
import { buildMessage } from '../../scripts/sample-mail.js';
import { tempDir } from '../helpers/tmp.js';
import { waitFor } from '../helpers/wait.js';
import { WORKER_ENV, writeWorkerConfig } from '../helpers/worker-config.js';

const TOTAL = 2000;
let dovecot: Dovecot | undefined;
afterAll(() => dovecot?.stop());

function registered(dbFile: string): number {
  if (!existsSync(dbFile)) return 0;
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT count(*) FROM register_entries').pluck().get() as number) ?? 0;
  } catch {
    return 0; // schema not created yet
  } finally {
    db.close();
  }
}

describe('crash safety', () => {
  it('(c) SIGKILL at random moments during a 2,000-message backlog: exactly once, gapless', async () => {
    dovecot = await Dovecot.start(tempDir('vanthu-dovecot-'));
    const sizes = [0, 0, 0, 20_000, 150_000];
    dovecot.deliver('vanphong', Array.from({ length: TOTAL }, (_, i) => buildMessage({
      messageId: `crash-${i}@example.gov.vn`,
      subject: `Văn bản ${i + 1}`,
      ...(sizes[i % sizes.length] ? { attachment: { filename: `phu-luc-${i}.pdf`, contentType: 'application/pdf', content: Buffer.alloc(sizes[i % sizes.length]!, i % 251) } } : {}),
    })));
    const cwd = tempDir();
    const config = writeWorkerConfig(cwd, [dovecot.mailbox('vanphong', 'vanphong')], { imap: { fetchBatch: 50 } });
    const dbFile = path.join(cwd, 'data', 'register.db');
    const kills: Array<{ afterMs: number; registered: number }> = [];

    for (let round = 0; round < 8 && registered(dbFile) < TOTAL; round++) {
      const child = spawnVanthu(['serve', '--config', config], { cwd, env: WORKER_ENV });
      const afterMs = 300 + Math.floor(Math.random() * 1500);
      await new Promise((resolve) => setTimeout(resolve, afterMs));
      child.kill('SIGKILL');
      await once(child, 'exit');
      kills.push({ afterMs, registered: registered(dbFile) });
    }
    console.info(`kill schedule: ${JSON.stringify(kills)}`);
    expect(kills.length, `kill schedule ${JSON.stringify(kills)}`).toBeGreaterThanOrEqual(3);
    expect(kills[0]!.registered).toBeLessThan(TOTAL); // the first kill really interrupted the backlog

    const last = spawnVanthu(['serve', '--config', config], { cwd, env: WORKER_ENV });
    let lastLog = '';
    last.stderr!.on('data', (d: Buffer) => (lastLog += d.toString()));
    await waitFor(() => lastLog.includes('vanthu: web '), 'the last run to start', 30_000);
    const deadline = Date.now() + 240_000;
    while (registered(dbFile) < TOTAL && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    last.kill('SIGTERM');
    const [code] = (await once(last, 'exit')) as [number | null];
    expect(code, 'graceful exit on SIGTERM').toBe(0);

    const db = new Database(dbFile, { readonly: true });
    try {
      const numbers = db.prepare('SELECT incoming_number FROM register_entries ORDER BY incoming_number').pluck().all();
      expect(numbers, `kills: ${JSON.stringify(kills)}`).toEqual(Array.from({ length: TOTAL }, (_, i) => i + 1));
      expect(db.prepare('SELECT count(DISTINCT message_id) FROM register_entries').pluck().get()).toBe(TOTAL);
      expect(db.prepare('SELECT count(*) FROM messages').pluck().get()).toBe(TOTAL);
      expect(db.prepare(`SELECT count(DISTINCT uid) FROM message_locations WHERE mailbox_id = 'vanphong'`).pluck().get()).toBe(TOTAL);
      expect(db.prepare(`SELECT last_uid FROM checkpoints WHERE mailbox_id = 'vanphong'`).pluck().get()).toBe(TOTAL);
      // số đến follows the order of arrival (UID order) in the mailbox
      const byUid = db.prepare(`
        SELECT e.incoming_number FROM message_locations l JOIN messages m ON m.id = l.message_row
        JOIN register_entries e ON e.id = m.entry_id ORDER BY l.uid`).pluck().all();
      expect(byUid).toEqual(numbers);
    } finally {
      db.close();
    }
  }, 420_000);
});
