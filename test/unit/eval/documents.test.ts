import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { evaluateDocuments } from '../../../bench/eval/documents.js';
import { PROJECT_ROOT } from '../../../mail-worker/paths.js';

describe('document extractor on the labelled real documents (npm run eval)', () => {
  const { rates } = evaluateDocuments(path.join(PROJECT_ROOT, 'test/fixtures/vn-docs'));

  it.each(rates.filter((r) => r.target !== null).map((r) => [r.field, r] as const))('%s meets its target', (_field, rate) => {
    expect(rate.rate, rate.misses.map((m) => `${m.id}: ${JSON.stringify(m.got)} != ${JSON.stringify(m.expected)}`).join('\n')).toBeGreaterThanOrEqual(rate.target!);
  });
});
