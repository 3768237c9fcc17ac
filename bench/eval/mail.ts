// Category accuracy over the labelled e-mail set (test/fixtures/labelled-mail): the product's own reading of each
// .eml (parse, attachment text, extraction, classification), messages in date order so a reply sees its parent.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { configSchema } from '../../mail-worker/config/schema.js';
import { CorrectionMemory, tokensOf } from '../../mail-worker/domain/classify/memory.js';
import { WordModel, type WordModelData } from '../../mail-worker/domain/classify/word-model.js';
import { registerYearOf } from '../../mail-worker/domain/register-year.js';
import { registrationFor } from '../../mail-worker/domain/registration.js';
import { CATEGORIES, type Category, type Registration } from '../../mail-worker/domain/types.js';
import { DEFAULT_ATTACHMENT_LIMITS } from '../../mail-worker/mail/attachments/limits.js';
import { readMessage } from '../../mail-worker/mail/read-message.js';

export interface MailLabel {
  id: string;
  category: Category;
  confidentiality: string | null;
  split: 'tune' | 'holdout';
  /** Sources written together; each batch has its own held-out quarter (scripts/build-labelled-mail.ts). */
  batch: number;
  file: string;
}

interface MailResult {
  label: MailLabel;
  registration: Registration;
}

export interface SplitScore {
  split: string;
  messages: number;
  correct: number;
  accuracy: number;
  /** confusion[expected][got] */
  confusion: Record<string, Record<string, number>>;
  /** Confidential messages quarantined, and ordinary ones wrongly quarantined. */
  quarantined: { expected: number; caught: number; falseAlarms: number };
  needsReview: number;
}


/** The threshold an agency starts with (vanthu.yaml's classification.reviewThreshold default). */
const REVIEW_THRESHOLD = configSchema.parse({}).classification.reviewThreshold;

/** Tokens seen in fewer messages than this are left out of the seed: one message's words say nothing general. */
const SEED_MIN_DOCUMENTS = 2;

function readLabels(dir: string): MailLabel[] {
  return readFileSync(path.join(dir, 'labels.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as MailLabel);
}

/** The word model's seed: counts over the tuning part only (scripts/build-word-model.ts writes it). */
export async function wordModelOfTuningPart(dir: string): Promise<WordModelData> {
  const tuning = readLabels(dir).filter((label) => label.split === 'tune');
  const model = new WordModel();
  for (const label of tuning) {
    const { parsed, attachments } = (await readMessage(readFileSync(path.join(dir, label.file)), DEFAULT_ATTACHMENT_LIMITS)).content;
    model.add(tokensOf({
      subject: parsed.subject, body: parsed.text, fromAddress: parsed.from[0]?.address ?? null,
      attachments: attachments.map((a) => ({ filename: a.info.filename })),
    }), label.category);
  }
  return model.toData(tuning.map((label) => label.id), SEED_MIN_DOCUMENTS);
}

/** `memory`: what the classifier starts from; by default the product's own (the shipped seed, no corrections). */
export async function classifyLabelledMail(dir: string, memory?: CorrectionMemory): Promise<MailResult[]> {
  const labels = readLabels(dir);
  const read = await Promise.all(labels.map(async (label) => ({ label, message: await readMessage(readFileSync(path.join(dir, label.file)), DEFAULT_ATTACHMENT_LIMITS) })));
  read.sort((a, b) => (a.message.content.parsed.date ?? '').localeCompare(b.message.content.parsed.date ?? ''));
  const byMessageId = new Map<string, Category>();
  const results: MailResult[] = [];
  for (const { label, message } of read) {
    const { parsed } = message.content;
    const arrival = parsed.date ? new Date(parsed.date) : new Date();
    const registration = registrationFor(message.content, {
      reviewThreshold: REVIEW_THRESHOLD, referenceYear: registerYearOf(arrival), memory,
      parentCategory: parsed.inReplyTo ? byMessageId.get(parsed.inReplyTo) ?? null : null,
    });
    if (parsed.messageId) byMessageId.set(parsed.messageId, registration.category);
    results.push({ label, registration });
  }
  return results;
}

/** `split`: tune, holdout or all; `batch`: only that batch's messages. */
export function score(results: MailResult[], split: string, batch: number | null = null): SplitScore {
  const chosen = results.filter((r) => (split === 'all' || r.label.split === split) && (batch === null || r.label.batch === batch));
  const confusion: SplitScore['confusion'] = {};
  for (const expected of CATEGORIES) confusion[expected] = Object.fromEntries(CATEGORIES.map((c) => [c, 0]));
  let correct = 0;
  const quarantined = { expected: 0, caught: 0, falseAlarms: 0 };
  let needsReview = 0;
  for (const { label, registration } of chosen) {
    confusion[label.category]![registration.category]!++;
    if (label.category === registration.category) correct++;
    const isQuarantined = registration.status === 'quarantined';
    if (label.confidentiality) {
      quarantined.expected++;
      if (isQuarantined) quarantined.caught++;
    } else if (isQuarantined) quarantined.falseAlarms++;
    if (registration.status === 'needs_review') needsReview++;
  }
  return { split: batch === null ? split : `${split}, batch ${batch}`, messages: chosen.length, correct, accuracy: chosen.length ? correct / chosen.length : 0, confusion, quarantined, needsReview };
}
