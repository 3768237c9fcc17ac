// Spreadsheets (XLSX, XLS, ODS) through SheetJS: every sheet as tab-separated rows, up to a row limit.
import * as XLSX from '@e965/xlsx';
import { AttachmentTextError } from './limits.js';

const MAX_ROWS = 5000;

export function readSheet(bytes: Buffer): string {
  let book: XLSX.WorkBook;
  try {
    book = XLSX.read(bytes, {
      type: 'buffer', dense: true, cellFormula: false, cellHTML: false, cellStyles: false, cellNF: false, bookVBA: false,
      sheetRows: MAX_ROWS, dateNF: 'dd/mm/yyyy',
    });
  } catch (err) {
    const message = (err as Error).message;
    if (/password|encrypt/i.test(message)) throw new AttachmentTextError('E_ATTACHMENT_ENCRYPTED', 'the spreadsheet is password protected');
    throw new AttachmentTextError('E_ATTACHMENT_CORRUPT', `not a readable spreadsheet: ${message}`);
  }
  const parts: string[] = [];
  for (const name of book.SheetNames) {
    const sheet = book.Sheets[name];
    if (!sheet) continue;
    parts.push(`# ${name}`, XLSX.utils.sheet_to_csv(sheet, { FS: '\t', blankrows: false, strip: true }));
  }
  return parts.join('\n');
}
