// The words of the format (Nghị định 30/2020 Phụ lục III and the legal-document types): type titles and their
// abbreviations, signers' position titles, competence marks.

export interface DocumentType {
  /** Sentence case, as the register shows it. */
  name: string;
  /** The abbreviation in a notation (Phụ lục III), or null (công văn, legal normative types without one). */
  code: string | null;
  /** The title as printed, without tone marks, upper case. */
  title: string;
}

export const DOCUMENT_TYPES: readonly DocumentType[] = [
  { name: 'Nghị quyết liên tịch', code: 'NQLT', title: 'NGHI QUYET LIEN TICH' },
  { name: 'Thông tư liên tịch', code: 'TTLT', title: 'THONG TU LIEN TICH' },
  { name: 'Văn bản hợp nhất', code: 'VBHN', title: 'VAN BAN HOP NHAT' },
  { name: 'Nghị quyết', code: 'NQ', title: 'NGHI QUYET' },
  { name: 'Nghị định', code: 'NĐ', title: 'NGHI DINH' },
  { name: 'Quyết định', code: 'QĐ', title: 'QUYET DINH' },
  { name: 'Chỉ thị', code: 'CT', title: 'CHI THI' },
  { name: 'Thông tư', code: 'TT', title: 'THONG TU' },
  { name: 'Bộ luật', code: null, title: 'BO LUAT' },
  { name: 'Luật', code: null, title: 'LUAT' },
  { name: 'Hiến pháp', code: null, title: 'HIEN PHAP' },
  { name: 'Pháp lệnh', code: 'PL', title: 'PHAP LENH' },
  { name: 'Quy chế', code: 'QC', title: 'QUY CHE' },
  { name: 'Quy định', code: 'QyĐ', title: 'QUY DINH' },
  { name: 'Thông cáo', code: 'TC', title: 'THONG CAO' },
  { name: 'Thông báo', code: 'TB', title: 'THONG BAO' },
  { name: 'Hướng dẫn', code: 'HD', title: 'HUONG DAN' },
  { name: 'Chương trình', code: 'CTr', title: 'CHUONG TRINH' },
  { name: 'Kế hoạch', code: 'KH', title: 'KE HOACH' },
  { name: 'Phương án', code: 'PA', title: 'PHUONG AN' },
  { name: 'Đề án', code: 'ĐA', title: 'DE AN' },
  { name: 'Dự án', code: 'DA', title: 'DU AN' },
  { name: 'Báo cáo', code: 'BC', title: 'BAO CAO' },
  { name: 'Biên bản', code: 'BB', title: 'BIEN BAN' },
  { name: 'Tờ trình', code: 'TTr', title: 'TO TRINH' },
  { name: 'Hợp đồng', code: 'HĐ', title: 'HOP DONG' },
  { name: 'Công điện', code: 'CĐ', title: 'CONG DIEN' },
  { name: 'Bản ghi nhớ', code: 'BGN', title: 'BAN GHI NHO' },
  { name: 'Bản thỏa thuận', code: 'BTT', title: 'BAN THOA THUAN' },
  { name: 'Giấy ủy quyền', code: 'GUQ', title: 'GIAY UY QUYEN' },
  { name: 'Giấy mời', code: 'GM', title: 'GIAY MOI' },
  { name: 'Giấy giới thiệu', code: 'GGT', title: 'GIAY GIOI THIEU' },
  { name: 'Giấy nghỉ phép', code: 'GNP', title: 'GIAY NGHI PHEP' },
  { name: 'Phiếu gửi', code: 'PG', title: 'PHIEU GUI' },
  { name: 'Phiếu chuyển', code: 'PC', title: 'PHIEU CHUYEN' },
  { name: 'Phiếu báo', code: 'PB', title: 'PHIEU BAO' },
  { name: 'Lịch công tác', code: null, title: 'LICH CONG TAC' },
  { name: 'Công văn', code: null, title: 'CONG VAN' },
];

export const CONG_VAN = DOCUMENT_TYPES.find((type) => type.name === 'Công văn')!;

const BY_CODE = new Map(DOCUMENT_TYPES.filter((type) => type.code).map((type) => [type.code!, type]));
/** Codes typed without Đ or in another case, where that is not ambiguous (HD/HĐ are two types: not here). */
const BY_LOOSE_CODE = new Map<string, DocumentType>([
  ['QD', BY_CODE.get('QĐ')!], ['ND', BY_CODE.get('NĐ')!], ['CD', BY_CODE.get('CĐ')!], ['DA', BY_CODE.get('DA')!],
  ['QYD', BY_CODE.get('QyĐ')!], ['CTR', BY_CODE.get('CTr')!], ['TTR', BY_CODE.get('TTr')!],
]);

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
