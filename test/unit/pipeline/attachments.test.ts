// Hostile and odd attachments: each gets a clear status and reason, the message is registered, the parser lives on.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../../mail-worker/paths.js';
import { buildMessage } from '../../../scripts/sample-mail.js';
import { IMPORT, testCore } from '../../helpers/core.js';
import { docx, docxBomb, pdf, pdfBomb, scannedPdf, withAttachment } from '../../helpers/documents.js';

const core = testCore();

interface Row { status: string; status_reason: string | null; category: string; code_notation: string | null; issuer: string | null }
interface AttachmentRow { kind: string; text_status: string; text_reason: string | null }

async function register(raw: Buffer): Promise<{ entry: Row; attachments: AttachmentRow[] }> {
  const { entryId } = await core.pipeline.submit(raw, IMPORT);
  const entry = core.db.prepare('SELECT status, status_reason, category, code_notation, issuer FROM register_entries WHERE id = ?').get(entryId) as Row;
  const attachments = core.db.prepare(`
    SELECT a.kind, a.text_status, a.text_reason FROM attachments a JOIN messages m ON m.id = a.message_row WHERE m.entry_id = ?`)
    .all(entryId) as AttachmentRow[];
  return { entry, attachments };
}

const HEADER = 'UY BAN NHAN DAN TINH NINH BINH\nSo: 77/QD-UBND\nCONG HOA XA HOI CHU NGHIA VIET NAM\nDoc lap - Tu do - Hanh phuc\nNinh Binh, ngay 3 thang 3 nam 2026\nQUYET DINH\nVe viec phe duyet du toan';

