import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildMessage } from '../../../scripts/sample-mail.js';
import { IMPORT, imapAt, testConfig, testCore } from '../../helpers/core.js';

describe('pipeline and register: exactly once', () => {
  it('numbers entries 1, 2, 3 in submission order even when later messages parse first', async () => {
    const core = testCore();
    const big = buildMessage({ subject: 'lớn', attachment: { filename: 'a.pdf', contentType: 'application/pdf', content: Buffer.alloc(3_000_000, 7) } });
    const results = await Promise.all([
      core.pipeline.submit(big, imapAt('vanphong', 1)),
      core.pipeline.submit(buildMessage({ subject: 'nhỏ 1' }), imapAt('vanphong', 2)),
      core.pipeline.submit(buildMessage({ subject: 'nhỏ 2' }), imapAt('vanphong', 3)),
    ]);
    expect(results.map((r) => [r.outcome, r.incomingNumber])).toEqual([['registered', 1], ['registered', 2], ['registered', 3]]);
    expect(core.queries.checkpoint('vanphong', 'INBOX')).toEqual({ uidValidity: 1, lastUid: 3 });
    const entry = core.queries.get(results[0]!.entryId)!;
    expect(entry.subject).toBe('lớn');
    expect(core.blobs.has(entry.messages[0]!.rawSha256)).toBe(true); // over 64 KiB: a file in the blob store
    const attachment = core.db.prepare('SELECT sha256, size FROM attachments').get() as { sha256: string; size: number };
    expect(attachment.size).toBe(3_000_000);
    expect(attachment.sha256).toBe(createHash('sha256').update(Buffer.alloc(3_000_000, 7)).digest('hex'));
  });

  it('does not hold an SMTP delivery behind a slow message of an IMAP folder', async () => {
    const core = testCore();
    const order: string[] = [];
    const slow = buildMessage({ subject: 'chậm', attachment: { filename: 'scan.pdf', contentType: 'application/pdf', content: Buffer.alloc(20_000_000, 3) } });
    const imap = core.pipeline.submit(slow, imapAt('vanphong', 1)).then(() => order.push('imap'));
    const smtp = core.pipeline
      .submit(buildMessage({ subject: 'nhanh' }), { source: 'smtp', mailboxId: 'smtp', folder: null, uidValidity: null, uid: null })
      .then(() => order.push('smtp'));
    await Promise.all([imap, smtp]);
    expect(order).toEqual(['smtp', 'imap']);
  });

  it('registers the same bytes once, however often they arrive', async () => {
    const core = testCore();
    const raw = buildMessage({ messageId: 'same@example.gov.vn' });
    const first = await core.pipeline.submit(raw, IMPORT);
    const again = await core.pipeline.submit(raw, IMPORT);
    const concurrent = await Promise.all([core.pipeline.submit(raw, imapAt('a', 1)), core.pipeline.submit(raw, imapAt('a', 2))]);
    expect(first.outcome).toBe('registered');
    expect([again, ...concurrent].map((r) => r.outcome)).toEqual(['duplicate', 'duplicate', 'duplicate']);
    expect(new Set([first, again, ...concurrent].map((r) => r.entryId)).size).toBe(1);
    expect(core.queries.counts().entries).toBe(1);
  });

  it('links one message delivered to two mailboxes (different trace headers) to a single entry', async () => {
    const core = testCore();
    const message = buildMessage({ messageId: 'giaymoi-15@example.gov.vn', subject: 'Giấy mời họp' });
    const copyA = Buffer.concat([Buffer.from('Delivered-To: vanphong@example.gov.vn\r\nReceived: from a by b; Fri, 20 Nov 2026 01:00:00 +0000\r\n'), message]);
    const copyB = Buffer.concat([Buffer.from('Delivered-To: lanhdao@example.gov.vn\r\nReceived: from a by c; Fri, 20 Nov 2026 01:00:02 +0000\r\n'), message]);
    const a = await core.pipeline.submit(copyA, imapAt('vanphong', 10));
    const b = await core.pipeline.submit(copyB, imapAt('lanhdao', 4));
    expect(a.outcome).toBe('registered');
    expect(b).toMatchObject({ outcome: 'duplicate', entryId: a.entryId, incomingNumber: a.incomingNumber });
    const entry = core.queries.get(a.entryId)!;
    expect(entry.mailboxes).toEqual(['lanhdao', 'vanphong']);
    expect(entry.messages).toHaveLength(2);
    expect(core.queries.checkpoint('lanhdao', 'INBOX')?.lastUid).toBe(4);
  });

  it('one message, one copy unreadable (over the size limit) and one readable: a single entry', async () => {
    const config = testConfig();
    const core = testCore(undefined, { ...config, limits: { ...config.limits, maxParseSize: 2_000 } });
    const message = buildMessage({ messageId: 'gm-99@example.gov.vn', subject: 'Giấy mời', body: 'Kính gửi. '.repeat(80) });
    const longTrace = Buffer.concat([Buffer.from(`Received: ${'by relay '.repeat(100)}\r\n`), message]);
    expect(message.length).toBeLessThan(2_000);
    expect(longTrace.length).toBeGreaterThan(2_000);
    const readable = await core.pipeline.submit(message, imapAt('vanphong', 1));
    const unreadable = await core.pipeline.submit(longTrace, imapAt('lanhdao', 1));
    expect(readable).toMatchObject({ outcome: 'registered', status: 'registered' });
    expect(unreadable).toMatchObject({ outcome: 'duplicate', entryId: readable.entryId });
    // and the other way round: the unreadable copy first
    const core2 = testCore(undefined, { ...config, dataDir: `${config.dataDir}-2`, limits: { ...config.limits, maxParseSize: 2_000 } });
    const first = await core2.pipeline.submit(longTrace, imapAt('lanhdao', 1));
    const second = await core2.pipeline.submit(message, imapAt('vanphong', 1));
    expect(first).toMatchObject({ outcome: 'registered', status: 'failed' });
    expect(second).toMatchObject({ outcome: 'duplicate', entryId: first.entryId });
  });

  it('keeps messages that share a Message-ID but differ in content apart', async () => {
    const core = testCore();
    const a = await core.pipeline.submit(buildMessage({ messageId: 'reused@x', body: 'một' }), IMPORT);
    const b = await core.pipeline.submit(buildMessage({ messageId: 'reused@x', body: 'hai' }), IMPORT);
    expect(b.outcome).toBe('registered');
    expect(b.incomingNumber).toBe(a.incomingNumber + 1);
  });

  it('registers what cannot be read as failed, with the reason, keeping the raw bytes', async () => {
    const core = testCore();
    const garbage = Buffer.from('\u0000\u0001 this is not mail at all\n');
    const result = await core.pipeline.submit(garbage, IMPORT);
    expect(result).toMatchObject({ outcome: 'registered', status: 'failed' });
    expect(result.statusReason).toMatch(/^E_MESSAGE_NOT_MIME/);
    const entry = core.queries.get(result.entryId)!;
    expect(core.readRaw(entry.messages[0]!.id)!.equals(garbage)).toBe(true);
  });

  it('restarts số đến at 1 on 1 January (Vietnam time) and never reuses a number', async () => {
    let now = new Date('2026-12-31T16:59:00Z');
    const core = testCore(() => now);
    const dec = await core.pipeline.submit(buildMessage(), IMPORT);
    now = new Date('2026-12-31T17:00:01Z');
    const jan1 = await core.pipeline.submit(buildMessage(), IMPORT);
    const jan2 = await core.pipeline.submit(buildMessage(), IMPORT);
    expect([dec.registerYear, dec.incomingNumber]).toEqual([2026, 1]);
    expect([jan1.registerYear, jan1.incomingNumber, jan2.incomingNumber]).toEqual([2027, 1, 2]);
  });

  it('finds entries by folded words: "giay moi dang uy" matches "Giấy mời ... Đảng ủy"', async () => {
    const core = testCore();
    await core.pipeline.submit(buildMessage({ subject: 'Giấy mời dự hội nghị Ban Chấp hành Đảng ủy' }), IMPORT);
    await core.pipeline.submit(buildMessage({ subject: 'Báo cáo thống kê quý III' }), IMPORT);
    const found = core.queries.list({ limit: 10, offset: 0, q: 'giay moi dang uy' });
    expect(found.total).toBe(1);
    expect(found.items[0]!.subject).toContain('Đảng ủy');
    expect(core.queries.list({ limit: 10, offset: 0, q: 'THỐNG KÊ' }).total).toBe(1);
    expect(core.queries.list({ limit: 10, offset: 0, q: '"; DROP' }).total).toBe(0);
  });
});
