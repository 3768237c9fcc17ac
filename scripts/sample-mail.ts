// Builds RFC 5322 messages in the style of Vietnamese agency mail, for tests, samples and the benchmark.

export interface MessageSpec {
  from?: string;
  to?: string;
  subject?: string;
  body?: string;
  messageId?: string;
  date?: Date;
  extraHeaders?: Record<string, string>;
  attachment?: Attachment;
  /** Several attachments, in this order (after `attachment`, if given too). */
  attachments?: Attachment[];
}

interface Attachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

function encodeWord(text: string): string {
  // eslint-disable-next-line no-control-regex
  return /^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${Buffer.from(text).toString('base64')}?=`;
}

export function buildMessage(spec: MessageSpec = {}): Buffer {
  const headers: Record<string, string> = {
    From: spec.from ?? `${encodeWord('Văn phòng UBND tỉnh')} <vanphong@example.gov.vn>`,
    To: spec.to ?? 'vanthu@example.gov.vn',
    Subject: encodeWord(spec.subject ?? 'Về việc báo cáo tình hình thực hiện nhiệm vụ'),
    Date: (spec.date ?? new Date('2026-11-20T08:00:00+07:00')).toUTCString(),
    'Message-ID': `<${spec.messageId ?? `${Math.random().toString(36).slice(2)}@example.gov.vn`}>`,
    'MIME-Version': '1.0',
    ...spec.extraHeaders,
  };
  const text = Buffer.from(spec.body ?? 'Kính gửi: Các sở, ban, ngành.\r\nĐề nghị báo cáo trước ngày 30/11/2026.\r\n').toString('base64');
  const lines = Object.entries(headers).map(([k, v]) => `${k}: ${v}`);
  const attachments = [...(spec.attachment ? [spec.attachment] : []), ...(spec.attachments ?? [])];
  if (attachments.length === 0) {
    lines.push('Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64', '', wrap(text), '');
    return Buffer.from(lines.join('\r\n'));
  }
  const boundary = `b-${Math.random().toString(36).slice(2)}`;
  lines.push(`Content-Type: multipart/mixed; boundary="${boundary}"`, '', `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64', '', wrap(text));
  for (const a of attachments) {
    lines.push(`--${boundary}`, `Content-Type: ${a.contentType}; name="${a.filename}"`,
      `Content-Disposition: attachment; filename="${a.filename}"`, 'Content-Transfer-Encoding: base64', '', wrap(a.content.toString('base64')));
  }
  lines.push(`--${boundary}--`, '');
  return Buffer.from(lines.join('\r\n'));
}

function wrap(base64: string): string {
  return base64.replace(/.{1,76}/g, '$&\r\n').trimEnd();
}
