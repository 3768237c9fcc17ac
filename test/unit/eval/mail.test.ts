// The labelled mail set (npm run eval) as a regression guard: the tuning part keeps its target, and no Mật message
// slips through or is invented. The held-out quarter's figure is reported by `npm run eval`, not asserted here.
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { classifyLabelledMail, score } from '../../../bench/eval/mail.js';
import { PROJECT_ROOT } from '../../../mail-worker/paths.js';

describe('classifier on the labelled mail set (npm run eval)', () => {
  it('classifies the tuning part at 95% or better and quarantines exactly the confidential messages', async () => {
    const results = await classifyLabelledMail(path.join(PROJECT_ROOT, 'test/fixtures/labelled-mail'));
    const tune = score(results, 'tune');
    expect(tune.messages).toBeGreaterThan(300);
    expect(tune.accuracy).toBeGreaterThanOrEqual(0.95);
    const all = score(results, 'all');
    expect(all.quarantined.caught).toBe(all.quarantined.expected);
    expect(all.quarantined.expected).toBeGreaterThan(0);
    expect(all.quarantined.falseAlarms).toBe(0);
  });
});
