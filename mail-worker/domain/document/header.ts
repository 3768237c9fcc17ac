// The header block of a Vietnamese administrative document: national motto, issuing authority, number and notation,
// place and date. Works on text flattened from PDF or HTML, where these lines run together.
import { isUpperWord, squash, type PreparedText } from './prepared.js';

export interface Found<T> {
  value: T;
  start: number;
  end: number;
}

export interface CodeFound {
  codeNumber: string | null;
  codeNotation: string;
  start: number;
  end: number;
}

export interface PlaceDate {
  place: string | null;
  issuedDate: string | null;
  /** Where the place (or the date, when there is no place) starts, and where the date ends. */
  start: number;
  end: number;
}

/** How far after its start the header is looked for: number, date and title sit in the first lines. */
export const HEADER_SPAN = 1600;

const MOTTO = /cong hoa xa hoi chu nghia viet nam|dang cong san viet nam/;
const MOTTO_TAIL = /doc lap\s*[-–—]?\s*tu do\s*[-–—]?\s*hanh phuc/;
const SEPARATORS = /[-–—_*=~.]{3,}/g;

/** The national motto ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM / Độc lập - Tự do - Hạnh phúc"), or the Party's. */
export function findMotto(p: PreparedText): Found<null> & { tailStart: number | null; tailEnd: number | null } | null {
  const head = p.folded.slice(0, 6000);
  const match = MOTTO.exec(head);
  if (!match) return null;
  const after = match.index + match[0].length;
  const tail = MOTTO_TAIL.exec(head.slice(after, after + 300));
  return {
    value: null, start: match.index, end: after,
    tailStart: tail ? after + tail.index : null, tailEnd: tail ? after + tail.index + tail[0].length : null,
  };
}

/**
 * The issuing authority: the upper-case words right before the motto (or before the number, when the left column
 * comes first), plus upper-case words between the motto's two lines (two columns read row by row).
 */
export function findIssuer(p: PreparedText, motto: ReturnType<typeof findMotto>, code: CodeFound | null): string | null {
  let end = motto?.start ?? code?.start ?? -1;
  if (code && motto && code.start < motto.start) end = code.start;
  if (end < 0) return null;
  const before = upperRunBefore(p.text, end);
  const between = motto?.tailStart != null && motto.tailStart - motto.end < 200
    ? upperWords(p.text.slice(motto.end, motto.tailStart))
    : [];
  const words = [...before, ...between];
  return words.length > 0 ? words.join(' ') : null;
}

function upperRunBefore(text: string, end: number): string[] {
  const words = text.slice(Math.max(0, end - 400), end).replace(SEPARATORS, ' ').split(/\s+/).filter(Boolean);
  const run: string[] = [];
  for (let i = words.length - 1; i >= 0; i--) {
    const word = words[i]!;
    // A number or notation ("778/TCHQ-GSQL" in a title line) is never part of an authority's name.
    if ((isUpperWord(word) && !/[\d/]/.test(word)) || /^[-–,&]$/.test(word)) run.unshift(word);
    else break;
  }
  while (run.length > 0 && /^[-–,&]$/.test(run[0]!)) run.shift();
  while (run.length > 0 && /^[-–,&]$/.test(run[run.length - 1]!)) run.pop();
  return run;
}

function upperWords(segment: string): string[] {
  const words = segment.replace(SEPARATORS, ' ').split(/\s+/).filter(Boolean);
  return words.every((word) => isUpperWord(word) || /^[-–,&]$/.test(word)) ? words : [];
}

/** "Số:", "Luật số:", "Nghị quyết số:" (a label with a colon), or a capital "Số" right before digits ("Số 40-CT/TW"). */
const NUMBER_LABEL = /(?<![A-Za-z])[Ss][Oo] ?:|(?<![A-Za-z])S[Oo] (?=\d)|(?<![A-Za-z])SO(?=\d)/g;
const NOTATION = /^[\p{L}\d]+(?:[-/.&][\p{L}\d]+)*/u;

