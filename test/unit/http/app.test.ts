import { rmSync, statSync } from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { beforeAll, describe, expect, it } from 'vitest';
import { routesFor } from '../../../mail-worker/http/app.js';
import { buildMessage } from '../../../scripts/sample-mail.js';
import { startService, type RunningService } from '../../helpers/service.js';

let svc: RunningService;
beforeAll(async () => {
  svc = await startService();
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: svc.smtpPort, secure: false, ignoreTLS: true });
  await transport.sendMail({
    from: '"Sở Nội vụ" <sonoivu@example.gov.vn>',
    to: 'vanthu@example.gov.vn',
    subject: 'Giấy mời <script>alert(1)</script> họp',
    text: 'Kính gửi...',
  });
});

const auth = () => ({ Authorization: `Bearer ${svc.token}` });

describe('HTTP API and console', () => {
  it('every route except health and login refuses requests without the token', async () => {
    const routes = routesFor({} as never);
    const open = routes.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.path}`);
    expect(open.sort()).toEqual(['get /api/health', 'get /login', 'post /login']);
    expect(routes.filter((r) => r.access !== 'public').length).toBeGreaterThan(10);
    for (const route of routes.filter((r) => r.access !== 'public')) {
      const url = svc.baseUrl + route.path.replace(':id', '1').replace('*path', 'taskpane/index.html');
      const res = await fetch(url, { method: route.method.toUpperCase(), redirect: 'manual', headers: { Accept: 'application/json' } });
      expect([401, 303], `${route.method} ${route.path}`).toContain(res.status);
      const wrong = await fetch(url, { method: route.method.toUpperCase(), redirect: 'manual', headers: { Authorization: 'Bearer nope' } });
      expect([401, 303], `${route.method} ${route.path} with a wrong token`).toContain(wrong.status);
    }
  });

  it('stores the admin token with mode 0600', () => {
    const file = path.join(svc.service.config.dataDir, 'admin-token');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('lists the register with the fields the issue names', async () => {
    const res = await fetch(`${svc.baseUrl}/api/register?limit=5`, { headers: auth() });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: Array<Record<string, unknown>>; total: number };
    expect(body.total).toBe(1);
    const item = body.items[0]!;
    for (const key of ['id', 'incomingNumber', 'registerYear', 'arrivalDate', 'messageId', 'mailboxes', 'from', 'subject',
      'category', 'status', 'codeNumber', 'codeNotation', 'issuedDate', 'issuer', 'typeName']) {
      expect(item, key).toHaveProperty(key);
    }
    expect(item).toMatchObject({ incomingNumber: 1, category: 'meeting_invitation', status: 'registered', mailboxes: ['smtp'] });
    const one = await fetch(`${svc.baseUrl}/api/register/${item.id}`, { headers: auth() });
    expect(((await one.json()) as { subject: string }).subject).toContain('Giấy mời');
    expect((await fetch(`${svc.baseUrl}/api/register/999`, { headers: auth() })).status).toBe(404);
    expect((await fetch(`${svc.baseUrl}/api/register?limit=abc`, { headers: auth() })).status).toBe(400);
  });

  it('serves the original .eml byte for byte', async () => {
    const list = (await (await fetch(`${svc.baseUrl}/api/register`, { headers: auth() })).json()) as {
      items: Array<{ messages: Array<{ rawUrl: string; rawSha256: string }> }>;
    };
    const message = list.items[0]!.messages[0]!;
    const res = await fetch(svc.baseUrl + message.rawUrl, { headers: auth() });
    expect(res.headers.get('content-type')).toContain('message/rfc822');
    const bytes = Buffer.from(await res.arrayBuffer());
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(message.rawSha256);
  });

  it('logs in with the token through the form, then shows the page with Vietnamese headers and escaped mail text', async () => {
    const bad = await fetch(`${svc.baseUrl}/login`, { method: 'POST', body: new URLSearchParams({ token: 'wrong' }), redirect: 'manual' });
    expect(bad.status).toBe(401);
    const login = await fetch(`${svc.baseUrl}/login`, { method: 'POST', body: new URLSearchParams({ token: svc.token }), redirect: 'manual' });
    expect(login.status).toBe(303);
    const cookie = login.headers.getSetCookie().find((c) => c.startsWith('vanthu_token='))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const page = await (await fetch(`${svc.baseUrl}/`, { headers: { Cookie: cookie.split(';')[0]! } })).text();
    for (const header of ['Ngày đến', 'Số đến', 'Tác giả', 'Số ký hiệu', 'Ngày tháng', 'Tên loại và trích yếu', 'Đơn vị/người nhận', 'Ghi chú']) {
      expect(page).toContain(`>${header}</th>`);
    }
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const english = await (await fetch(`${svc.baseUrl}/?lang=en`, { headers: auth() })).text();
    expect(english).toContain('>Arrival date</th>');
  });

  it('reports health without a token, details only with it', async () => {
    const open = await fetch(`${svc.baseUrl}/api/health`);
    expect(open.status).toBe(200);
    const body = (await open.json()) as Record<string, unknown>;
    expect(body).toEqual({ status: 'ok', mailboxes: [] });
    const full = await fetch(`${svc.baseUrl}/api/health`, { headers: auth() });
    expect(await full.json()).toMatchObject({ status: 'ok', register: { entries: 1 }, mailboxes: [] });
  });

  it('answers 500 with a code, and keeps running, when a raw message file has gone missing', async () => {
    const list = (await (await fetch(`${svc.baseUrl}/api/register`, { headers: auth() })).json()) as { total: number };
    const core = svc.service.core;
    const big = buildMessage({ messageId: 'big-raw@x', attachment: { filename: 'a.pdf', contentType: 'application/pdf', content: Buffer.alloc(200_000, 5) } });
    const result = await core.pipeline.submit(big, { source: 'import', mailboxId: 'import', folder: null, uidValidity: null, uid: null });
    const entry = core.queries.get(result.entryId)!;
    rmSync(core.blobs.pathOf(entry.messages[0]!.rawSha256));
    const res = await fetch(svc.baseUrl + entry.messages[0]!.rawUrl, { headers: auth() });
    expect(res.status).toBe(500);
    expect(await res.json()).toMatchObject({ error: { code: 'E_STORE' } });
    const after = (await (await fetch(`${svc.baseUrl}/api/register`, { headers: auth() })).json()) as { total: number };
    expect(after.total).toBe(list.total + 1);
  });

  it('treats a malformed cookie as no cookie', async () => {
    const res = await fetch(`${svc.baseUrl}/login`, { headers: { Cookie: 'vanthu_lang=%E0%A4%A' } });
    expect(res.status).toBe(200);
  });
});
