// The routing scenario through real servers: 200 labelled messages of every category arrive through a private
// Postfix into Dovecot; `vanthu serve` registers them and routes them with ten rules; its notifications,
// acknowledgements and security alerts go back out through Postfix into the right Dovecot mailboxes. The worker is
// killed with SIGKILL during dispatch and restarted, several times: every entry is assigned and dated as the rules
// say, and every mail arrives exactly once (the relay may see a repeat, Dovecot's "duplicate" check drops it).
import type { ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messageIdOf } from '../../mail-worker/outbox/mail-actions.js';
import { PROJECT_ROOT } from '../../mail-worker/paths.js';
import { Dovecot } from '../../scripts/dovecot-instance.js';
import { Postfix } from '../../scripts/postfix-instance.js';
import { spawnVanthu } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';
import { waitFor } from '../helpers/wait.js';
import { WORKER_ENV, writeWorkerConfig } from '../helpers/worker-config.js';

const RULES = `
rules:
  - name: 1 Giấy mời
    when: { category: { equals: meeting_invitation } }
    then: [ { assign: { unit: Văn phòng, lead: Thư ký Giám đốc } }, { due: { workingHours: 4 } }, { notify: { to: [lanhdao@example.gov.vn] } } ]
  - name: 2 Tài liệu họp
    when: { category: { equals: meeting_material } }
    then: [ { assign: { unit: Văn phòng } }, { notify: { to: [lanhdao@example.gov.vn] } } ]
  - name: 3 Báo cáo
    when: { category: { equals: report } }
    then: [ { assign: { unit: Phòng Tổng hợp } }, { due: { workingDays: 3 } }, { acknowledge: true } ]
  - name: 4 Thông báo
    when: { category: { equals: announcement } }
    then: [ { assign: { unit: Văn phòng } } ]
  - name: 5 Dự thảo
    when: { category: { equals: draft_for_comment } }
    then: [ { assign: { unit: Phòng Pháp chế } }, { due: { fromText: true } }, { notify: { to: [lanhdao@example.gov.vn] } }, { acknowledge: true } ]
  - name: 6 Góp ý
    when: { category: { equals: feedback } }
    then: [ { assign: { unit: Phòng Pháp chế } }, { acknowledge: true } ]
  - name: 7 Số liệu
    when: { category: { equals: statistics } }
    then: [ { assign: { unit: Phòng Kế hoạch } }, { due: { workingDays: 5 } } ]
  - name: 8 Văn bản đến
    when: { category: { equals: official_document } }
    then: [ { assign: { unit: Văn phòng } }, { due: { workingDays: 2 } }, { acknowledge: true } ]
  - name: 9 Lịch công tác
    when: { category: { equals: schedule } }
    then: [ { assign: { unit: Văn phòng } }, { notify: { to: [lanhdao@example.gov.vn] } } ]
  - name: 10 Còn lại
    when: { any: [ { category: { equals: directive_info } }, { category: { equals: other } } ] }
    then: [ { assign: { unit: Văn phòng } }, { notify: { to: [lanhdao@example.gov.vn] } }, { stop: true } ]
`;
const UNIT: Record<string, string> = {
  meeting_invitation: 'Văn phòng (Thư ký Giám đốc)', meeting_material: 'Văn phòng', report: 'Phòng Tổng hợp', announcement: 'Văn phòng',
  draft_for_comment: 'Phòng Pháp chế', feedback: 'Phòng Pháp chế', statistics: 'Phòng Kế hoạch', official_document: 'Văn phòng',
  schedule: 'Văn phòng', directive_info: 'Văn phòng', other: 'Văn phòng',
};
/** Which categories' rules notify the leader and acknowledge receipt, as RULES says. */
const NOTIFIES = new Set(['meeting_invitation', 'meeting_material', 'draft_for_comment', 'schedule', 'directive_info', 'other']);
const ACKNOWLEDGES = new Set(['report', 'draft_for_comment', 'feedback', 'official_document']);
const COUNT = 200;

