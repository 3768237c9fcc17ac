// PDF signatures (adbe.pkcs7.detached, ETSI.CAdES.detached): each signature's ByteRange and the CMS in the gap it
// leaves; the signed bytes are verified like any detached CMS. A signature whose range stops before the end of the
// file was followed by changes: fine when a later signature covers them, "modified after signing" otherwise.
import type { TrustStore } from './trust.js';
import type { SignatureResult } from './types.js';
import { damaged, verifyDetachedCms } from './verify-cms.js';

/** Whether the bytes are a PDF (its header), whatever the file is called. */
export function isPdf(bytes: Buffer): boolean {
  return bytes.subarray(0, 5).toString('latin1') === '%PDF-';
}

const BYTE_RANGE = /^\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/;
const BYTE_RANGE_KEY = Buffer.from('/ByteRange');

export interface PdfSignatureResult extends SignatureResult {
  /** Signed byte ranges as [start, length] pairs, and whether they reach the end of the file. */
  byteRange: [number, number, number, number];
  coversWholeFile: boolean;
}

export async function verifyPdfSignatures(pdf: Buffer, trust: TrustStore, now = new Date()): Promise<PdfSignatureResult[]> {
  const ranges = byteRangesOf(pdf);
  const end = contentEnd(pdf);
  const results: PdfSignatureResult[] = [];
  for (const [i, range] of ranges.entries()) {
    const [a, b, c, d] = range;
    const coversWholeFile = c + d >= end;
    const outside = a !== 0 || a + b > c || c + d > pdf.length;
    const base = { byteRange: range, coversWholeFile };
    if (outside) {
      results.push({ ...damaged(`its byte range [${range.join(' ')}] does not fit the file`), ...base });
      continue;
    }
    // The gap is zero-padded; the CMS (often BER with indefinite lengths, ending in 00 00) is parsed up to its end.
    const hex = pdf.toString('latin1', a + b + 1, c - 1).replace(/\s+/g, '');
    const cms = Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex');
    const [result] = await verifyDetachedCms(cms, [pdf.subarray(a, a + b), pdf.subarray(c, c + d)], trust, now);
    // PAdES signatures carry no signed signing time: the signature dictionary's /M says when it was made.
    let verdict: SignatureResult = result!.signingTime ? result! : { ...result!, signingTime: dictionaryTime(pdf, a + b, c) };
    if (verdict.status === 'valid' && !coversWholeFile) {
      const laterCovers = ranges.slice(i + 1).some(([, , c2, d2]) => c2 + d2 >= end);
      verdict = laterCovers
        ? { ...verdict, reason: 'a later signature covers the changes made after this one' }
        : { ...verdict, status: 'modified_after_signing', reason: `${end - (c + d)} bytes were added or changed after this signature` };
    }
    results.push({ ...verdict, ...base });
  }
  return results;
}

/** Every distinct /ByteRange in the file, in file order (found with Buffer.indexOf: no copy of a 20 MB file). */
function byteRangesOf(pdf: Buffer): Array<[number, number, number, number]> {
  const ranges: Array<[number, number, number, number]> = [];
  for (let at = pdf.indexOf(BYTE_RANGE_KEY); at >= 0; at = pdf.indexOf(BYTE_RANGE_KEY, at + BYTE_RANGE_KEY.length)) {
    const m = BYTE_RANGE.exec(pdf.toString('latin1', at, Math.min(pdf.length, at + 120)));
    if (!m) continue;
    const range = [Number(m[1]), Number(m[2]), Number(m[3]), Number(m[4])] as [number, number, number, number];
    if (!ranges.some((r) => r.join() === range.join())) ranges.push(range);
  }
  return ranges;
}

const PDF_DATE = /\/M\s*\(D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?([Zz]|[+-]\d{2}'?\d{2}'?)?\)/g;

/**
 * The /M date of the signature dictionary around the /Contents gap [gapStart, gapEnd): the nearest one before the gap,
 * else the first one after it; ISO 8601, or null.
 */
function dictionaryTime(pdf: Buffer, gapStart: number, gapEnd: number): string | null {
  const before = [...pdf.toString('latin1', Math.max(0, gapStart - 2048), gapStart).matchAll(PDF_DATE)].pop();
  const after = before ? null : pdf.toString('latin1', gapEnd, Math.min(pdf.length, gapEnd + 2048)).matchAll(PDF_DATE).next().value;
  const m = before ?? after;
  if (!m) return null;
  const [, y, mo = '01', d = '01', h = '00', mi = '00', sec = '00', zone] = m;
  const offset = !zone || /^z$/i.test(zone) ? 'Z' : `${zone.slice(0, 3)}:${zone.replace(/'/g, '').slice(3, 5) || '00'}`;
  const at = new Date(`${y}-${mo}-${d}T${h}:${mi}:${sec}${offset}`);
  return Number.isNaN(at.getTime()) ? null : at.toISOString();
}

/** The end of the file's content: trailing white space after the last %%EOF does not count as a change. */
function contentEnd(pdf: Buffer): number {
  let end = pdf.length;
  while (end > 0 && (pdf[end - 1] === 0x0a || pdf[end - 1] === 0x0d || pdf[end - 1] === 0x20 || pdf[end - 1] === 0x00)) end--;
  return end;
}
