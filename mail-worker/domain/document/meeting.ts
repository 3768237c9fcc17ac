// A meeting invitation's details written in the text: "Thời gian: 08 giờ 00, ngày 15/3/2026", "Địa điểm: ...",
// "Chủ trì: ...", "Thành phần: ...". Times are Vietnam time (UTC+07:00, no daylight saving).
import type { Meeting } from '../types.js';
import { isoDate } from './header.js';
import { squash, type PreparedText } from './prepared.js';

const CLOCK = /(\d{1,2})\s*(?:gio|h|:)\s*(\d{1,2})?\s*(?:phut|')?(?:\s*(sang|chieu|toi))?(?![\d/])/g;
const DATE = /ngay\s*(\d{1,2})\s*(?:[/.-]|\s+thang\s+)(\d{1,2})(?:\s*(?:[/.-]|\s+nam\s+)(\d{4}))?/;
const TIME_LABEL = /(?<![a-z])(?:thoi gian(?: hop| to chuc)?\s*:|vao (?:luc\s*)?(?=\d)|bat dau (?:tu|luc)\s*)/g;
const LABELS: Record<'location' | 'chair' | 'participants', RegExp> = {
  location: /(?<![a-z])dia diem(?: hop| to chuc)?\s*:\s*/,
  chair: /(?<![a-z])chu tri\s*:\s*/,
  participants: /(?<![a-z])thanh phan(?: moi| tham du| du hop)?\s*:\s*/,
};
/** The next label ends a value written on several lines. */
const NEXT_LABEL = /\n\s*(?:-\s*)?(?:thoi gian|dia diem|chu tri|thanh phan|noi dung|de nghi|kinh moi|noi nhan|tran trong)/;

export function findMeeting(p: PreparedText, from: number, year: number): Meeting | null {
  const when = findWhen(p, from, year);
  const location = labelled(p, from, 'location');
  const chair = labelled(p, from, 'chair');
  const participantsText = labelled(p, from, 'participants');
  if (!when && !location) return null;
  const participants = participantsText
    ? participantsText.split(/\s*(?:;|\n-|\n\+|^-)\s*/).map((s) => squash(s.replace(/^[-+•]\s*/, '')).replace(/[;.,]$/, '')).filter(Boolean)
    : [];
  return { start: when?.start ?? null, end: when?.end ?? null, location, chair, participants };
}

function findWhen(p: PreparedText, from: number, year: number): { start: string; end: string | null } | null {
  TIME_LABEL.lastIndex = from;
  const label = TIME_LABEL.exec(p.folded);
  const at = label ? label.index : from;
  const windowText = p.folded.slice(at, at + (label ? 220 : 4000));
  const date = DATE.exec(windowText);
  if (!date) return null;
  const clocks = [...windowText.slice(0, date.index + 80).matchAll(CLOCK)].filter((c) => Number(c[1]) <= 23 && Number(c[2] ?? 0) <= 59);
  const day = isoDate(date[3] ? Number(date[3]) : year, Number(date[2]), Number(date[1]));
  if (!day || clocks.length === 0) return null;
  const start = stamp(day, clocks[0]!);
  const end = clocks[1] && clocks[1].index < date.index + 80 ? stamp(day, clocks[1]) : null;
  return { start, end: end && end > start ? end : null };
}

function stamp(day: string, clock: RegExpMatchArray): string {
  let hour = Number(clock[1]);
  if ((clock[3] === 'chieu' || clock[3] === 'toi') && hour < 12) hour += 12;
  const minute = Number(clock[2] ?? 0);
  return `${day}T${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}:00+07:00`;
}

function labelled(p: PreparedText, from: number, field: keyof typeof LABELS): string | null {
  const re = LABELS[field];
  const match = re.exec(p.folded.slice(from));
  if (!match) return null;
  const start = from + match.index + match[0].length;
  const rest = p.folded.slice(start, start + 600);
  const stop = NEXT_LABEL.exec(rest);
  const firstLine = rest.indexOf('\n');
  // One line, unless a list follows the label ("Thành phần:\n- ...").
  let end = firstLine < 0 ? rest.length : firstLine;
  if (field === 'participants' || firstLine === 0) end = stop ? stop.index : Math.min(rest.length, 400);
  const value = squash(p.text.slice(start, start + end)).replace(/[;.,]$/, '');
  return value || null;
}
