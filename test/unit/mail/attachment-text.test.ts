// Each attachment format's text, read by the adapter the pipeline uses (made on the spot with the writers at hand).
import * as XLSX from '@e965/xlsx';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DEFAULT_ATTACHMENT_LIMITS } from '../../../mail-worker/mail/attachments/limits.js';
import { readAttachmentText } from '../../../mail-worker/mail/attachments/read-text.js';
import { docx } from '../../helpers/documents.js';

const read = (bytes: Buffer, filename: string, contentType = 'application/octet-stream') =>
  readAttachmentText(bytes, filename, contentType, bytes.length, DEFAULT_ATTACHMENT_LIMITS);

const ROWS = [['Biểu số 01', 'Số liệu thống kê quý I năm 2026'], ['STT', 'Chỉ tiêu', 'Thực hiện'], [1, 'Giải ngân vốn đầu tư công', 1927320]];

function workbook(bookType: XLSX.BookType): Buffer {
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(ROWS), 'Biểu 01');
  return Buffer.from(XLSX.write(book, { type: 'buffer', bookType }) as Uint8Array);
}

describe('attachment text by format', () => {
  it.each([['xlsx'], ['xls'], ['ods']] as const)('reads a %s spreadsheet, every sheet as tab-separated rows', async (type) => {
    const result = await read(workbook(type), `bieu.${type}`);
    expect(result).toMatchObject({ kind: 'spreadsheet', status: 'read' });
    expect(result.text).toContain('# Biểu 01');
    expect(result.text).toContain('Giải ngân vốn đầu tư công\t1927320');
  });

  it('reads an ODT document', async () => {
    const content = '<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text><text:p>Số: 12/TB-UBND</text:p><text:p>THÔNG BÁO<text:s text:c="2"/>nghỉ Tết</text:p><office:annotation><text:p>ghi chú riêng</text:p></office:annotation></office:text></office:body></office:document-content>';
    const odt = Buffer.from(zipSync({ mimetype: [strToU8('application/vnd.oasis.opendocument.text'), { level: 0 }], 'content.xml': strToU8(content) }));
    const result = await read(odt, 'tb.odt');
    expect(result).toMatchObject({ kind: 'word', status: 'read' });
    expect(result.text).toBe('Số: 12/TB-UBND\nTHÔNG BÁO  nghỉ Tết');
  });

  it('reads a DOCX document', async () => {
    const result = await read(docx('Số: 5/KH-UBND\nKẾ HOẠCH'), 'kh.docx');
    expect(result).toMatchObject({ kind: 'word', status: 'read' });
    expect(result.text).toContain('Số: 5/KH-UBND');
  });

  it('reads an Outlook meeting request in Vietnam time', async () => {
    const ics = [
      'BEGIN:VCALENDAR', 'METHOD:REQUEST', 'VERSION:2.0', 'BEGIN:VTIMEZONE', 'TZID:SE Asia Standard Time', 'BEGIN:STANDARD',
      'DTSTART:16010101T000000', 'TZOFFSETFROM:+0700', 'TZOFFSETTO:+0700', 'END:STANDARD', 'END:VTIMEZONE', 'BEGIN:VEVENT',
      'UID:abc@example.gov.vn', 'SUMMARY;LANGUAGE=vi-VN:Họp giao ban tháng 3', 'DTSTART;TZID=SE Asia Standard Time:20260310T083000',
      'DTEND;TZID=SE Asia Standard Time:20260310T110000', 'LOCATION;LANGUAGE=vi-VN:Phòng họp tầng 2',
      'ORGANIZER;CN="Văn phòng":mailto:vanphong@example.gov.vn', 'ATTENDEE;CN=Sở Tài chính;RSVP=TRUE:mailto:stc@example.gov.vn',
      'END:VEVENT', 'END:VCALENDAR', '',
    ].join('\r\n');
    const result = await read(Buffer.from(ics), 'invite.ics', 'text/calendar');
    expect(result.calendar).toMatchObject({
      method: 'REQUEST',
      events: [{ summary: 'Họp giao ban tháng 3', start: '2026-03-10T08:30:00+07:00', end: '2026-03-10T11:00:00+07:00', location: 'Phòng họp tầng 2', attendees: ['Sở Tài chính <stc@example.gov.vn>'] }],
    });
  });

  it('says what it does not read, and why', async () => {
    expect(await read(Buffer.from('\x89PNG....'), 'scan.png', 'image/png')).toMatchObject({ kind: 'image', status: 'none' });
    const big = Buffer.from('%PDF-1.4');
    const skipped = await readAttachmentText(big, 'big.pdf', 'application/pdf', 31 * 1024 * 1024, DEFAULT_ATTACHMENT_LIMITS);
    expect(skipped).toMatchObject({ status: 'skipped', code: 'E_ATTACHMENT_TOO_LARGE' });
    const broken = await read(Buffer.from('PK\u0003\u0004 broken zip'), 'broken.xlsx');
    expect(broken).toMatchObject({ status: 'failed', code: 'E_ATTACHMENT_CORRUPT' });
  });
});
