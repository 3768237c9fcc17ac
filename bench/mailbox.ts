// Fills a private Dovecot with the benchmark's mixed mail: text only, 50–300 KB attachments, 1–3 MB attachments.
import { randomBytes } from 'node:crypto';
import type { Dovecot } from '../scripts/dovecot-instance.js';
import { buildMessage } from '../scripts/sample-mail.js';

export interface MailMix {
  messages: number;
  bytes: number;
  textOnly: number;
  medium: number;
  large: number;
}

/** A small deterministic generator, so every run sees the same sizes. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export function deliverBenchMail(dovecot: Dovecot, user: string, count: number): MailMix {
  const random = seeded(20_260_102);
  const mix: MailMix = { messages: 0, bytes: 0, textOnly: 0, medium: 0, large: 0 };
  const batch: Buffer[] = [];
  for (let i = 0; i < count; i++) {
    const roll = random();
    let attachment: { filename: string; contentType: string; content: Buffer } | undefined;
    if (roll < 0.06) {
      attachment = { filename: `ho-so-${i}.pdf`, contentType: 'application/pdf', content: randomBytes(1_000_000 + Math.floor(random() * 2_000_000)) };
      mix.large++;
    } else if (roll < 0.36) {
      attachment = { filename: `van-ban-${i}.docx`, contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', content: randomBytes(50_000 + Math.floor(random() * 250_000)) };
      mix.medium++;
    } else {
      mix.textOnly++;
    }
    const raw = buildMessage({
      messageId: `bench-${i}@example.gov.vn`,
      subject: `Công văn số ${i + 1}/UBND-VP về việc triển khai nhiệm vụ năm 2026`,
      body: `Kính gửi: Các sở, ban, ngành tỉnh.\r\n${'Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh về việc báo cáo tình hình. '.repeat(5 + Math.floor(random() * 40))}\r\n`,
      ...(attachment ? { attachment } : {}),
    });
    mix.messages++;
    mix.bytes += raw.length;
    batch.push(raw);
    if (batch.length === 250) dovecot.deliver(user, batch.splice(0));
  }
  if (batch.length > 0) dovecot.deliver(user, batch);
  return mix;
}
