// PDF signatures (adbe.pkcs7.detached, ETSI.CAdES.detached): each signature's ByteRange and the CMS in the gap it
// leaves; the signed bytes are verified like any detached CMS. A signature whose range stops before the end of the
// file was followed by changes: fine when a later signature covers them, "modified after signing" otherwise.
import type { TrustStore } from './trust.js';
import type { SignatureResult } from './types.js';
import { verifyDetachedCms } from './verify-cms.js';

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
      results.push({ ...damagedResult(`its byte range [${range.join(' ')}] does not fit the file`), ...base });
      continue;
    }
    // The gap is zero-padded; the CMS (often BER with indefinite lengths, ending in 00 00) is parsed up to its end.
    const hex = pdf.toString('latin1', a + b + 1, c - 1).replace(/\s+/g, '');
    const cms = Buffer.from(hex.length % 2 ? `${hex}0` : hex, 'hex');
    const signed = Buffer.concat([pdf.subarray(a, a + b), pdf.subarray(c, c + d)]);
    const [result] = await verifyDetachedCms(cms, signed, trust, now);
    let verdict: SignatureResult = result!;
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

/** The end of the file's content: trailing white space after the last %%EOF does not count as a change. */
function contentEnd(pdf: Buffer): number {
  let end = pdf.length;
  while (end > 0 && (pdf[end - 1] === 0x0a || pdf[end - 1] === 0x0d || pdf[end - 1] === 0x20 || pdf[end - 1] === 0x00)) end--;
  return end;
}

function damagedResult(reason: string): SignatureResult {
  return { status: 'invalid', reason, signer: { name: null, organisation: null, email: null }, certificate: null, signingTime: null, digestAlgorithm: null };
}
