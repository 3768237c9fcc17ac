// Builds the labelled e-mail set (test/fixtures/labelled-mail) from its YAML sources: one .eml per message, with
// PDF, DOCX, XLSX, iCalendar and text attachments made from the texts the sources give, and labels.jsonl.
// Run: npm run build && node dist/scripts/build-labelled-mail.js  (needs /usr/share/fonts/truetype/dejavu, Debian fonts-dejavu-core).
// The output is the same mail, not the same bytes: MIME boundaries and PDF ids are random, so existing .eml files are
// kept unless `--rebuild` is given; labels.jsonl is stable.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import * as XLSX from '@e965/xlsx';
import fontkit from '@pdf-lib/fontkit';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { PDFDocument, type PDFFont } from 'pdf-lib';
import { parse } from 'yaml';
import { docxOf } from './docx.js';
import { PROJECT_ROOT } from '../mail-worker/paths.js';

interface AttachmentSpec {
  filename: string;
  kind: 'pdf' | 'docx' | 'txt' | 'xlsx' | 'ics';
  text?: string;
  rows?: unknown[][];
  event?: { summary: string; start: string; end?: string; location?: string; organizer?: string; method?: string };
}

interface MessageSpec {
  id: string;
  category: string;
  confidentiality?: string;
  note?: string;
  from: { name: string; address: string };
  to: string[];
  cc?: string[];
  date: string;
  subject: string;
  inReplyTo?: string;
  body: string;
  attachments?: AttachmentSpec[];
}

const DIR = path.join(PROJECT_ROOT, 'test/fixtures/labelled-mail');
const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
/** A quarter of each category is held out of all tuning and reported on its own. */
const HOLDOUT_EVERY = 4;

const messageId = (id: string) => `<${id}@labelled.vanthu.test>`;

/**
 * Sources written together form a batch, and a quarter of each category of each batch is held out: a batch added
 * later never moves a message of an earlier one between the tuning part and the held-out quarter.
 * Batch 1 was written before the classifier; batch 2 after it had been tuned on batch 1's tuning part.
 */
const BATCH_OF_SOURCE: Record<string, number> = {
  'part1.yaml': 1, 'part2.yaml': 1, 'part3a.yaml': 2, 'part3b.yaml': 2,
  'part4a.yaml': 3, 'part4b.yaml': 3, 'part4c.yaml': 3,
};

/** `--rebuild` writes every .eml again; by default only missing ones are written (their bytes differ each build). */
const rebuild = process.argv.includes('--rebuild');

async function main(): Promise<void> {
  const sources = readdirSync(path.join(DIR, 'sources')).filter((f) => f.endsWith('.yaml')).sort();
  const specs = sources.flatMap((f) => {
    const batch = BATCH_OF_SOURCE[f];
    if (batch === undefined) throw new Error(`${f}: add it to BATCH_OF_SOURCE in ${path.basename(import.meta.filename)}`);
    return (parse(readFileSync(path.join(DIR, 'sources', f), 'utf8')) as MessageSpec[]).map((spec) => ({ ...spec, batch }));
  });
  if (rebuild) rmSync(path.join(DIR, 'eml'), { recursive: true, force: true });
  mkdirSync(path.join(DIR, 'eml'), { recursive: true });
  const fontBytes = readFileSync(FONT);
  const holdout = new Set([...new Set(specs.map((s) => s.batch))].flatMap((batch) => [...holdoutIds(specs.filter((s) => s.batch === batch), batch)]));
  const labels: string[] = [];
  let written = 0;
  for (const spec of specs) {
    const file = path.join(DIR, 'eml', `${spec.id}.eml`);
    if (rebuild || !existsSync(file)) {
      writeFileSync(file, await compose(spec, fontBytes));
      written++;
    }
    labels.push(JSON.stringify({
      id: spec.id, category: spec.category, confidentiality: spec.confidentiality ?? null,
      split: holdout.has(spec.id) ? 'holdout' : 'tune', batch: spec.batch, file: `eml/${spec.id}.eml`,
    }));
  }
  writeFileSync(path.join(DIR, 'labels.jsonl'), `${labels.join('\n')}\n`);
  process.stdout.write(`${specs.length} messages (${written} .eml written), ${holdout.size} held out\n`);
}

/**
 * Each category's ids in a fixed pseudo-random order (their SHA-256); batches 1 and 2 hold out every fourth, which
 * leaves a little under a quarter where a category has 6, 10 or 18 messages; from batch 3 on, the first quarter
 * rounded up is held out, so the held-out share is at least a quarter.
 */
