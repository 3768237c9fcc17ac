import { describe, expect, it } from 'vitest';
import { fingerprintOf, headerFields, looksLikeMessage, splitHeader } from '../../../mail-worker/mail/fingerprint.js';
import { parseMessage } from '../../../mail-worker/mail/parse.js';
import { buildMessage } from '../../../scripts/sample-mail.js';

describe('fingerprints', () => {
  it('ignores transport headers and line ends, not content', () => {
    const lf = Buffer.from('From: a@x\nSubject: Báo cáo\nMessage-ID: <1@x>\n\nNội dung\n');
    const crlfWithTrace = Buffer.from('Received: by mx\r\nDelivered-To: b@x\r\nFrom: a@x\r\nSubject: Báo cáo\r\nMessage-ID: <1@x>\r\n\r\nNội dung\r\n\r\n');
    const otherBody = Buffer.from('From: a@x\nSubject: Báo cáo\nMessage-ID: <1@x>\n\nNội dung khác\n');
    expect(fingerprintOf(crlfWithTrace)).toEqual(fingerprintOf(lf));
    expect(fingerprintOf(otherBody).contentHash).not.toBe(fingerprintOf(lf).contentHash);
    expect(fingerprintOf(lf).messageId).toBe('1@x');
  });

  it('unfolds headers and finds the body on LF and CRLF input', () => {
    const { header, body } = splitHeader(Buffer.from('Subject: a\r\n  b\r\nX: y\r\n\r\nbody'));
    expect(headerFields(header)).toEqual([['subject', 'a b'], ['x', 'y']]);
    expect(body.toString()).toBe('body');
  });

  it.each([
    ['From: a@x\n\nhi', true],
    ['From  : John Doe <j@x>\r\n\r\nobsolete syntax', true],
    ['\ufeffFrom: a@x\n\nwith a byte order mark', true],
    ['just words\nno header', false],
    ['', false],
  ])('looksLikeMessage(%j) is %s', (text, expected) => {
    expect(looksLikeMessage(Buffer.from(text))).toBe(expected);
  });
});

describe('parseMessage', () => {
  it('reads headers, Vietnamese text and attachment hashes without keeping attachment bytes', async () => {
    const content = Buffer.from('%PDF-1.7 giả lập');
    const raw = buildMessage({ subject: 'Giấy mời họp', messageId: 'gm-1@x', attachment: { filename: 'Giấy mời.pdf', contentType: 'application/pdf', content } });
    const { message } = await parseMessage(raw);
    expect(message).toMatchObject({ subject: 'Giấy mời họp', messageId: 'gm-1@x', from: [{ address: 'vanphong@example.gov.vn' }] });
    expect(message.text).toContain('Kính gửi');
    expect(message.attachments).toEqual([{
      filename: 'Giấy mời.pdf', contentType: 'application/pdf', size: content.length,
      sha256: (await import('node:crypto')).createHash('sha256').update(content).digest('hex'),
    }]);
  });
});
