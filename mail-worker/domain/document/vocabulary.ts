// The words of the format (Nghị định 30/2020 Phụ lục III and the legal-document types): type titles and their
// abbreviations, signers' position titles, competence marks.
import { toPlain } from '../text.js';

export interface DocumentType {
  /** Sentence case, as the register shows it. */
  name: string;
  /** The abbreviation in a notation (Phụ lục III), or null (công văn, legal normative types without one). */
  code: string | null;
  /** The title as printed, without tone marks, upper case. */
  title: string;
}

/** Every type with its abbreviation; the printed title is the name without tone marks, in capitals. */
const TYPES: ReadonlyArray<[name: string, code: string | null]> = [
  ['Nghị quyết liên tịch', 'NQLT'], ['Thông tư liên tịch', 'TTLT'], ['Văn bản hợp nhất', 'VBHN'],
  ['Nghị quyết', 'NQ'], ['Nghị định', 'NĐ'], ['Quyết định', 'QĐ'], ['Chỉ thị', 'CT'], ['Thông tư', 'TT'],
  ['Bộ luật', null], ['Luật', null], ['Hiến pháp', null], ['Pháp lệnh', 'PL'], ['Quy chế', 'QC'],
  ['Quy định', 'QyĐ'], ['Thông cáo', 'TC'], ['Thông báo', 'TB'], ['Hướng dẫn', 'HD'], ['Chương trình', 'CTr'],
  ['Kế hoạch', 'KH'], ['Phương án', 'PA'], ['Đề án', 'ĐA'], ['Dự án', 'DA'], ['Báo cáo', 'BC'], ['Biên bản', 'BB'],
  ['Tờ trình', 'TTr'], ['Hợp đồng', 'HĐ'], ['Công điện', 'CĐ'], ['Bản ghi nhớ', 'BGN'], ['Bản thỏa thuận', 'BTT'],
  ['Giấy ủy quyền', 'GUQ'], ['Giấy mời', 'GM'], ['Giấy giới thiệu', 'GGT'], ['Giấy nghỉ phép', 'GNP'],
  ['Phiếu gửi', 'PG'], ['Phiếu chuyển', 'PC'], ['Phiếu báo', 'PB'], ['Lịch công tác', null], ['Công văn', null],
];

const DOCUMENT_TYPES: readonly DocumentType[] = TYPES.map(([name, code]) => ({ name, code, title: toPlain(name).toUpperCase() }));

export const CONG_VAN = DOCUMENT_TYPES.find((type) => type.name === 'Công văn')!;

const BY_CODE = new Map(DOCUMENT_TYPES.filter((type) => type.code).map((type) => [type.code!, type]));
/** Codes typed without Đ or in another case, where that is not ambiguous (HD/HĐ are two types: not here). */
const BY_LOOSE_CODE = new Map<string, DocumentType>([
  ['QD', BY_CODE.get('QĐ')!], ['ND', BY_CODE.get('NĐ')!], ['CD', BY_CODE.get('CĐ')!], ['DA', BY_CODE.get('DA')!],
  ['QYD', BY_CODE.get('QyĐ')!], ['CTR', BY_CODE.get('CTr')!], ['TTR', BY_CODE.get('TTr')!],
]);

/** "Số, ký hiệu" as a register writes it: "12/QĐ-UBND"; empty when the document shows neither. */
export function numberAndNotation(document: { codeNumber: string | null; codeNotation: string | null }): string {
  return [document.codeNumber, document.codeNotation].filter(Boolean).join('/');
}

/** The type a notation names ("2020/NĐ-CP" -> Nghị định, "GM-UBND" -> Giấy mời), or null (công văn: issuer-unit). */
export function typeOfNotation(notation: string): DocumentType | null {
  const segments = notation.split(/[-/ ]/).filter(Boolean);
  for (const segment of segments) {
    const exact = BY_CODE.get(segment);
    if (exact) return exact;
  }
  for (const segment of segments) {
    const loose = BY_LOOSE_CODE.get(segment.toUpperCase().replace(/Đ/g, 'D'));
    if (loose) return loose;
  }
  return null;
}

/** Titles, longest first, so THÔNG TƯ LIÊN TỊCH wins over THÔNG TƯ. */
export const TITLES_LONGEST_FIRST = [...DOCUMENT_TYPES].sort((a, b) => b.title.length - a.title.length);

/**
 * Position titles of a signer, without tone marks (matched on the plain text, upper case). Longer forms first so
 * that "TONG CUC TRUONG" is not read as "CUC TRUONG".
 */
const POSITION_TITLES = [
  'TONG CUC TRUONG', 'CUC TRUONG', 'VU TRUONG', 'VIEN TRUONG', 'BO TRUONG', 'THU TRUONG', 'HIEU TRUONG',
  'TRUONG BAN', 'TRUONG PHONG', 'TRUONG DOAN', 'TONG GIAM DOC', 'GIAM DOC', 'CHU TICH NUOC', 'CHU TICH', 'CHU NHIEM',
  'CHANH AN', 'CHANH VAN PHONG', 'CHANH THANH TRA', 'THU TUONG', 'TONG BI THU', 'BI THU', 'THONG DOC',
  'TONG KIEM TOAN NHA NUOC', 'TONG KIEM TOAN', 'TONG THU KY', 'KIEM TOAN TRUONG', 'TRUONG KHOA', 'TRUONG TRAM',
];

const POSITION_TITLE_SOURCE = `(?<![A-Za-z])(?:PHO )?(?:${POSITION_TITLES.join('|')})(?![A-Za-z])`;

/** A position title, optionally a deputy's ("PHÓ ..."), as whole words on the plain text (a fresh global regex). */
export function positionTitles(): RegExp {
  return new RegExp(POSITION_TITLE_SOURCE, 'g');
}

/** Competence marks before a position: thay mặt, ký thay, thừa lệnh, thừa ủy quyền, quyền (old K/T, T/M too). */
export function competenceMarks(): RegExp {
  return /(?<![A-Za-z])(?:TM|KT|TL|TUQ|Q)\s?\.|(?<![A-Za-z])(?:T\/M|K\/T|T\/L)(?![A-Za-z])/g;
}

/**
 * Words after which a title or an authority's name belongs to the subject, not to an authority line
 * ("CỦA CHỦ TỊCH", "CHỨC VỤ GIÁM ĐỐC", "DO BỘ TÀI CHÍNH BAN HÀNH").
 */
export const BINDING_WORDS = new Set(['CUA', 'CHO', 'VOI', 'VA', 'VU', 'DANH', 'LAM', 'GIU', 'LA', 'CAC', 'DOI', 'VE', 'TAI', 'CHUC', 'DO', 'TU', 'TRONG']);
