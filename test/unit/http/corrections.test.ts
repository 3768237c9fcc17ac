// A clerk's correction through the API is recorded and changes how the next similar message is classified.
import nodemailer from 'nodemailer';
import { beforeAll, describe, expect, it } from 'vitest';
import { startService, type RunningService } from '../../helpers/service.js';

let svc: RunningService;
const auth = () => ({ Authorization: `Bearer ${svc.token}`, 'Content-Type': 'application/json' });

async function send(subject: string, text: string): Promise<{ id: number; category: string; evidence: Array<{ source: string; category: string }> }> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: svc.smtpPort, secure: false, ignoreTLS: true });
  await transport.sendMail({ from: '"Phòng Kinh tế" <phongkt@quangngai.gov.vn>', to: 'vanthu@example.gov.vn', subject, text });
  const list = (await (await fetch(`${svc.baseUrl}/api/register?limit=1`, { headers: auth() })).json()) as { items: Array<{ id: number }> };
  return (await (await fetch(`${svc.baseUrl}/api/register/${list.items[0]!.id}`, { headers: auth() })).json()) as never;
}

beforeAll(async () => {
  svc = await startService();
});

describe('corrections', () => {
  it('a correction changes how the next similar message from the same sender is classified', async () => {
    const first = await send('Gửi anh chị bảng tổng hợp tiến độ tuần 12', 'Gửi anh chị bảng tổng hợp tiến độ giải ngân tuần 12 của các xã.');
    expect(first.category).not.toBe('statistics');
    const patched = await fetch(`${svc.baseUrl}/api/register/${first.id}`, { method: 'PATCH', headers: auth(), body: JSON.stringify({ category: 'statistics' }) });
    expect(patched.status).toBe(200);
    expect(((await patched.json()) as { changes: unknown }).changes).toEqual({ category: { from: first.category, to: 'statistics' } });

    const next = await send('Gửi anh chị bảng tổng hợp tiến độ tuần 13', 'Gửi anh chị bảng tổng hợp tiến độ giải ngân tuần 13 của các xã.');
    expect(next.category).toBe('statistics');
    expect(next.evidence.some((e) => e.source === 'learned' && e.category === 'statistics')).toBe(true);
  });

  it('records who changed what and when', async () => {
    const list = (await (await fetch(`${svc.baseUrl}/api/register?limit=5`, { headers: auth() })).json()) as { items: Array<{ id: number; category: string }> };
    const corrected = list.items[list.items.length - 1]!;
    const entry = (await (await fetch(`${svc.baseUrl}/api/register/${corrected.id}`, { headers: auth() })).json()) as { corrections: Array<{ changedBy: string; changes: object }> };
    expect(entry.corrections).toHaveLength(1);
    expect(entry.corrections[0]).toMatchObject({ changedBy: 'admin', changes: { category: { to: 'statistics' } } });
  });

  it('records a named administrator under their own name, not as "admin"', async () => {
    const { token } = svc.service.core.users.add('tranthib', 'Văn phòng', ['admin']);
    const list = (await (await fetch(`${svc.baseUrl}/api/register?limit=1`, { headers: auth() })).json()) as { items: Array<{ id: number }> };
    const id = list.items[0]!.id;
    const patched = await fetch(`${svc.baseUrl}/api/register/${id}`, {
      method: 'PATCH', headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' }, body: JSON.stringify({ notes: 'Chuyển Phòng Kinh tế' }),
    });
    expect(patched.status).toBe(200);
    const entry = (await (await fetch(`${svc.baseUrl}/api/register/${id}`, { headers: auth() })).json()) as { corrections: Array<{ changedBy: string }> };
    expect(entry.corrections.at(-1)!.changedBy).toBe('tranthib');
  });

  it.each([
    [{ category: 'spam' }, /^category: expected one of meeting_invitation, .*Fields that can be corrected: category, status/],
    [{ colour: 'red' }, /colour: .*Unrecognized key/i],
    [{ issuedDate: '5/3/2026' }, /^issuedDate: expected a date as YYYY-MM-DD/],
  ])('refuses %j with a message naming the field', async (body, message) => {
    const res = await fetch(`${svc.baseUrl}/api/register/1`, { method: 'PATCH', headers: auth(), body: JSON.stringify(body) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { code: string; message: string } }).error).toMatchObject({ code: 'E_BAD_REQUEST', message: expect.stringMatching(message) });
  });

  it('answers 404 for an entry that does not exist', async () => {
    const res = await fetch(`${svc.baseUrl}/api/register/99999`, { method: 'PATCH', headers: auth(), body: JSON.stringify({ category: 'report' }) });
    expect(res.status).toBe(404);
  });
});
