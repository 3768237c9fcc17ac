// Attachments for tests, made on the spot: DOCX, PDFs (text, many pages, scanned, bombs), legacy-encoded text.
import { deflateSync } from 'node:zlib';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { docxOf, docxWithBody } from '../../scripts/docx.js';
import { buildMessage } from '../../scripts/sample-mail.js';

export const docx = docxOf;

/** A DOCX whose document.xml unpacks to `megabytes` MB of white space (a ZIP bomb of a few hundred KB). */
export function docxBomb(megabytes: number): Buffer {
  const pad = ' '.repeat(megabytes * 1024 * 1024);
  return docxWithBody(`<?xml version="1.0"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${pad}</w:body></w:document>`);
}

/** A PDF with one page per string (ASCII text: the standard fonts carry no Vietnamese). */
export async function pdf(pages: string[]): Promise<Buffer> {
  const doc = await PDFDocument.create();
  const font = await doc.embedFont(StandardFonts.Helvetica);
  for (const text of pages) {
    const page = doc.addPage([595, 842]);
    text.split('\n').forEach((line, i) => page.drawText(line, { x: 40, y: 800 - i * 14, size: 11, font }));
  }
  return Buffer.from(await doc.save());
}

/** A "scan": pages with a picture-like drawing and no text layer. */
export async function scannedPdf(pages = 2): Promise<Buffer> {
  const doc = await PDFDocument.create();
  for (let i = 0; i < pages; i++) doc.addPage([595, 842]).drawRectangle({ x: 50, y: 50, width: 495, height: 742, borderWidth: 2 });
  return Buffer.from(await doc.save());
}

/** A small PDF whose one content stream unpacks to `megabytes` MB. */
export function pdfBomb(megabytes: number): Buffer {
  const stream = deflateSync(Buffer.alloc(megabytes * 1024 * 1024, 0x20), { level: 9 });
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>',
  ];
  const parts: Buffer[] = [Buffer.from('%PDF-1.4\n')];
  const offsets: number[] = [];
  let length = parts[0]!.length;
  const push = (chunk: Buffer) => {
    parts.push(chunk);
    length += chunk.length;
  };
  objects.forEach((body, i) => {
    offsets.push(length);
    push(Buffer.from(`${i + 1} 0 obj\n${body}\nendobj\n`));
  });
  offsets.push(length);
  push(Buffer.concat([Buffer.from(`4 0 obj\n<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`), stream, Buffer.from('\nendstream\nendobj\n')]));
  const xref = length;
  push(Buffer.from(`xref\n0 5\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`));
  return Buffer.concat(parts);
}

/** A message with one attachment. */
export function withAttachment(subject: string, filename: string, contentType: string, content: Buffer, body?: string): Buffer {
  return buildMessage({ subject, ...(body ? { body } : {}), attachment: { filename, contentType, content } });
}
