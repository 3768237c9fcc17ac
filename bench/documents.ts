// Reading documents: extraction + classification on text (documents/s, one core), and PDF text extraction
// (pages/s) against poppler's pdftotext on the same files in the same run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fontkit from '@pdf-lib/fontkit';
import { PDFDocument, StandardFonts, type PDFFont } from 'pdf-lib';
import { configSchema } from '../mail-worker/config/schema.js';
import { extractDocument } from '../mail-worker/domain/document/extract.js';
import { registrationFor } from '../mail-worker/domain/registration.js';
import type { MessageContent } from '../mail-worker/domain/types.js';
import { DEFAULT_ATTACHMENT_LIMITS } from '../mail-worker/mail/attachments/limits.js';
import { readAttachmentText } from '../mail-worker/mail/attachments/read-text.js';
import { readMessage } from '../mail-worker/mail/read-message.js';
import { evaluateRules } from '../mail-worker/domain/rules/evaluate.js';
import type { RoutingRule } from '../mail-worker/domain/rules/types.js';
import { ruleInputOf } from '../mail-worker/rules/input.js';
import { workCalendarOf } from '../mail-worker/rules/working-time.js';
import { PROJECT_ROOT } from '../mail-worker/paths.js';
import { ensureCommand, installPackages } from '../scripts/ensure-packages.js';
import { perSecond } from './repeat.js';

export interface DocumentBench {
  extract_docs_per_s: number;
  classify_messages_per_s: number;
  /** Evaluating 500 routing rules per message, and its cost as a share of extraction + classification. */
  rules_500_messages_per_s: number;
  rules_cost_ratio: number;
  pdf_files: number;
  pdf_pages: number;
  vanthu_pdf_pages_per_s: number;
  pdftotext_pages_per_s: number;
  pdf_ratio: number;
}

const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';

export async function runDocumentBench(say: (line: string) => void): Promise<DocumentBench> {
  const texts = readdirSync(path.join(PROJECT_ROOT, 'test/fixtures/vn-docs')).filter((f) => f.endsWith('.txt'))
    .map((f) => readFileSync(path.join(PROJECT_ROOT, 'test/fixtures/vn-docs', f), 'utf8'));
  say(`Extraction over ${texts.length} real documents (one core) ...`);
  const extract = await perSecond(texts.length, () => { for (const text of texts) extractDocument(text, { referenceYear: 2026 }); });

  const emlDir = path.join(PROJECT_ROOT, 'test/fixtures/labelled-mail/eml');
  const contents: MessageContent[] = [];
  for (const file of readdirSync(emlDir)) contents.push((await readMessage(readFileSync(path.join(emlDir, file)), DEFAULT_ATTACHMENT_LIMITS)).content);
  say(`Extraction + classification of ${contents.length} labelled messages, attachment text already read (one core) ...`);
  const classify = await perSecond(contents.length, () => { for (const content of contents) registrationFor(content, { reviewThreshold: DEFAULTS.classification.reviewThreshold, referenceYear: 2026 }); });

  say(`Routing: 500 rules evaluated for each of the ${contents.length} messages (one core) ...`);
  const rules = benchRules(500);
  const calendar = workCalendarOf(DEFAULTS.workingTime, new Date('2026-03-10T02:00:00Z'));
  const inputs = contents.map((content) => {
    const registration = registrationFor(content, { reviewThreshold: DEFAULTS.classification.reviewThreshold, referenceYear: 2026 });
    return ruleInputOf(content.parsed, registration, { mailbox: 'vanphong', folder: 'INBOX' }, new Date('2026-03-10T02:00:00Z'), calendar);
  });
  const route = await perSecond(inputs.length, () => { for (const input of inputs) evaluateRules(rules, input, calendar); });

  const pdf = await pdfBench(say);
  return {
    extract_docs_per_s: round(extract), classify_messages_per_s: round(classify), rules_500_messages_per_s: round(route),
    rules_cost_ratio: Math.round((classify / route) * 1000) / 1000, ...pdf,
  };
}

/** A configuration with nothing set: the review threshold and working hours an agency starts with. */
const DEFAULTS = configSchema.parse({});

