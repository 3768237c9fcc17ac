// The signature block ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH / Trần Văn Chiến") and the "Nơi nhận" list at the end.
import type { SignerInfo } from '../types.js';
import { plainKeepingLength, toPlain } from '../text.js';
import { isNameWord, isUpperWord, squash, type PreparedText } from './prepared.js';
import { competenceMarks, positionTitles } from './vocabulary.js';

interface Candidate extends SignerInfo {
  index: number;
}

/** Marks printed between a title and the name in copies: "(Đã ký)", "(đã ký)", "(Signed)", "[daky]". */
const SIGNED_MARK = /^\s*(?:\((?:Đã ký|đã ký|Đã ký và đóng dấu|Signed)\)|\[\s*(?:daky|đã ký)\s*\])\s*/u;

/**
 * The first signature after the header: an upper-case title run ending in a position, then a personal name;
 * or a bare "Name (Đã ký)". Placeholder forms ("(Ký, ghi rõ họ tên)") have no name and never match.
 */
export function findSigner(p: PreparedText, from: number): SignerInfo | null {
  const candidates = [...titledSigners(p, from), ...bareSigners(p, from)].sort((a, b) => a.index - b.index);
  const first = candidates[0];
  return first ? { competence: first.competence, position: first.position, fullName: first.fullName } : null;
}

function titledSigners(p: PreparedText, from: number): Candidate[] {
  const out: Candidate[] = [];
  const titles = positionTitles();
  titles.lastIndex = from;
  for (let m = titles.exec(p.plain); m; m = titles.exec(p.plain)) {
    const runEnd = upperRunEnd(p.text, m.index + m[0].length);
    const skipped = skipInterleavedList(p.text, runEnd);
    const mark = SIGNED_MARK.exec(p.text.slice(skipped.end, skipped.end + 40));
    const name = personalName(p.text, skipped.end + (mark ? mark[0].length : 0));
    if (!name) continue;
    const runStart = upperRunStart(p.text, m.index);
    const { competence, position } = splitRun([p.text.slice(runStart, runEnd), ...skipped.titles].join(' '));
    out.push({ index: runStart, competence, position, fullName: name });
    titles.lastIndex = runEnd;
  }
  return out;
}

function bareSigners(p: PreparedText, from: number): Candidate[] {
  const out: Candidate[] = [];
  const re = /(?:^|\n|[.;:] )((?:\p{Lu}\p{Ll}+ ){1,4}\p{Lu}\p{Ll}+) ?\((?:Đã ký|đã ký)\)/gu;
  re.lastIndex = from;
  for (let m = re.exec(p.text); m; m = re.exec(p.text)) {
    out.push({ index: m.index, competence: null, position: null, fullName: m[1]! });
  }
  return out;
}

/**
 * Two columns read row by row put the "Nơi nhận" list between the title and the name: skip a few list lines
 * ("- Như trên;", "- Lưu: VT, KTN.") that stand between them.
 */
function skipInterleavedList(text: string, at: number): { end: number; titles: string[] } {
  const re = /\n?[ \t]*[-+•]([^\n]*)(?=\n)/y;
  let end = at;
  const titles: string[] = [];
  for (let i = 0; i < 6; i++) {
    re.lastIndex = end;
    const line = re.exec(text);
    if (!line) break;
    end = re.lastIndex;
    // The right column's part of the row: upper-case words after the list item ("- Như trên; PHÓ GIÁM ĐỐC").
    const tail = /(?:^|[;.:,]\s)((?:[\p{Lu}.,]+\s?)+)$/u.exec(line[1]!.trim());
    if (tail && positionTitles().test(toPlain(tail[1]!))) titles.push(tail[1]!.trim());
  }
  return { end: end === at ? at : end + 1, titles };
}

