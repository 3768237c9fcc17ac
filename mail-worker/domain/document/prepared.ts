// Document text made ready for reading: NFC, one kind of space and line end, and two folded copies of the same
// length, so a pattern found without tone marks (or without case) maps back to the printed text by index.
import { plainKeepingLength } from '../text.js';

export interface PreparedText {
  /** NFC, `\n` line ends, runs of spaces collapsed, no stray combining marks. */
  readonly text: string;
  /** Same length as `text`: marks stripped, đ/Đ -> d/D, case kept ("Quyết" -> "Quyet"). */
  readonly plain: string;
  /** Same length as `text`: `plain` in lower case. */
  readonly folded: string;
}

const SPACES = /[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/g;
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u00ad]/g;
/** Look-alikes of Đ seen in real text: Icelandic eth (U+00D0) and African D (U+0189). */
const D_LOOKALIKES = /[\u00d0\u0189]/g;
/** Combining marks that NFC could not attach to a letter (stray marks would break the 1:1 folding). */
const STRAY_MARKS = /[\u0300-\u036f]/g;

export function prepareText(raw: string): PreparedText {
  const text = raw
    .replace(/\r\n?/g, '\n')
    .replace(INVISIBLE, '')
    .normalize('NFC')
    .replace(D_LOOKALIKES, 'Đ')
    .replace(STRAY_MARKS, '')
    .replace(SPACES, ' ')
    .replace(/ {2,}/g, ' ')
    .replace(/ *\n */g, '\n');
  const plain = plainKeepingLength(text);
  return { text, plain, folded: lowerEach(plain) };
}

/** Lower case, one code unit at a time, so the result keeps the length (a few letters lower-case to two units). */
function lowerEach(plain: string): string {
  let out = '';
  for (let i = 0; i < plain.length; i++) {
    const lower = plain[i]!.toLowerCase();
    out += lower.length === 1 ? lower : plain[i];
  }
  return out;
}

/** Collapse white space (line ends included) and trim: how extracted values are returned and compared. */
export function squash(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

/** A word with letters, all of them upper case ("UBND", "HẢI", "NĐ-CP"); digits and punctuation alone are not. */
export function isUpperWord(word: string): boolean {
  return /\p{L}/u.test(word) && word === word.toUpperCase() && word !== word.toLowerCase();
}

/** A capitalised word of a personal name: "Nguyễn", "Tố" (not "UBND", not "và"). */
export function isNameWord(word: string): boolean {
  return /^\p{Lu}\p{Ll}+$/u.test(word);
}