let dovecot: Dovecot;
let postfix: Postfix;
let workDir: string;
let child: ChildProcess | null = null;

function startVanthu(): void {
  child = spawnVanthu(['serve', '--config', path.join(workDir, 'vanthu.yaml')], { cwd: workDir, env: WORKER_ENV });
}

function db(): Database.Database {
  return new Database(path.join(workDir, 'data/register.db'), { readonly: true, fileMustExist: true });
}

function query<T>(sql: string): T[] {
  try {
    const d = db();
    try {
      return d.prepare(sql).all() as T[];
    } finally {
      d.close();
    }
  } catch {
    return [];
  }
}

beforeAll(async () => {
  dovecot = await Dovecot.start(tempDir('vanthu-dovecot-'), { lmtp: true });
  postfix = await Postfix.start(tempDir('vanthu-postfix-'), { host: '127.0.0.1', port: dovecot.lmtpPort! }, 'example.gov.vn');
  workDir = tempDir();
  writeFileSync(path.join(workDir, 'rules.yaml'), RULES);
  writeWorkerConfig(workDir, [dovecot.mailbox('vanphong', 'vanphong')], {
    smtp: { host: '127.0.0.1', port: postfix.port, from: 'Văn thư <vanthu@example.gov.vn>' },
    routing: { rulesFile: './rules.yaml' },
    classification: { reviewThreshold: 0.6, securityOfficer: 'bench@example.gov.vn' },
  });
  // 200 labelled messages, from the two units' mailboxes (so acknowledgements land somewhere we can look).
  const dir = path.join(PROJECT_ROOT, 'test/fixtures/labelled-mail');
  const files = everyCategory(dir, COUNT);
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: postfix.port, secure: false, ignoreTLS: true, pool: true });
  for (const [i, file] of files.entries()) {
    const sender = i % 2 === 0 ? 'donvi1@example.gov.vn' : 'donvi2@example.gov.vn';
    const raw = readFileSync(path.join(dir, file), 'utf8').replace(/^From: .*$/m, `From: <${sender}>`);
    await transport.sendMail({ envelope: { from: sender, to: 'vanphong@example.gov.vn' }, raw });
  }
  transport.close();
  await waitFor(async () => {
    const client = await dovecot.client('vanphong');
    try {
      return (await client.status('INBOX', { messages: true })).messages === COUNT;
    } finally {
      await client.logout();
    }
  }, `${COUNT} messages delivered through Postfix`, 120_000, 500);
}, 600_000);

afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  postfix?.stop();
  dovecot?.stop();
});

/** `count` labelled messages taken in turn from every category, so that all of them are routed. */
function everyCategory(dir: string, count: number): string[] {
  const byCategory = new Map<string, string[]>();
  for (const line of readFileSync(path.join(dir, 'labels.jsonl'), 'utf8').split('\n').filter(Boolean)) {
    const label = JSON.parse(line) as { category: string; file: string };
    byCategory.set(label.category, [...(byCategory.get(label.category) ?? []), label.file]);
  }
  const lists = [...byCategory.values()];
  const out: string[] = [];
  for (let i = 0; out.length < count; i++) for (const list of lists) if (list[i] && out.length < count) out.push(list[i]!);
  return out;
}

async function messageIdsOf(user: string): Promise<string[]> {
  const client = await dovecot.client(user);
  try {
    const status = await client.status('INBOX', { messages: true });
    if (!status.messages) return [];
    await client.mailboxOpen('INBOX');
    return (await client.fetchAll('1:*', { envelope: true })).map((m) => m.envelope?.messageId ?? '');
  } finally {
    await client.logout();
  }
}