describe('attachments that try to hurt the parser', () => {
  it('a PDF bomb is refused before it is unpacked', async () => {
    const { entry, attachments } = await register(withAttachment('Văn bản', 'bom.pdf', 'application/pdf', pdfBomb(400)));
    expect(attachments[0]).toMatchObject({ kind: 'pdf', text_status: 'failed' });
    expect(attachments[0]!.text_reason).toMatch(/^E_ATTACHMENT_BOMB: .*unpack to more than 150 MB/);
    expect(entry.status).not.toBe('failed');
  });

  it('a ZIP bomb inside a DOCX is refused from its declared sizes', async () => {
    const { attachments } = await register(withAttachment('Văn bản', 'bom.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', docxBomb(300)));
    expect(attachments[0]).toMatchObject({ kind: 'word', text_status: 'failed' });
    expect(attachments[0]!.text_reason).toMatch(/^E_ATTACHMENT_BOMB: /);
  });

  it('a 200-page PDF is read up to the page limit, its header found', async () => {
    const pages = [HEADER, ...Array.from({ length: 199 }, (_, i) => `Page ${i + 2} of the appendix`)];
    const { entry, attachments } = await register(withAttachment('QĐ 77', 'qd77.pdf', 'application/pdf', await pdf(pages)));
    expect(attachments[0]).toMatchObject({ kind: 'pdf', text_status: 'read', text_reason: null });
    expect(entry.code_notation).toBe('QD-UBND');
  });

  it('search finds an entry by the number and text of its attachment', () => {
    const found = core.queries.list({ limit: 10, offset: 0, q: '77/QD-UBND ninh binh' });
    expect(found.items.map((i) => i.codeNotation)).toContain('QD-UBND');
    expect(core.queries.list({ limit: 10, offset: 0, q: 'appendix page 150' }).total).toBe(0); // past the page limit
  });

  it('an encrypted PDF says it needs a password', async () => {
    const encrypted = readFileSync(path.join(PROJECT_ROOT, 'test/fixtures/attachments/encrypted.pdf'));
    const { entry, attachments } = await register(withAttachment('Văn bản mật khẩu', 'enc.pdf', 'application/pdf', encrypted));
    expect(attachments[0]!.text_reason).toMatch(/^E_ATTACHMENT_ENCRYPTED: the PDF needs a password/);
    expect(entry.status).toBe('needs_review');
  });

  it('a scanned PDF (no text layer) goes to a clerk with that reason', async () => {
    const { entry, attachments } = await register(withAttachment('Gửi văn bản', 'scan.pdf', 'application/pdf', await scannedPdf(3)));
    expect(attachments[0]).toMatchObject({ text_status: 'failed' });
    expect(entry.status).toBe('needs_review');
    expect(entry.status_reason).toMatch(/E_NO_TEXT_LAYER: 3 page\(s\) without a text layer.*scan\.pdf/);
  });

  it('a file named .pdf that is not a PDF is kept and said to be unreadable, not read', async () => {
    const { attachments } = await register(withAttachment('Văn bản', 'fake.pdf', 'application/pdf', Buffer.from('MZ\x90\x00 this is an executable')));
    expect(attachments[0]).toMatchObject({ kind: 'pdf', text_status: 'none' });
  });

  it('the parser survived all of them: no worker was replaced, and the next message is read normally', async () => {
    expect(core.pool.replaced).toBe(0);
    const { entry } = await register(withAttachment('Quyết định', 'qd.docx', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', docx(HEADER)));
    expect(entry).toMatchObject({ status: 'registered', code_notation: 'QD-UBND', category: 'official_document' });
  });
});

const VIETNAMESE_HEADER = 'ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH\nSố: 15/KH-UBND\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHà Tĩnh, ngày 2 tháng 3 năm 2026\nKẾ HOẠCH\nTriển khai công tác chuyển đổi số năm 2026';

describe('legacy Vietnamese encodings', () => {
  it('reads a TCVN3 (.Vn font) text attachment', async () => {
    const tcvn3 = iconv.encode(VIETNAMESE_HEADER.replace('Ủ', 'ủ').toLowerCase().replace('số:', 'Số:').replace('kh-ubnd', 'KH-UBND'), 'tcvn');
    const { entry, attachments } = await register(withAttachment('Kế hoạch', 'kh15.txt', 'text/plain', tcvn3));
    expect(attachments[0]).toMatchObject({ text_status: 'read' });
    expect(entry.code_notation).toBe('KH-UBND');
  });

  it('reads a VNI text attachment', async () => {
    const vni = 'UÛY BAN NHAÂN DAÂN TÆNH HAØ TÓNH\nSoá: 16/KH-UBND\nCOÄNG HOØA XAÕ HOÄI CHUÛ NGHÓA VIEÄT NAM\nÑoäc laäp - Töï do - Haïnh phuùc\nHaø Tónh, ngaøy 2 thaùng 3 naêm 2026\nKEÁ HOAÏCH';
    const { entry } = await register(withAttachment('Kế hoạch', 'kh16.txt', 'text/plain', iconv.encode(vni, 'win1252')));
    expect(entry).toMatchObject({ code_notation: 'KH-UBND', issuer: 'ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH' });
  });

  it('reads a mail written in windows-1258 (combining tone marks) as NFC', async () => {
    // windows-1258 has â, ê, ô, ơ, ư, ă, đ as letters and the five tones as combining marks after them.
    const cp1258Form = VIETNAMESE_HEADER.normalize('NFD')
      .replace(/([AEOUaeou])(\u0323?)([\u0302\u0306\u031b])/g, (_m, base: string, dot: string, mark: string) => (base + mark).normalize('NFC') + dot);
    const body = iconv.encode(cp1258Form, 'windows-1258');
    expect(iconv.decode(body, 'windows-1258')).not.toContain('?');
    const raw = Buffer.concat([
      Buffer.from('From: vanphong@hatinh.gov.vn\r\nTo: vanthu@example.gov.vn\r\nSubject: =?windows-1258?Q?K=EA=CC_ho=AA=CC=A3ch?=\r\nMessage-ID: <cp1258@hatinh.gov.vn>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=windows-1258\r\nContent-Transfer-Encoding: 8bit\r\n\r\n'),
      body,
    ]);
    const { entry } = await register(raw);
    expect(entry).toMatchObject({ code_notation: 'KH-UBND', issuer: 'ỦY BAN NHÂN DÂN TỈNH HÀ TĨNH' });
  });
});

describe('confidential documents', () => {
  it('a document marked MẬT is quarantined, its text is nowhere in the database, and the alert is in the outbox', async () => {
    const secret = 'phương án bố trí lực lượng khu vực biên giới Xa Mát';
    const text = `BỘ CHỈ HUY QUÂN SỰ TỈNH TÂY NINH\nSố: 41/KH-BCH\nMẬT\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nTây Ninh, ngày 9 tháng 3 năm 2026\nKẾ HOẠCH\nTriển khai ${secret}`;
    const raw = buildMessage({
      subject: 'Gửi kế hoạch', body: `Gửi đồng chí kế hoạch ${secret}.`,
      attachment: { filename: 'kh41.docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', content: docx(text) },
    });
    const { entryId } = await core.pipeline.submit(raw, IMPORT);
    const entry = core.db.prepare('SELECT status, status_reason, confidentiality, body_text, document_subject FROM register_entries WHERE id = ?').get(entryId);
    expect(entry).toMatchObject({ status: 'quarantined', confidentiality: 'mat', body_text: null, document_subject: null });
    expect((entry as { status_reason: string }).status_reason).toMatch(/^E_CONFIDENTIAL: the document is marked "Mật"/);
    // Every text column of every table, and the search index.
    const tables = (core.db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'entry_search%' AND name NOT LIKE 'sqlite_%'").all() as Array<{ name: string }>).map((t) => t.name);
    for (const table of tables) {
      for (const row of core.db.prepare(`SELECT * FROM ${table}`).all() as Array<Record<string, unknown>>) {
        for (const [column, value] of Object.entries(row)) {
          if (typeof value === 'string') expect(value.normalize('NFC'), `${table}.${column}`).not.toContain('Xa Mát');
        }
      }
    }
    expect(core.db.prepare("SELECT rowid FROM entry_search WHERE entry_search MATCH 'bien gioi'").all()).toEqual([]);
    const alert = core.db.prepare("SELECT kind, status, payload FROM outbox WHERE entry_id = ?").get(entryId) as { kind: string; status: string; payload: string };
    expect(alert).toMatchObject({ kind: 'security_alert', status: 'pending' });
    expect(JSON.parse(alert.payload)).toMatchObject({ entryId, confidentiality: 'mat', codeNotation: 'KH-BCH' });
  });
});
