// iCalendar parts (node-ical): the method (REQUEST, CANCEL, REPLY) and each event, in Vietnam time.
import ical from 'node-ical';
import type { CalendarEventInfo } from '../../domain/types.js';
import { vietnamIsoSecondsOf } from '../../domain/register-year.js';
import { AttachmentTextError } from './limits.js';

export interface CalendarData {
  method: string | null;
  events: CalendarEventInfo[];
  /** A plain-text rendering, for search and the classifier. */
  text: string;
}

export function readCalendar(source: string): CalendarData {
  let data: ReturnType<typeof ical.sync.parseICS>;
  try {
    data = ical.sync.parseICS(source);
  } catch (err) {
    throw new AttachmentTextError('E_ATTACHMENT_CORRUPT', `not a readable iCalendar file: ${(err as Error).message}`);
  }
  const method = /^METHOD:([A-Z-]+)/im.exec(source)?.[1]?.toUpperCase() ?? null;
  const events: CalendarEventInfo[] = [];
  for (const item of Object.values(data)) {
    if (!item || item.type !== 'VEVENT') continue;
    const event = item as unknown as Record<string, unknown>;
    events.push({
      summary: textOf(event.summary),
      start: vietnamTime(event.start),
      end: vietnamTime(event.end),
      location: textOf(event.location),
      organizer: addressOf(event.organizer),
      attendees: ([] as unknown[]).concat(event.attendee ?? []).map(addressOf).filter((a): a is string => a !== null),
    });
  }
  const text = events.map((e) => [e.summary, e.location, e.start, e.organizer].filter(Boolean).join('\n')).join('\n\n');
  return { method, events, text };
}

/** Outlook writes SUMMARY;LANGUAGE=vi-VN:..., which node-ical returns as { params, val }. */
function textOf(value: unknown): string | null {
  const text = typeof value === 'object' && value !== null && 'val' in value ? (value as { val: unknown }).val : value;
  return typeof text === 'string' && text.trim() ? text.normalize('NFC').trim() : null;
}

function addressOf(value: unknown): string | null {
  const params = typeof value === 'object' && value !== null && 'params' in value ? (value as { params: { CN?: string } }).params : null;
  const raw = textOf(value);
  const address = raw?.replace(/^mailto:/i, '') ?? null;
  return params?.CN ? `${params.CN.replace(/^"|"$/g, '')} <${address}>` : address;
}

/** An instant as Vietnam wall time with its offset: 2026-03-15T08:00:00+07:00. */
function vietnamTime(value: unknown): string | null {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) return null;
  return vietnamIsoSecondsOf(value);
}
