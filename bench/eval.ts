// `npm run eval`: how well vanthu reads documents (field accuracy) and classifies mail (category accuracy).
import path from 'node:path';
import { PROJECT_ROOT } from '../mail-worker/paths.js';
import { evaluateDocuments } from './eval/documents.js';
import { classifyLabelledMail, score, type SplitScore } from './eval/mail.js';
import { CATEGORIES } from '../mail-worker/domain/types.js';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose') || args.includes('-v');
const json = args.includes('--json');

/** The issue's target for category accuracy, on the tuning part and on the held-out quarter alike. */
const CATEGORY_TARGET = 0.95;

async function main(): Promise<number> {
  const docs = evaluateDocuments(path.join(PROJECT_ROOT, 'test/fixtures/vn-docs'));
  const mail = await classifyLabelledMail(path.join(PROJECT_ROOT, 'test/fixtures/labelled-mail'));
  const splits = ['tune', 'holdout', 'all'].map((split) => score(mail, split));
  const batches = [...new Set(mail.map((r) => r.label.batch))].sort().flatMap((batch) => ['tune', 'holdout'].map((split) => score(mail, split, batch)));
  if (json) {
    process.stdout.write(`${JSON.stringify({
      documents: { count: docs.documents, fields: docs.rates.map(({ misses: _m, ...r }) => r) },
      mail: [...splits, ...batches].map(({ confusion: _c, ...s }) => s), confusion: splits[2]!.confusion,
    })}\n`);
  } else {
    const out: string[] = [];
    out.push(`Document metadata: ${docs.documents} labelled real documents (test/fixtures/vn-docs), exact match after NFC, case and white-space folding`);
    out.push(`  ${'field'.padEnd(26)} ${'correct'.padStart(9)} ${'rate'.padStart(7)} ${'target'.padStart(7)}`);
    for (const r of docs.rates) {
      const target = r.target === null ? '' : `≥${Math.round(r.target * 100)}%`;
      const flag = r.target !== null && r.rate < r.target ? '  BELOW TARGET' : '';
      out.push(`  ${r.field.padEnd(26)} ${`${r.correct}/${r.total}`.padStart(9)} ${pct(r.rate).padStart(7)} ${target.padStart(7)}${flag}`);
      if (verbose) for (const m of r.misses) out.push(`      ${m.id}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.got)}`);
    }
    out.push('');
    out.push(...mailReport(splits, batches, mail));
    process.stdout.write(`${out.join('\n')}\n`);
  }
  const below = docs.rates.filter((r) => r.target !== null && r.rate < r.target);
  const mailBelow = splits.filter((s) => s.split !== 'all' && s.accuracy < CATEGORY_TARGET);
  return below.length > 0 || mailBelow.length > 0 ? 1 : 0;
}

function mailReport(splits: SplitScore[], batches: SplitScore[], results: Awaited<ReturnType<typeof classifyLabelledMail>>): string[] {
  const out = [`Mail categories: ${splits[2]!.messages} labelled messages (test/fixtures/labelled-mail); the held-out quarter is never used for tuning`];
  for (const s of splits) {
    const flag = s.split !== 'all' && s.accuracy < CATEGORY_TARGET ? '  BELOW TARGET' : '';
    out.push(`  ${s.split.padEnd(8)} ${`${s.correct}/${s.messages}`.padStart(8)} ${pct(s.accuracy).padStart(7)}  (target ≥${CATEGORY_TARGET * 100}%)${flag}` +
      `  confidential quarantined ${s.quarantined.caught}/${s.quarantined.expected}, false alarms ${s.quarantined.falseAlarms}, needs_review ${s.needsReview}`);
  }
  out.push(`  by batch: ${batches.map((s) => `${s.split} ${s.correct}/${s.messages} (${pct(s.accuracy)})`).join('; ')}`);
  const short = (c: string) => c.replace('meeting_', 'm_').replace('official_document', 'official').replace('draft_for_comment', 'draft').replace('directive_info', 'directive').slice(0, 10);
  out.push('', `  Confusion matrix (all messages; rows: label, columns: vanthu)`);
  out.push(`  ${''.padEnd(12)}${CATEGORIES.map((c) => short(c).padStart(11)).join('')}`);
  for (const expected of CATEGORIES) {
    out.push(`  ${short(expected).padEnd(12)}${CATEGORIES.map((c) => String(splits[2]!.confusion[expected]![c] || '.').padStart(11)).join('')}`);
  }
  if (verbose) {
    // Only the tuning part is listed: looking at held-out mistakes would be tuning on them.
    out.push('', '  Misclassified (tuning part only):');
    for (const { label, registration } of results) {
      if (label.category === registration.category || label.split !== 'tune') continue;
      const why = registration.evidence.slice(0, 4).map((e) => `${e.category}+${e.weight} ${e.source}: ${e.detail}`).join('; ');
      out.push(`    ${label.id} [${label.split}] ${label.category} -> ${registration.category} (${registration.confidence}) ${why}`);
    }
  }
  return out;
}

const pct = (rate: number) => `${(rate * 100).toFixed(1)}%`;

main().then((code) => (process.exitCode = code), (err: unknown) => {
  process.stderr.write(`eval failed: ${(err as Error).stack ?? String(err)}\n`);
  process.exitCode = 2;
});
