// PDF text (unpdf, pdfjs inside): pages read in order up to the page and time limits, after a bomb pre-scan of the
// compressed streams. A PDF with almost no text per page is a scan: no text layer.
import { inflateSync, constants } from 'node:zlib';
import { getDocumentProxy } from 'unpdf';
import { AttachmentTextError, type AttachmentLimits } from './limits.js';

export interface PdfText {
  text: string;
}

/** Fewer characters than this per page read means the pages are pictures. */
const MIN_CHARS_PER_PAGE = 20;

export async function readPdf(bytes: Buffer, limits: AttachmentLimits, deadline: number): Promise<PdfText> {
  prescanStreams(bytes, limits.maxUnpackedBytes);
  let doc: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // pdfjs takes ownership of the array it is given: hand it a copy.
    doc = await getDocumentProxy(new Uint8Array(bytes), { isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 });
  } catch (err) {
    const name = (err as Error).name;
    if (name === 'PasswordException') throw new AttachmentTextError('E_ATTACHMENT_ENCRYPTED', 'the PDF needs a password');
    throw new AttachmentTextError('E_ATTACHMENT_CORRUPT', `not a readable PDF: ${(err as Error).message}`);
  }
  try {
    const pages: string[] = [];
    const last = Math.min(doc.numPages, limits.maxPages);
    let chars = 0;
    for (let n = 1; n <= last; n++) {
      if (Date.now() > deadline) throw new AttachmentTextError('E_ATTACHMENT_TIMEOUT', `stopped after ${n - 1} of ${doc.numPages} pages`);
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) if ('str' in item) text += item.str + (item.hasEOL ? '\n' : '');
      page.cleanup();
      pages.push(text);
      chars += text.trim().length;
      if (chars > limits.maxChars) break;
    }
    if (chars < MIN_CHARS_PER_PAGE * pages.length) {
      throw new AttachmentTextError('E_NO_TEXT_LAYER', `${doc.numPages} page(s) without a text layer (a scanned document)`);
    }
    return { text: pages.join('\n\f\n') };
  } finally {
    await doc.destroy();
  }
}

/**
 * Inflate every Flate stream with a cap on the total, before pdfjs sees the file: pdfjs has no limit of its own and
 * its buffers live outside the worker's heap limit. Encrypted streams cannot be checked; the time limit covers them.
 */
function prescanStreams(bytes: Buffer, maxTotal: number): void {
  const text = bytes.toString('latin1');
  const marker = /stream\r?\n/g;
  let total = 0;
  for (let m = marker.exec(text); m; m = marker.exec(text)) {
    const start = m.index + m[0].length;
    const end = text.indexOf('endstream', start);
    if (end < 0) break;
    const dictionary = text.slice(Math.max(0, text.lastIndexOf('<<', m.index)), m.index);
    marker.lastIndex = end;
    if (!dictionary.includes('/FlateDecode')) continue;
    try {
      total += inflateSync(bytes.subarray(start, end), { maxOutputLength: maxTotal - total + 1, finishFlush: constants.Z_SYNC_FLUSH }).length;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') total = maxTotal + 1;
      // Damaged or encrypted streams: pdfjs decides.
    }
    if (total > maxTotal) throw new AttachmentTextError('E_ATTACHMENT_BOMB', `its streams unpack to more than ${Math.round(maxTotal / (1 << 20))} MB`);
  }
}
