// A small statistical model of how each category is written: naive Bayes over the folded words and word pairs of a
// message (memory.ts `tokensOf`, without the sender). It starts from the team's labelled mail (word-model-seed.ts,
// built from the tuning part only) and learns every clerk's correction on top, so retraining is adding counts.
// It adds evidence next to the rules of the format; it never decides on its own.
import { CATEGORIES, type Category } from '../types.js';
import type { Evidence } from './input.js';

/** Counts per category: documents seen, and in how many of them each token occurred. */
export interface WordModelData {
  /** Ids of the labelled messages the counts come from (none of them held out). */
  trainedOn: readonly string[];
  documents: Readonly<Partial<Record<Category, number>>>;
  /** token -> documents per category, in CATEGORIES order. */
  tokens: Readonly<Record<string, readonly number[]>>;
}

/** Weight of a certain posterior: below a clear rule of the format (giấy mời 4.5), above a word in a body. */
const MAX_WEIGHT = 4;
/** Softens the naive independence assumption: word pairs and their words are not independent evidence. */
const TEMPERATURE = 3;
/** Categories the model gives less than this share are left out of the evidence. */
const MIN_SHARE = 0.1;
/** The `source` of the model's evidence. */
export const WORD_MODEL_SOURCE = 'model';

export class WordModel {
  readonly #documents = new Map<Category, number>(CATEGORIES.map((c) => [c, 0]));
  readonly #tokens = new Map<string, number[]>();
  readonly #totals = new Map<Category, number>(CATEGORIES.map((c) => [c, 0]));

  constructor(data?: WordModelData) {
    if (!data) return;
    for (const category of CATEGORIES) this.#documents.set(category, data.documents[category] ?? 0);
    for (const [token, counts] of Object.entries(data.tokens)) {
      this.#tokens.set(token, [...counts]);
      counts.forEach((n, i) => this.#totals.set(CATEGORIES[i]!, this.#totals.get(CATEGORIES[i]!)! + n));
    }
  }

  get documents(): number {
    let sum = 0;
    for (const n of this.#documents.values()) sum += n;
    return sum;
  }

  /** Learn one message (`sign` -1 forgets one learned before, when a clerk corrects the same entry again). */
  add(tokens: readonly string[], category: Category, sign: 1 | -1 = 1): void {
    const index = CATEGORIES.indexOf(category);
    this.#documents.set(category, Math.max(0, this.#documents.get(category)! + sign));
    for (const token of new Set(tokens.filter(isModelToken))) {
      const counts = this.#tokens.get(token) ?? CATEGORIES.map(() => 0);
      counts[index] = Math.max(0, counts[index]! + sign);
      this.#tokens.set(token, counts);
      this.#totals.set(category, Math.max(0, this.#totals.get(category)! + sign));
    }
  }

  /** Share of belief per category (sums to 1), or null before the model has seen anything. */
  posterior(tokens: readonly string[]): Map<Category, number> | null {
    const seen = this.documents;
    if (seen === 0) return null;
    const vocabulary = Math.max(1, this.#tokens.size);
    const known = [...new Set(tokens.filter(isModelToken))].map((t) => this.#tokens.get(t)).filter((c) => c !== undefined);
    const logLikelihood = CATEGORIES.map((category, i) => {
      const total = this.#totals.get(category)! + vocabulary;
      let sum = Math.log((this.#documents.get(category)! + 1) / (seen + CATEGORIES.length));
      for (const counts of known) sum += Math.log((counts[i]! + 1) / total);
      return sum;
    });
    const top = Math.max(...logLikelihood);
    const weights = logLikelihood.map((l) => Math.exp((l - top) / TEMPERATURE));
    const z = weights.reduce((a, b) => a + b, 0);
    return new Map(CATEGORIES.map((category, i) => [category, weights[i]! / z]));
  }

  evidence(tokens: readonly string[]): Evidence[] {
    const shares = this.posterior(tokens);
    if (!shares) return [];
    const out: Evidence[] = [];
    for (const [category, share] of shares) {
      if (share < MIN_SHARE) continue;
      out.push({
        category, weight: Math.round(MAX_WEIGHT * share * 100) / 100, source: WORD_MODEL_SOURCE,
        detail: `mô hình từ ngữ (${Math.round(share * 100)}%)`,
      });
    }
    return out;
  }

  /** The counts, for storing as a seed (tokens seen in fewer than `minDocuments` messages are dropped). */
  toData(trainedOn: readonly string[], minDocuments = 1): WordModelData {
    const tokens: Record<string, number[]> = {};
    for (const token of [...this.#tokens.keys()].sort()) {
      const counts = this.#tokens.get(token)!;
      if (counts.reduce((a, b) => a + b, 0) >= minDocuments) tokens[token] = counts;
    }
    return { trainedOn, documents: Object.fromEntries(this.#documents), tokens };
  }
}

/** The sender's domain (`@...`) is left to the clerks' examples: the seed's senders are fictional agencies. */
function isModelToken(token: string): boolean {
  return !token.startsWith('@');
}
