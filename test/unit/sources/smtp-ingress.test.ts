import net from 'node:net';
import nodemailer from 'nodemailer';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildMessage } from '../../../scripts/sample-mail.js';
import { startService, type RunningService } from '../../helpers/service.js';

let svc: RunningService;
beforeAll(async () => {
  svc = await startService({ VANTHU_LOG_LEVEL: 'silent' });
});

/** Speak SMTP by hand, to send what a well-behaved client library would refuse to send. */
async function rawSmtp(port: number, data: Buffer): Promise<string[]> {
  const socket = net.connect(port, '127.0.0.1');
  const replies: string[] = [];
  let buffer = '';
  const next = () =>
    new Promise<string>((resolve) => {
      const check = () => {
        const match = /^(\d{3}) .*\r\n/m.exec(buffer);
        if (!match) return void socket.once('data', (d) => ((buffer += d.toString()), check()));
        const end = buffer.indexOf('\r\n', match.index) + 2;
        const reply = buffer.slice(0, end);
        buffer = buffer.slice(end);
        resolve(reply.trim().split('\r\n').pop()!);
      };
      check();
    });
  replies.push(await next());
  for (const command of ['EHLO test', 'MAIL FROM:<a@example.gov.vn>', 'RCPT TO:<vanthu@example.gov.vn>', 'DATA']) {
    socket.write(`${command}\r\n`);
    replies.push(await next());
  }
  socket.write(Buffer.concat([data, Buffer.from('\r\n.\r\n')]));
  replies.push(await next());
  socket.end('QUIT\r\n');
  return replies;
}

describe('SMTP ingress', () => {
  it('answers 250 only once the message is in the register', async () => {
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: svc.smtpPort, secure: false, ignoreTLS: true });
    const info = await transport.sendMail({ envelope: { from: 'a@example.gov.vn', to: ['vanthu@example.gov.vn'] }, raw: buildMessage({ subject: 'Kế hoạch tổ chức hội nghị' }) });
    expect(info.response).toMatch(/^250/);
    expect(svc.service.core.queries.list({ limit: 5, offset: 0, q: 'ke hoach hoi nghi' }).total).toBe(1);
  });

  it('refuses input that is not an e-mail message with a clear 554', async () => {
    const replies = await rawSmtp(svc.smtpPort, Buffer.from('just some words\r\nwith no header'));
    expect(replies.at(-1)).toMatch(/^554 5\.6\.0 .*E_MESSAGE_NOT_MIME/);
  });

  it('refuses a message over maxMessageSize with 552 and keeps serving', async () => {
    const small = await startService({ VANTHU_LOG_LEVEL: 'silent' });
    const transport = nodemailer.createTransport({ host: '127.0.0.1', port: small.smtpPort, secure: false, ignoreTLS: true });
    const huge = buildMessage({ attachment: { filename: 'big.bin', contentType: 'application/octet-stream', content: Buffer.alloc(51_000_000, 1) } });
    await expect(transport.sendMail({ envelope: { from: 'a@example.gov.vn', to: ['b@example.gov.vn'] }, raw: huge })).rejects.toThrow(/552|too large/i);
    const after = await transport.sendMail({ envelope: { from: 'a@example.gov.vn', to: ['vanthu@example.gov.vn'] }, raw: buildMessage({ subject: 'sau thư quá lớn' }) });
    expect(after.response).toMatch(/^250/);
    expect(small.service.core.queries.counts().entries).toBe(1);
  });
});