describe('routing scenario through Postfix and Dovecot', () => {
  it('assigns and dates every entry, and delivers every notification and acknowledgement exactly once across SIGKILLs', async () => {
    startVanthu();
    let kills = 0;
    // Kill the worker whenever some mail is out and some is still waiting: during dispatch.
    while (kills < 3) {
      await waitFor(() => {
        const [row] = query<{ done: number; pending: number }>("SELECT sum(status = 'done') AS done, sum(status = 'pending') AS pending FROM outbox");
        return row && row.done >= 10 * (kills + 1) && row.pending > 0;
      }, `dispatch under way (kill ${kills + 1})`, 180_000, 50);
      child!.kill('SIGKILL');
      await new Promise((resolve) => child!.once('exit', resolve));
      kills++;
      startVanthu();
    }
    await waitFor(() => query<{ n: number }>('SELECT count(*) AS n FROM register_entries')[0]?.n === COUNT, 'all entries', 180_000, 200);
    await waitFor(() => query<{ n: number }>("SELECT count(*) AS n FROM outbox WHERE status != 'done'")[0]?.n === 0, 'every outbox row done', 180_000, 200);

    // Every category was routed; every entry assigned and dated as the rules say (quarantined ones: the alert only).
    expect(new Set(query<{ category: string }>('SELECT DISTINCT category FROM register_entries').map((r) => r.category)).size).toBe(11);
    const entries = query<{ id: number; category: string; status: string; assignee: string | null; due_date: string | null }>('SELECT id, category, status, assignee, due_date FROM register_entries');
    const gaps = query<{ n: number; max: number }>('SELECT count(DISTINCT incoming_number) AS n, max(incoming_number) AS max FROM register_entries')[0]!;
    expect(gaps).toEqual({ n: COUNT, max: COUNT });
    for (const e of entries.filter((x) => x.status !== 'quarantined' && x.status !== 'failed')) {
      expect(e.assignee, `entry ${e.id} (${e.category})`).toBe(UNIT[e.category]);
      if (['meeting_invitation', 'report', 'statistics', 'official_document'].includes(e.category)) expect(e.due_date, `entry ${e.id}`).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }

    // Every entry notified and acknowledged as its rule says, once.
    const rows = query<{ kind: string; payload: string; idempotency_key: string; entry_id: number }>('SELECT kind, payload, idempotency_key, entry_id FROM outbox');
    for (const e of entries.filter((x) => x.status !== 'quarantined' && x.status !== 'failed')) {
      const kinds = rows.filter((r) => r.entry_id === e.id).map((r) => r.kind).sort();
      const want = [...(ACKNOWLEDGES.has(e.category) ? ['acknowledge'] : []), ...(NOTIFIES.has(e.category) ? ['notify'] : [])];
      expect(kinds, `entry ${e.id} (${e.category})`).toEqual(want);
    }

    // Every mail the outbox says was sent is in the right mailbox, exactly once; nothing else arrived.
    const expected = new Map<string, string[]>();
    const sender = new Map(query<{ id: number; from_address: string }>('SELECT id, from_address FROM register_entries').map((r) => [r.id, r.from_address]));
    for (const row of rows) {
      const payload = JSON.parse(row.payload) as { notify?: { to: string[] }; to?: string };
      const to = row.kind === 'notify' ? payload.notify!.to : row.kind === 'acknowledge' ? [sender.get(row.entry_id)!] : row.kind === 'security_alert' ? [payload.to!] : [];
      for (const address of to) {
        const user = address.split('@')[0]!;
        expected.set(user, [...(expected.get(user) ?? []), messageIdOf(row)]);
      }
    }
    expect([...expected.keys()].sort()).toEqual(expect.arrayContaining(['donvi1', 'donvi2', 'lanhdao']));
    for (const [user, ids] of expected) {
      const got = await messageIdsOf(user);
      expect(got.slice().sort(), `mailbox ${user}`).toEqual(ids.slice().sort());
    }
    expect(kills).toBe(3);
    // The relay delivered each mail at least once (a repeat after a kill is dropped by Dovecot, not by vanthu).
    const delivered = (postfix.log().match(/status=sent/g) ?? []).length;
    expect(delivered).toBeGreaterThanOrEqual(COUNT + [...expected.values()].flat().length);
  });
});
