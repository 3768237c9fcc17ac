// The rules API: saving versions (invalid files refused with line and field, nothing saved), rolling back, dry runs
// of saved or unsaved rules against recent entries or a message; the version in force routes new mail.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../mail-worker/paths.js';
import { startService, type RunningService } from '../../helpers/service.js';
import { waitFor } from '../../helpers/wait.js';

let svc: RunningService;
const headers = () => ({ Authorization: `Bearer ${svc.token}`, 'Content-Type': 'application/json' });
const api = async (method: string, route: string, body?: unknown) => {
  const res = await fetch(`${svc.baseUrl}${route}`, { method, headers: headers(), ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};

const V1 = 'rules:\n  - name: Giấy mời → Văn phòng\n    when: { category: { equals: meeting_invitation } }\n    then: [ { assign: { unit: Văn phòng } }, { notify: { to: [vp@example.gov.vn] } } ]\n';
const V2 = 'rules:\n  - name: Mọi thư → Tổng hợp\n    when: { subject: { exists: true } }\n    then: [ { assign: { unit: Phòng Tổng hợp } } ]\n';

beforeAll(async () => {
  svc = await startService();
});

describe('rules API', () => {
  it('refuses an invalid file with line and field, and saves nothing', async () => {
    const { status, body } = await api('PUT', '/api/rules', { source: 'rules:\n  - name: a\n    when: { subject: { exists: true } }\n    then:\n      - teleport: true\n' });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ code: 'E_RULE_INVALID', message: expect.stringMatching(/rules:5: rules\[0\]\.then\[0\]: expected one action/) });
    expect((await api('GET', '/api/rules/versions')).body.versions).toEqual([]);
  });

  it('saves versions with who and when, and rolls back by saving an old one again', async () => {
    expect((await api('PUT', '/api/rules', { source: V1, comment: 'first' })).body).toMatchObject({ version: 1, changedBy: 'admin', comment: 'first' });
    expect((await api('PUT', '/api/rules', { source: V2 })).body).toMatchObject({ version: 2 });
    const rolled = await api('POST', '/api/rules/rollback', { version: 1 });
    expect(rolled.body).toMatchObject({ version: 3, comment: 'rollback to version 1', source: V1 });
    expect((await api('GET', '/api/rules/versions')).body.versions.map((v: { version: number }) => v.version)).toEqual([3, 2, 1]);
    expect((await api('GET', '/api/rules')).body).toMatchObject({ version: 3, rules: [{ name: 'Giấy mời → Văn phòng' }] });
  });

  it('routes new mail with the version in force', async () => {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: svc.smtpPort, secure: false, ignoreTLS: true });
    await transport.sendMail({ from: 'snv@quangngai.gov.vn', to: 'vanthu@example.gov.vn', subject: 'Giấy mời họp giao ban', text: 'Kính mời dự họp.' });
    const entry = await waitFor(async () => (await api('GET', '/api/register?limit=1')).body.items[0], 'the entry', 10_000);
    expect(entry).toMatchObject({ category: 'meeting_invitation', assignee: 'Văn phòng' });
    const outbox = svc.service.core.db.prepare('SELECT kind FROM outbox WHERE entry_id = ?').all(entry.id);
    expect(outbox).toEqual([{ kind: 'notify' }]);
  });

  it('dry-runs unsaved rules against the latest entries, and saved rules against a message', async () => {
    const unsaved = await api('POST', '/api/rules/dry-run', { source: V2, limit: 5 });
    expect(unsaved.body.results[0]).toMatchObject({ subject: 'Giấy mời họp giao ban', rules: [{ rule: 'Mọi thư → Tổng hợp', outcome: 'matched' }], actions: [{ action: { assign: { unit: 'Phòng Tổng hợp' } } }] });
    const eml = readFileSync(path.join(PROJECT_ROOT, 'test/fixtures/labelled-mail/eml/p1-gm-001.eml')).toString('base64');
    const saved = await api('POST', '/api/rules/dry-run', { eml });
    expect(saved.body.results[0]).toMatchObject({ entryId: null, category: 'meeting_invitation', rules: [{ outcome: 'matched', trace: { condition: 'category equals "meeting_invitation"', matched: true } }] });
    // Nothing of a dry run is registered or queued.
    expect(svc.service.core.db.prepare('SELECT count(*) AS n FROM register_entries').get()).toEqual({ n: 1 });
  });
});

describe('processing status API', () => {
  it('moves an entry through the process and shows the history; refuses a bad move with 400', async () => {
    const entry = (await api('GET', '/api/register?limit=1')).body.items[0] as { id: number };
    const moved = await api('POST', `/api/register/${entry.id}/status`, { status: 'processing', note: 'đang xử lý' });
    expect(moved.status).toBe(200);
    expect(moved.body.entry).toMatchObject({ processingStatus: 'processing', edxmlStatusCode: '05' });
    const bad = await api('POST', `/api/register/${entry.id}/status`, { status: 'received' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/cannot become received/);
    const full = (await api('GET', `/api/register/${entry.id}`)).body;
    expect(full.statusHistory.map((h: { status: string }) => h.status)).toEqual(['assigned', 'processing']);
    expect((await api('GET', '/api/due?when=overdue')).status).toBe(200);
    const page = await (await fetch(`${svc.baseUrl}/?due=soon`, { headers: { Authorization: `Bearer ${svc.token}` } })).text();
    expect(page).toContain('href="/?due=overdue"');
  });
});
