// `npm run eval`: how well vanthu reads documents (field accuracy) and classifies mail (category accuracy).
import path from 'node:path';
import { PROJECT_ROOT } from '../mail-worker/paths.js';
import { evaluateDocuments } from './eval/documents.js';

const args = process.argv.slice(2);
const verbose = args.includes('--verbose') || args.includes('-v');
const json = args.includes('--json');

function main(): number {
  const docs = evaluateDocuments(path.join(PROJECT_ROOT, 'test/fixtures/vn-docs'));
  if (json) {
    process.stdout.write(`${JSON.stringify({ documents: { count: docs.documents, fields: docs.rates.map(({ misses: _m, ...r }) => r) } })}\n`);
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
    process.stdout.write(`${out.join('\n')}\n`);
  }
  const below = docs.rates.filter((r) => r.target !== null && r.rate < r.target);
  return below.length > 0 ? 1 : 0;
}

const pct = (rate: number) => `${(rate * 100).toFixed(1)}%`;

process.exitCode = main();