/** A rule set as large agencies might write: every kind of condition, nested, with regexes; few of them match. */
function benchRules(count: number): RoutingRule[] {
  const domains = ['chinhphu.gov.vn', 'mof.gov.vn', 'moha.gov.vn', 'quangngai.gov.vn', 'hanoi.gov.vn'];
  const words = ['giấy mời', 'báo cáo', 'kế hoạch', 'dự thảo', 'số liệu', 'thông báo', 'khẩn', 'tờ trình'];
  return Array.from({ length: count }, (_, i) => ({
    name: `quy tắc ${i + 1}`, enabled: i % 10 !== 9, ...(i % 7 === 0 ? { mailboxes: ['vanphong', 'donvi1'] } : {}),
    when: {
      all: [
        { any: [{ field: 'fromDomain', op: 'equals', value: domains[i % domains.length]! }, { field: 'subject', op: 'contains', value: words[i % words.length]! }] },
        { not: { field: 'category', op: 'in', value: ['other', 'statistics'] } },
        i % 3 === 0 ? { field: 'text', op: 'matches', value: `\\b(${words[(i + 1) % words.length]!}|so ${i})\\b` } : { attachment: { kind: 'pdf' } },
        { field: 'issuer', op: 'contains', value: `ủy ban ${i}` },
      ],
    },
    then: [{ assign: { unit: `Phòng ${i}` } }, { due: { workingHours: 8 } }, { notify: { to: [`p${i}@example.gov.vn`] } }],
  }));
}

async function pdfBench(say: (line: string) => void): Promise<Pick<DocumentBench, 'pdf_files' | 'pdf_pages' | 'vanthu_pdf_pages_per_s' | 'pdftotext_pages_per_s' | 'pdf_ratio'>> {
  ensureCommand('pdftotext', 'poppler-utils');
  if (!existsSync(FONT)) installPackages(['fonts-dejavu-core']);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'vanthu-pdf-bench-'));
  try {
    const files: string[] = [];
    let pages = 0;
    const text = readFileSync(path.join(PROJECT_ROOT, 'test/fixtures/vn-docs/tvpl-luat-canh-tranh-2018.txt'), 'utf8').split('\n');
    for (let i = 0; i < 20; i++) {
      const file = path.join(dir, `doc-${i}.pdf`);
      const count = 10 + (i % 3) * 10;
      writeFileSync(file, await pdfOf(text, count));
      files.push(file);
      pages += count;
    }
    say(`PDF text: ${files.length} files, ${pages} pages of Vietnamese text; vanthu (pdfjs via unpdf, one thread) vs pdftotext ...`);
    const bytes = files.map((f) => readFileSync(f));
    const limits = { ...DEFAULT_ATTACHMENT_LIMITS, maxPages: 1000 };
    for (const b of bytes.slice(0, 2)) await readAttachmentText(b, 'x.pdf', 'application/pdf', b.length, limits); // warm-up
    let started = process.hrtime.bigint();
    for (const b of bytes) {
      const read = await readAttachmentText(b, 'x.pdf', 'application/pdf', b.length, limits);
      if (read.status !== 'read') throw new Error(`vanthu could not read a benchmark PDF: ${read.reason}`);
    }
    const vanthuSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    started = process.hrtime.bigint();
    for (const file of files) {
      const run = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { maxBuffer: 64 * 1024 * 1024 });
      if (run.status !== 0) throw new Error(`pdftotext failed: ${run.stderr.toString()}`);
    }
    const popplerSeconds = Number(process.hrtime.bigint() - started) / 1e9;
    const vanthu = pages / vanthuSeconds;
    const poppler = pages / popplerSeconds;
    return {
      pdf_files: files.length, pdf_pages: pages, vanthu_pdf_pages_per_s: round(vanthu), pdftotext_pages_per_s: round(poppler),
      pdf_ratio: Math.round((vanthu / poppler) * 1000) / 1000,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function pdfOf(lines: string[], pages: number): Promise<Buffer> {
  const doc = await PDFDocument.create();
  let font: PDFFont;
  if (existsSync(FONT)) {
    doc.registerFontkit(fontkit);
    font = await doc.embedFont(readFileSync(FONT), { subset: true });
  } else {
    font = await doc.embedFont(StandardFonts.Helvetica);
  }
  let at = 0;
  for (let p = 0; p < pages; p++) {
    const page = doc.addPage([595, 842]);
    for (let row = 0; row < 50; row++) {
      const line = (lines[at++ % lines.length] ?? '').slice(0, 95);
      page.drawText(line, { x: 30, y: 810 - row * 15.5, size: 9, font });
    }
  }
  return Buffer.from(await doc.save());
}

const round = (n: number) => Math.round(n * 10) / 10;