/** The number and notation ("Số: 25/CT-UBND", "Số:\n/2015/TT-BLĐTBXH", "Số 40-CT/TW", "61-CP"). */
export function findCode(p: PreparedText, from: number, to: number): CodeFound | null {
  NUMBER_LABEL.lastIndex = from;
  for (let label = NUMBER_LABEL.exec(p.plain); label && label.index < to; label = NUMBER_LABEL.exec(p.plain)) {
    const code = readCode(p.text, label.index + label[0].length);
    if (code) return { ...code, start: label.index };
  }
  return null;
}

function readCode(text: string, at: number): Omit<CodeFound, 'start'> | null {
  const rest = text.slice(at, at + 120);
  const head = /^\s*(\d+)?\s*([/-])?\s*/.exec(rest)!;
  const [, number, separator] = head;
  if (!number && separator !== '/') return null;
  if (number && !separator) return null;
  const notation = NOTATION.exec(rest.slice(head[0].length));
  if (!notation) return null;
  let value = notation[0];
  let end = at + head[0].length + value.length;
  // "861/KH UBND": a space where the hyphen belongs, when an agency abbreviation follows.
  const joined = /^ ([A-ZĐ]{2,6})(?=[ ,\n]|$)/.exec(text.slice(end, end + 12));
  if (joined && !/^ [A-ZĐ]{2,6} [A-ZĐ\p{Lu}]{2,}/u.test(text.slice(end, end + 30))) {
    value += joined[0];
    end += joined[0].length;
  }
  return { codeNumber: number ?? null, codeNotation: value, end };
}

const DATE_WORDS = /ngay\s*(\d{1,2})?[\s.…_,]*thang\s*(\d{1,2})?[\s.…_,]*nam\s*(\d{4})(?!\d)/g;
const DATE_DIGITS = /ngay\s+(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)/g;

/** The place and date line ("Hà Nội, ngày 05 tháng 4 năm 2019"; blank day and month in drafts). */
export function findPlaceDate(p: PreparedText, from: number, to: number, notBefore: number): PlaceDate | null {
  for (const pattern of [DATE_WORDS, DATE_DIGITS]) {
    pattern.lastIndex = from;
    const match = pattern.exec(p.folded);
    if (!match || match.index >= to) continue;
    const [, day, month, year] = match;
    const place = placeBefore(p.text, match.index, notBefore);
    return {
      place: place?.value ?? null,
      issuedDate: isoDate(Number(year), Number(month), Number(day)),
      start: place?.start ?? match.index,
      end: match.index + match[0].length,
    };
  }
  return null;
}

/** Capitalised words right before "ngày" on the same line: "Hà Nội", "TP. Hồ Chí Minh", "Bà Rịa - Vũng Tàu". */
function placeBefore(text: string, at: number, notBefore: number): Found<string> | null {
  const lineStart = Math.max(text.lastIndexOf('\n', at - 1) + 1, notBefore);
  const words = [...text.slice(lineStart, at).matchAll(/[^ ]+/g)];
  let first = -1;
  for (let i = words.length - 1; i >= 0 && words.length - i <= 6; i--) {
    const word = words[i]![0].replace(/,$/, '');
    if (word === '') {
      if (first < 0) continue;
      break;
    }
    const placeWord = /^\p{Lu}\p{Ll}*\.?$/u.test(word) || /^T[Pp]\.$/.test(word) || (/^[-–]$/.test(word) && first >= 0);
    if (!placeWord) break;
    first = i;
  }
  while (first >= 0 && first < words.length && /^[-–]$/.test(words[first]![0])) first++;
  if (first < 0 || first >= words.length) return null;
  const start = lineStart + words[first]!.index;
  const value = squash(text.slice(start, at)).replace(/\s*,$/, '');
  return value ? { value, start, end: at } : null;
}

/** YYYY-MM-DD, or null when a part is blank or impossible. */
export function isoDate(year: number, month: number, day: number): string | null {
  if (!year || !month || !day || month > 12 || day > 31) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCMonth() !== month - 1) return null;
  return date.toISOString().slice(0, 10);
}
