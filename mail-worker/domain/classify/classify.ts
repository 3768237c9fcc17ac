// Decides a message's category from all its evidence, with a confidence clerks can trust: softmax over the summed
// weights per category. "other" starts with a little weight, so a message with no signal at all is "other".
import { CATEGORIES, type Category } from '../types.js';
import type { Classification, Evidence, MessageForClassification } from './input.js';
import { CorrectionMemory, tokensOf } from './memory.js';
import { signalsOf } from './signals.js';
import { WORD_MODEL_SOURCE } from './word-model.js';

const OTHER_PRIOR = 1;
/** Evidence kept with an entry: the strongest reasons, enough to explain the decision. */
const EVIDENCE_SHOWN = 8;

export function classifyMessage(message: MessageForClassification, memory: CorrectionMemory = DEFAULT_MEMORY): Classification {
  const evidence = [...signalsOf(message), ...memory.evidence(tokensOf(message), message.fromAddress)];
  const scores = scoresOf(evidence);
  let category: Category = 'other';
  for (const [c, score] of scores) if (score > scores.get(category)!) category = c;
  // The word model helps decide but does not make vanthu surer: how sure it is comes from the rules of the format and
  // the clerks' own corrections, so a message only the word model could place still goes to a clerk.
  const confidence = shareOf(category, scoresOf(evidence.filter((e) => e.source !== WORD_MODEL_SOURCE)));
  const shown = [...evidence].sort((a, b) => b.weight - a.weight).slice(0, EVIDENCE_SHOWN);
  return { category, confidence: Math.round(confidence * 1000) / 1000, evidence: shown };
}

function scoresOf(evidence: readonly Evidence[]): Map<Category, number> {
  const scores = new Map<Category, number>(CATEGORIES.map((c) => [c, c === 'other' ? OTHER_PRIOR : 0]));
  for (const e of evidence) scores.set(e.category, scores.get(e.category)! + e.weight);
  return scores;
}

/** Softmax share of one category among the summed weights. */
function shareOf(category: Category, scores: Map<Category, number>): number {
  const mine = scores.get(category)!;
  let sum = 0;
  for (const score of scores.values()) sum += Math.exp(score - mine);
  return 1 / sum;
}

/** The word model's seed and no corrections: what a message is read with when no register is at hand. */
const DEFAULT_MEMORY = new CorrectionMemory();