function holdoutIds(specs: readonly MessageSpec[], batch: number): Set<string> {
  const out = new Set<string>();
  const byCategory = new Map<string, string[]>();
  for (const spec of specs) byCategory.set(spec.category, [...(byCategory.get(spec.category) ?? []), spec.id]);
  for (const ids of byCategory.values()) {
    const ordered = ids.map((id) => ({ id, key: createHash('sha256').update(id).digest('hex') })).sort((a, b) => a.key.localeCompare(b.key));
    const held = batch <= 2 ? (i: number) => i % HOLDOUT_EVERY === HOLDOUT_EVERY - 1 : (i: number) => i < Math.ceil(ids.length / HOLDOUT_EVERY);
    ordered.forEach(({ id }, i) => held(i) && out.add(id));
  }
  return out;
}

async function compose(spec: MessageSpec, fontBytes: Buffer): Promise<Buffer> {
  const attachments = [];
  for (const a of spec.attachments ?? []) attachments.push({ filename: a.filename, content: await render(a, fontBytes), contentType: contentTypeOf(a) });
  const mail = new MailComposer({
    from: { name: spec.from.name, address: spec.from.address }, to: spec.to, cc: spec.cc ?? [], subject: spec.subject,
    date: new Date(spec.date), messageId: messageId(spec.id), text: spec.body ?? '', attachments,
    ...(spec.inReplyTo ? { inReplyTo: messageId(spec.inReplyTo), references: [messageId(spec.inReplyTo)] } : {}),
  });
  return new Promise((resolve, reject) => mail.compile().build((err, message) => (err ? reject(err) : resolve(message))));
}

function contentTypeOf(a: AttachmentSpec): string {
  return {
    pdf: 'application/pdf', txt: 'text/plain; charset=utf-8', ics: 'text/calendar; charset=utf-8; method=REQUEST',
    docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  }[a.kind];
}

async function render(a: AttachmentSpec, fontBytes: Buffer): Promise<Buffer> {
  switch (a.kind) {
    case 'pdf': return pdf(a.text ?? '', fontBytes);
    case 'docx': return docxOf(a.text ?? '');
    case 'txt': return Buffer.from(a.text ?? '', 'utf8');
    case 'xlsx': {
      const book = XLSX.utils.book_new();
      XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet(a.rows ?? []), 'Sheet1');
      return Buffer.from(XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Uint8Array);
    }
    case 'ics': return Buffer.from(ics(a.event!), 'utf8');
  }
}

async function pdf(text: string, fontBytes: Buffer): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  const font = await doc.embedFont(fontBytes, { subset: true });
  const lines = text.split('\n').flatMap((line) => wrap(line, font, 11, 515));
  for (let i = 0; i < lines.length; i += 60) {
    const page = doc.addPage([595, 842]);
    lines.slice(i, i + 60).forEach((line, j) => page.drawText(line, { x: 40, y: 800 - j * 12.5, size: 11, font }));
  }
  if (lines.length === 0) doc.addPage([595, 842]);
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

function wrap(line: string, font: PDFFont, size: number, width: number): string[] {
  if (font.widthOfTextAtSize(line, size) <= width) return [line];
  const out: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    const next = current ? `${current} ${word}` : word;
    if (font.widthOfTextAtSize(next, size) > width && current) {
      out.push(current);
      current = word;
    } else current = next;
  }
  if (current) out.push(current);
  return out;
}

function ics(event: NonNullable<AttachmentSpec['event']>): string {
  const utc = (iso: string) => new Date(iso).toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '');
  const fold = (line: string) => line.match(/.{1,60}/gu)!.join('\r\n ');
  const escape = (s: string) => s.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\n/g, '\\n');
  const lines = [
    'BEGIN:VCALENDAR', 'PRODID:-//vanthu//labelled set//VI', 'VERSION:2.0', `METHOD:${event.method ?? 'REQUEST'}`, 'BEGIN:VEVENT',
    `UID:${createHash('sha256').update(JSON.stringify(event)).digest('hex').slice(0, 16)}@labelled.vanthu.test`,
    `DTSTAMP:${utc(event.start)}`, `DTSTART:${utc(event.start)}`, ...(event.end ? [`DTEND:${utc(event.end)}`] : []),
    `SUMMARY;LANGUAGE=vi-VN:${escape(event.summary)}`, ...(event.location ? [`LOCATION:${escape(event.location)}`] : []),
    ...(event.organizer ? [`ORGANIZER:mailto:${event.organizer}`] : []), 'END:VEVENT', 'END:VCALENDAR',
  ];
  return `${lines.map(fold).join('\r\n')}\r\n`;
}

main().catch((err: unknown) => {
  process.stderr.write(`${(err as Error).stack ?? String(err)}\n`);
  process.exit(1);
});
