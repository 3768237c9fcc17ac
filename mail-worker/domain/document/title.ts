// The document's type title and its trích yếu (subject): "QUYẾT ĐỊNH Về việc ...", or "V/v ..." for a công văn.
import { plainKeepingLength } from '../text.js';
import { isUpperWord, squash, type PreparedText } from './prepared.js';
import { BINDING_WORDS, CONG_VAN, positionTitles, TITLES_LONGEST_FIRST, type DocumentType } from './vocabulary.js';

export interface TitleFound {
  type: DocumentType;
  subject: string | null;
  end: number;
}

const ANNOTATION = /\[[^\]\n]{0,600}\]/g;
const DRAFT_MARK = /^(?:DU THAO(?: LAN (?:THU )?\d+)?|\(DU THAO\))\s*/;
/** Section headings and preamble openings that end a subject. */
const SUBJECT_STOP = /(?<![A-Za-z])(?:LOI NOI DAU|CHUONG [IVXLC\d]+|PHAN [IVXLC\d]+|DIEU \d|CAN CU|QUYET DINH:|QUYET NGHI:|NGHI DINH:|KINH GUI)(?![A-Za-z])/;
const SENTENCE_STOP = /(?<![\p{L}])(?:Căn cứ|Thực hiện|Kính gửi|Xét đề nghị|Theo đề nghị|Nhằm|Để)(?![\p{L}])/u;
const V_V = /(?<![\p{L}])(?:V\/v|V\/V|v\/v|Về việc|VỀ VIỆC)(?![\p{L}])/u;

/**
 * The title right after the header (skipping "DỰ THẢO LẦN 4" and bracketed publisher notes) and the subject under
 * it; a công văn has no title, its subject starts at "V/v".
 */
export interface TitleContext {
  /** The issuing authority, whose name after the subject is the authority line, not the subject. */
  authority: string | null;
  /** The document's own number: old headings repeat it ("ĐẤT ĐAI SỐ 24-L/CTN NGÀY ..."). */
  codeNumber: string | null;
  /** The type the notation names: a consolidated text (VBHN) keeps its law's type word in the subject. */
  notationType: DocumentType | null;
  /** Where the place/date line starts: a "V/v" subject ends before it. */
  stopAt: number | null;
}

export function findTitle(p: PreparedText, from: number, to: number, context: TitleContext): TitleFound | null {
  const window = blankAnnotations(p.plain.slice(from, to));
  const lead = /^[\s,.:;]*/.exec(window)![0].length;
  const draft = DRAFT_MARK.exec(window.slice(lead));
  const at = lead + (draft ? draft[0].length : 0);
  for (const type of TITLES_LONGEST_FIRST) {
    if (!window.startsWith(type.title, at)) continue;
    if (/[A-Za-z]/.test(window[at + type.title.length] ?? '')) continue;
    const titleEnd = from + at + type.title.length;
    const subjectStart = context.notationType?.code === 'VBHN' ? from + at : titleEnd;
    return { type, subject: subjectAfter(p, subjectStart, context), end: titleEnd };
  }
  const vv = V_V.exec(p.text.slice(from, to));
  if (vv) {
    const start = from + vv.index;
    return { type: CONG_VAN, subject: congVanSubject(p, start, context.stopAt), end: start };
  }
  return null;
}

/** Publisher notes in brackets become spaces: the indices stay those of the text. */
function blankAnnotations(segment: string): string {
  return segment.replace(ANNOTATION, (note) => ' '.repeat(note.length));
}

/** "V/v ..." up to the place/date line, "Kính gửi" or a blank line. */
function congVanSubject(p: PreparedText, start: number, stopAt: number | null): string {
  let end = Math.min(p.text.length, start + 400);
  if (stopAt !== null && stopAt > start) end = Math.min(end, stopAt);
  const segment = p.text.slice(start, end);
  const stops = [segment.indexOf('\n\n'), segment.search(/Kính gửi|KÍNH GỬI|CỘNG HÒA|CỘNG HOÀ|Độc lập/u)].filter((i) => i > 0);
  const cut = stops.length > 0 ? Math.min(...stops) : segment.length;
  return squash(segment.slice(0, cut));
}

