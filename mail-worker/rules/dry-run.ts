// Rules run against one raw message that is not registered: read and classified as the pipeline would, then
// evaluated with a trace. `vanthu rules test` and the rules console's .eml dry run both use it.
import type { Config } from '../config/load.js';
import { registerYearOf } from '../domain/register-year.js';
import { evaluateRules, type Evaluation } from '../domain/rules/evaluate.js';
import type { RoutingRule } from '../domain/rules/types.js';
import { registrationFor } from '../domain/registration.js';
import type { Category } from '../domain/types.js';
import { DEFAULT_ATTACHMENT_LIMITS } from '../mail/attachments/limits.js';
import { readMessage } from '../mail/read-message.js';
import type { TrustStore } from '../signatures/trust.js';
import { ruleInputOf } from './input.js';
import { workCalendarOf } from './working-time.js';

export interface MessageDryRun extends Evaluation {
  subject: string;
  category: Category;
}

/**
 * `now` stands in for the arrival when the message has no Date; `trust`: check its signatures (without it, a rule on
 * `signature` sees none).
 */
export async function dryRunMessage(
  rules: readonly RoutingRule[], raw: Buffer, config: Pick<Config, 'classification' | 'workingTime'>, now: Date, trust: TrustStore | null = null,
): Promise<MessageDryRun> {
  const { content } = await readMessage(raw, DEFAULT_ATTACHMENT_LIMITS, trust);
  const arrivedAt = content.parsed.date ? new Date(content.parsed.date) : now;
  const calendar = workCalendarOf(config.workingTime, arrivedAt);
  const registration = registrationFor(content, { reviewThreshold: config.classification.reviewThreshold, referenceYear: registerYearOf(arrivedAt) });
  const input = ruleInputOf(content.parsed, registration, { mailbox: 'test', folder: null }, arrivedAt, calendar);
  return { subject: content.parsed.subject, category: registration.category, ...evaluateRules(rules, input, calendar) };
}
