// The word model: counts that learn, a belief that follows the words, and a seed that is exactly what the tuning part
// of the labelled mail gives (never the held-out quarter).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { wordModelOfTuningPart } from '../../../../bench/eval/mail.js';
import { classifyMessage } from '../../../../mail-worker/domain/classify/classify.js';
import { CorrectionMemory } from '../../../../mail-worker/domain/classify/memory.js';
import { WordModel } from '../../../../mail-worker/domain/classify/word-model.js';
import { CATEGORIES } from '../../../../mail-worker/domain/types.js';
import { WORD_MODEL_SEED } from '../../../../mail-worker/domain/classify/word-model-seed.js';
import { PROJECT_ROOT } from '../../../../mail-worker/paths.js';

const LABELLED = path.join(PROJECT_ROOT, 'test/fixtures/labelled-mail');

function trained(): WordModel {
  const model = new WordModel();
  for (let i = 0; i < 5; i++) {
    model.add(['lich', 'cong', 'tac', 'lich cong', 'cong tac', 'tuan'], 'schedule');
    model.add(['bieu', 'so', 'lieu', 'so lieu', 'thang'], 'statistics');
  }
  return model;
}

describe('word model', () => {
  it('believes the category whose words a message uses, and says nothing before it has seen anything', () => {
    expect(new WordModel().posterior(['lich'])).toBeNull();
    const shares = trained().posterior(['lich cong', 'cong tac', 'tuan'])!;
    const [best] = [...shares].sort((a, b) => b[1] - a[1])[0]!;
    expect(best).toBe('schedule');
    expect(shares.get('schedule')!).toBeGreaterThan(2 * shares.get('statistics')!);
    const sum = [...shares.values()].reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 6);
  });

  it('forgets a message learned before, and ignores the sender domain', () => {
    const model = trained();
    const before = model.toData([]);
    model.add(['lich', '@dongnai.gov.vn'], 'report');
    expect(model.toData([]).tokens['@dongnai.gov.vn']).toBeUndefined();
    model.add(['lich', '@dongnai.gov.vn'], 'report', -1);
    expect(model.toData([])).toEqual(before);
  });

  it('a clerk correcting the same entry twice counts only the latest category', () => {
    const model = new WordModel();
    const memory = new CorrectionMemory([], model);
    memory.add({ entryId: 7, category: 'report', sender: null, tokens: ['thu', 'moi'] });
    memory.add({ entryId: 7, category: 'other', sender: null, tokens: ['thu', 'moi'] });
    const data = model.toData([]);
    expect(data.documents.report).toBe(0);
    expect(data.documents.other).toBe(1);
    expect(data.tokens.thu).toEqual(CATEGORIES.map((c) => (c === 'other' ? 1 : 0)));
  });

  it('helps decide, but a message only the model can place is not marked sure', () => {
    const message = {
      subject: 'lich cong tac tuan', body: '', fromAddress: 'vp@example.gov.vn', attachments: [], calendarMethod: null,
      isReply: false, parentCategory: null, bodyDocument: null,
    };
    // "lich cong tac" is also a rule of the format; a subject made only of the model's words shows the model alone.
    const alone = { ...message, subject: 'tuan nay' };
    const model = trained();
    for (let i = 0; i < 5; i++) model.add(['tuan', 'nay', 'tuan nay'], 'schedule');
    const withModel = classifyMessage(alone, new CorrectionMemory([], model));
    expect(withModel.category).toBe('schedule');
    expect(withModel.confidence).toBeLessThan(0.1);
    expect(classifyMessage(alone, new CorrectionMemory([], new WordModel())).category).toBe('other');
    expect(classifyMessage(message, new CorrectionMemory([], trained())).confidence).toBeGreaterThan(0.8);
  });

  it('the shipped seed is what the tuning part gives, and counts no held-out message', async () => {
    const labels = readFileSync(path.join(LABELLED, 'labels.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string; split: string });
    const heldOut = new Set(labels.filter((l) => l.split === 'holdout').map((l) => l.id));
    expect(heldOut.size).toBeGreaterThan(100);
    expect(WORD_MODEL_SEED.trainedOn.filter((id) => heldOut.has(id))).toEqual([]);
    expect(WORD_MODEL_SEED.trainedOn.length).toBe(labels.length - heldOut.size);
    const rebuilt = await wordModelOfTuningPart(LABELLED);
    expect(rebuilt).toEqual(JSON.parse(JSON.stringify(WORD_MODEL_SEED)));
  });
});
