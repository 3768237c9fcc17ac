// What clerks taught: every correction is kept as an example; a new message close to one (folded word n-grams,
// same sender) leans towards the category the clerk chose. Retraining is adding an example. The examples are also
// counted into the word model (word-model.ts), which starts from the labelled mail's tuning part.
import type { Category } from '../types.js';
import { foldText } from '../text.js';
import type { Evidence, MessageForClassification } from './input.js';
import { WordModel } from './word-model.js';
import { WORD_MODEL_SEED } from './word-model-seed.js';

export interface LearnedExample {
  entryId: number;
  category: Category;
  /** Lower-case sender address, or null. */
  sender: string | null;
  tokens: readonly string[];
}

/** Below this similarity an example says nothing about a new message. */
const MIN_SIMILARITY = 0.35;
/** Weight of a perfect match: above any single signal of the format, so a clerk's correction wins next time. */
const MAX_WEIGHT = 9;

/** What `tokensOf` reads of a message: of its attachments, only their names. */
export type TokenSource = Pick<MessageForClassification, 'subject' | 'body' | 'fromAddress'> & {
  attachments: ReadonlyArray<{ filename: string | null }>;
};

/** Folded words and word pairs of the subject, the body's start and attachment names, plus the sender's domain. */
export function tokensOf(message: TokenSource): string[] {
  const subject = stripReplyPrefix(foldText(message.subject));
  const text = [subject, foldText(message.body.slice(0, 400)), ...message.attachments.map((a) => foldText(a.filename ?? ''))].join(' ');
  const words = text.split(/[^a-z0-9]+/).filter((w) => w.length > 1 && !/^\d+$/.test(w));
  const tokens = new Set<string>(words);
  for (let i = 1; i < words.length; i++) tokens.add(`${words[i - 1]} ${words[i]}`);
  const domain = message.fromAddress?.split('@')[1];
  if (domain) tokens.add(`@${domain.toLowerCase()}`);
  return [...tokens];
}

function stripReplyPrefix(subject: string): string {
  return subject.replace(/^((re|fw|fwd|tl|tra loi|chuyen tiep)\s*:\s*)+/, '');
}

export class CorrectionMemory {
  readonly #examples: LearnedExample[] = [];
  readonly #model: WordModel;

  /** `model`: where the word model starts; by default the seed built from the labelled mail. */
  constructor(examples: readonly LearnedExample[] = [], model: WordModel = new WordModel(WORD_MODEL_SEED)) {
    this.#model = model;
    for (const example of examples) this.add(example);
  }

  get size(): number {
    return this.#examples.length;
  }

  /** A later correction of the same entry replaces the earlier one. */
  add(example: LearnedExample): void {
    const index = this.#examples.findIndex((e) => e.entryId === example.entryId);
    if (index >= 0) {
      const [earlier] = this.#examples.splice(index, 1);
      this.#model.add(earlier!.tokens, earlier!.category, -1);
    }
    this.#examples.push(example);
    this.#model.add(example.tokens, example.category);
  }

  /** The word model's belief, and the closest example of each category, as evidence. */
  evidence(tokens: readonly string[], sender: string | null): Evidence[] {
    return [...this.#model.evidence(tokens), ...this.#closest(tokens, sender)];
  }

  #closest(tokens: readonly string[], sender: string | null): Evidence[] {
    if (this.#examples.length === 0) return [];
    const mine = new Set(tokens);
    const best = new Map<Category, { similarity: number; entryId: number }>();
    for (const example of this.#examples) {
      let shared = 0;
      for (const token of example.tokens) if (mine.has(token)) shared++;
      let similarity = shared / Math.sqrt(Math.max(1, mine.size) * Math.max(1, example.tokens.length));
      if (sender && example.sender === sender.toLowerCase()) similarity = Math.min(1, similarity + 0.15);
      const current = best.get(example.category);
      if (!current || similarity > current.similarity) best.set(example.category, { similarity, entryId: example.entryId });
    }
    const out: Evidence[] = [];
    for (const [category, { similarity, entryId }] of best) {
      if (similarity < MIN_SIMILARITY) continue;
      out.push({
        category, weight: Math.round(MAX_WEIGHT * similarity * 100) / 100, source: 'learned',
        detail: `giống thư #${entryId} văn thư đã phân loại (độ giống ${similarity.toFixed(2)})`,
      });
    }
    return out;
  }
}