function subjectAfter(p: PreparedText, start: number, context: TitleContext): string | null {
  const segment = blankAnnotations(p.text.slice(start, start + 800));
  const words = [...segment.matchAll(/\S+/g)];
  const upper: Array<{ word: string; index: number }> = [];
  for (const match of words) {
    if (!isUpperWord(match[0]) && /\p{L}/u.test(match[0])) break;
    upper.push({ word: match[0], index: match.index });
  }
  // No capitals, or only a one-letter word ("Ý kiến kết luận ...", "Ở ..."): a sentence-case subject's first word.
  const letters = upper.filter((w) => /\p{L}/u.test(w.word));
  if (letters.length === 0 || (letters.every((w) => [...w.word].length === 1) && upper.length < words.length)) return sentenceCaseSubject(segment);
  const last = upper[upper.length - 1]!;
  let text = segment.slice(0, last.index + last.word.length);
  text = cutAtStop(text);
  text = oldStyleHeading(text, context.codeNumber);
  text = cutAtAuthority(text, context.authority);
  const value = squash(text).replace(/^[,.:;\s]+|[,.:;\s]+$/g, '');
  return value || null;
}

/** "Về việc phê duyệt ..." in sentence case under the title, up to the preamble. */
function sentenceCaseSubject(segment: string): string | null {
  const lines = segment.replace(/^\s+/, '').split('\n');
  // A subject wrapped onto more lines continues in lower case.
  let count = 1;
  while (count < lines.length && count < 4 && /^\p{Ll}/u.test(lines[count]!)) count++;
  let text = lines.slice(0, count).join(' ');
  const stop = text.slice(1).search(SENTENCE_STOP);
  if (stop >= 0) text = text.slice(0, stop + 1);
  const value = squash(text).replace(/[,.:;]+$/, '');
  return value || null;
}

function cutAtStop(text: string): string {
  const plain = plainKeepingLength(text);
  const stop = SUBJECT_STOP.exec(plain);
  return stop ? text.slice(0, stop.index) : text;
}

/**
 * Old headings repeat the number and the issuer before the subject: "CỦA CHÍNH PHỦ SỐ 61-CP NGÀY ... VỀ MUA BÁN",
 * "ĐẤT ĐAI SỐ 24-L/CTN NGÀY 14/07/1993 CỦA QUỐC HỘI".
 */
function oldStyleHeading(text: string, codeNumber: string | null): string {
  const plain = plainKeepingLength(text);
  if (/^\s*(?:CUA|SO\s*\d)/.test(plain)) {
    const about = /(?<![A-Za-z])VE(?![A-Za-z])/.exec(plain);
    if (about) return text.slice(about.index);
  }
  if (!codeNumber) return text;
  const own = new RegExp(`(?<![A-Za-z])SO\\s*${codeNumber}(?!\\d)`).exec(plain);
  return own && own.index > 0 ? text.slice(0, own.index) : text;
}

/**
 * The authority line that follows the subject on the same flattened line ("... HUYỆN CHÂU THÀNH ỦY BAN NHÂN DÂN TỈNH
 * TÂY NINH", "... NHẬP KHẨU TỔNG CỤC TRƯỞNG TỔNG CỤC HẢI QUAN"): cut at a signer's title or at the issuer's name,
 * unless a binding word ("CỦA", "CHO", ...) makes it part of the subject.
 */
function cutAtAuthority(text: string, authority: string | null): string {
  const plain = plainKeepingLength(text);
  let cut = plain.length;
  const titles = positionTitles();
  for (let m = titles.exec(plain); m; m = titles.exec(plain)) {
    if (!boundBefore(plain, m.index)) {
      cut = m.index;
      break;
    }
  }
  for (const name of authorityNames(authority)) {
    const re = new RegExp(`(?<![A-Za-z])${escape(name)}(?![A-Za-z])`, 'g');
    for (let m = re.exec(plain); m && m.index < cut; m = re.exec(plain)) {
      if (m.index > 0 && !boundBefore(plain, m.index)) {
        cut = m.index;
        break;
      }
    }
  }
  return text.slice(0, cut);
}

/** The issuer and its parts ("BỘ TÀI CHÍNH TỔNG CỤC HẢI QUAN" -> also "TỔNG CỤC HẢI QUAN"), plain, longest first. */
function authorityNames(authority: string | null): string[] {
  if (!authority) return [];
  const plain = plainKeepingLength(authority);
  const names = new Set([plain]);
  const parts = plain.split(/ (?=BO |TONG CUC |CUC |UY BAN |HOI DONG |VAN PHONG |SO |BAN |TOA AN |VIEN )/);
  for (let i = 1; i < parts.length; i++) names.add(parts.slice(i).join(' '));
  return [...names].filter((name) => name.length >= 6).sort((a, b) => b.length - a.length);
}

function boundBefore(plain: string, index: number): boolean {
  const before = /(\S+)\s*$/.exec(plain.slice(0, index));
  return before !== null && BINDING_WORDS.has(before[1]!.replace(/[,.]$/, ''));
}


function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