/** A full name of two to five capitalised words on one line, ending the line or followed by a non-name. */
function personalName(text: string, at: number): string | null {
  const line = /^[ \n]?([^\n]*)/.exec(text.slice(at, at + 120))![1]!;
  const words = line.split(' ');
  const name: string[] = [];
  for (const [i, word] of words.entries()) {
    const bare = word.replace(/[,.;]$/, '');
    if (!isNameWord(bare)) break;
    // A capitalised word followed by a lower-case one starts a sentence ("Phụ lục", "Nơi nhận"), not a name.
    if (bare === word && /^\p{Ll}/u.test(words[i + 1] ?? '')) break;
    name.push(bare);
    if (bare !== word || name.length === 5) break;
  }
  return name.length >= 2 ? name.join(' ') : null;
}

/** The end of the upper-case words that continue a title ("CHỦ TỊCH QUỐC HỘI", "BỘ TRƯỞNG, CHỦ NHIỆM"). */
function upperRunEnd(text: string, at: number): number {
  const re = /\s*([^\s]+)/y;
  let end = at;
  re.lastIndex = at;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (!isUpperWord(m[1]!.replace(/[,.]$/, '')) && m[1] !== ',') break;
    end = re.lastIndex;
  }
  return end;
}

function upperRunStart(text: string, at: number): number {
  const before = text.slice(Math.max(0, at - 200), at);
  const words = [...before.matchAll(/\S+/g)];
  let start = at;
  for (let i = words.length - 1; i >= 0; i--) {
    const word = words[i]![0];
    if (!isUpperWord(word.replace(/[,.]$/, '')) && !/^(?:K\/T|T\/M|T\/L)$/.test(word)) break;
    start = at - before.length + words[i]!.index;
  }
  return start;
}

/**
 * Split "TM. ỦY BAN NHÂN DÂN KT. CHỦ TỊCH PHÓ CHỦ TỊCH" into competence and position. After KT. (and TL., TUQ.)
 * comes the head's title, then the signer's own; after TM. comes the body's name, then the signer's title.
 */
function splitRun(run: string): { competence: string | null; position: string | null } {
  const text = squash(run);
  const plain = plainKeepingLength(text);
  const marks = [...plain.matchAll(competenceMarks())];
  const firstMark = marks[0];
  const lastMark = marks[marks.length - 1];
  const afterMark = lastMark ? lastMark.index + lastMark[0].length : 0;
  const titles = [...plain.slice(afterMark).matchAll(positionTitles())].map((m) => afterMark + m.index);
  if (titles.length === 0) return { competence: null, position: null };
  const kind = lastMark ? lastMark[0].replace(/[\s./]/g, '') : '';
  const deputyForm = kind === 'KT' || kind === 'TL' || kind === 'TUQ' || kind === 'Q';
  const positionAt = deputyForm && titles.length > 1 ? titles[1]! : titles[0]!;
  // Upper-case words before the first mark belong to whatever preceded the block (a filing line, a unit code).
  const competenceFrom = firstMark ? firstMark.index : 0;
  const competence = positionAt > competenceFrom ? squash(text.slice(competenceFrom, positionAt)).replace(/[,]$/, '') : null;
  return { competence: competence || null, position: squash(text.slice(positionAt)).replace(/[,.]$/, '') || null };
}

/** Items of "Nơi nhận:" ("- Như trên;", "- Lưu: VT, ...") without the filing line, or of "Kính gửi:" otherwise. */
export function findRecipients(p: PreparedText, from: number): string[] | null {
  for (const label of [/noi nhan\s*:/g, /kinh gui\s*:/g]) {
    label.lastIndex = from;
    const m = label.exec(p.folded);
    if (!m) continue;
    const items = listAfter(p.text, m.index + m[0].length);
    if (items.length > 0) return items;
  }
  return null;
}

function listAfter(text: string, at: number): string[] {
  const block = text.slice(at, at + 1500);
  const lines = block.split('\n');
  const items: string[] = [];
  for (const [i, raw] of lines.entries()) {
    const line = raw.trim();
    if (i === 0) {
      if (line && !/^[-+•]/.test(line)) items.push(...line.split(/;\s*/));
      if (!/^[-+•]/.test(line)) continue;
    }
    if (!/^[-+•]/.test(line)) break;
    items.push(line.replace(/^[-+•]\s*/, ''));
  }
  return items
    .map((item) => squash(item).replace(/[;.,]+$/, ''))
    .filter((item) => item && !/^(?:Lưu|LƯU)\b/u.test(item));
}

