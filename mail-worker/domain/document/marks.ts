// Urgency (Hỏa tốc, Thượng khẩn, Khẩn) and confidentiality (Mật, Tối mật, Tuyệt mật) marks, and written deadlines.
import type { Confidentiality, Urgency } from '../types.js';
import { isoDate } from './header.js';
import type { PreparedText } from './prepared.js';

/**
 * Marks are read on the printed text, not the folded one: without tone marks KHẨN would match KHĂN ("KHÓ KHĂN")
 * and MẬT would match MẶT ("MẶT TRẬN"). Upper case, or alone on a short line in sentence case.
 */
const URGENCY: ReadonlyArray<[Urgency, RegExp]> = [
  ['hoa_toc', /(?<!\p{L})(?:HỎA TỐC|HOẢ TỐC)(?!\p{L})|(?:^|\n|\[|\()\s*(?:Hỏa tốc|Hoả tốc)\s*(?:$|\n|\]|\))/u],
  ['thuong_khan', /(?<!\p{L})THƯỢNG KHẨN(?!\p{L})|(?:^|\n|\[|\()\s*Thượng khẩn\s*(?:$|\n|\]|\))/u],
  ['khan', /(?<!\p{L})KHẨN(?! TRƯƠNG| CẤP)(?!\p{L})|(?:^|\n|\[|\()\s*Khẩn\s*(?:$|\n|\]|\)|:)/u],
];

const CONFIDENTIALITY: ReadonlyArray<[Confidentiality, RegExp]> = [
  ['tuyet_mat', /(?<!\p{L})TUYỆT MẬT(?!\p{L})|(?:^|\n|\[|\()\s*Tuyệt mật\s*(?:$|\n|\]|\))/u],
  ['toi_mat', /(?<!\p{L})TỐI MẬT(?!\p{L})|(?:^|\n|\[|\()\s*Tối mật\s*(?:$|\n|\]|\))/u],
  // "BÍ MẬT", "BẢO MẬT", "CƠ MẬT", "MẬT KHẨU", "MẬT MÃ" are words, not the mark.
  ['mat', /(?<!\p{L})(?<!BÍ |BẢO |CƠ |ĐỘ |TỐI |TUYỆT )MẬT(?! KHẨU| MÃ| THƯ)(?!\p{L})|(?:^|\n|\[|\()\s*Mật\s*(?:$|\n|\]|\))/u],
];

/** The strongest urgency mark in a header or a mail subject. */
export function findUrgency(segment: string): Urgency | null {
  for (const [value, pattern] of URGENCY) if (pattern.test(segment)) return value;
  return null;
}

/** The strongest confidentiality mark in a header or a mail subject. */
export function findConfidentiality(segment: string): Confidentiality | null {
  for (const [value, pattern] of CONFIDENTIALITY) if (pattern.test(segment)) return value;
  return null;
}

const DEADLINE = /(?<![a-z])(?:truoc|cham nhat(?: la)?|han chot|han cuoi|khong muon hon|khong qua)(?:\s+(?:\d{1,2}\s*(?:gio|h)(?:\s*\d{1,2}(?:\s*phut)?)?|ngay lam viec)?)?\s*,?\s*(?:(?:thu\s+\S+|chu nhat)\s*,?\s*)?(?:ngay\s*)?(\d{1,2})\s*(?:[/.-]|\s+thang\s+)(\d{1,2})(?:\s*(?:[/.-]|\s+nam\s+)(\d{4}|\d{2}))?(?!\d)/g;

/**
 * A deadline written in the text ("trước ngày 30/11/2026", "chậm nhất ngày 5 tháng 12", "trước 17 giờ ngày 25/3"):
 * the first one on or after the issue date. A missing year is the reference year.
 */
export function findDueDate(p: PreparedText, reference: { issuedDate: string | null; year: number }): string | null {
  DEADLINE.lastIndex = 0;
  for (let m = DEADLINE.exec(p.folded); m; m = DEADLINE.exec(p.folded)) {
    const [, day, month, yearText] = m;
    let year = yearText ? Number(yearText) : reference.year;
    if (year < 100) year += 2000;
    const date = isoDate(year, Number(month), Number(day));
    if (date && (!reference.issuedDate || date >= reference.issuedDate)) return date;
  }
  return null;
}
