// `vanthu rules check FILE` and `vanthu rules test FILE MESSAGE.eml...`: what admins run before saving rules.
import type { Config } from '../config/load.js';
import { registerYearOf } from '../domain/register-year.js';
import { evaluateRules, type Evaluation, type ConditionTrace } from '../domain/rules/evaluate.js';
import type { RoutingRule } from '../domain/rules/types.js';
import { registrationFor } from '../domain/registration.js';
import { readInputFile } from '../input-file.js';
import { DEFAULT_ATTACHMENT_LIMITS } from '../mail/attachments/limits.js';
import { readMessage } from '../mail/read-message.js';
import { ruleInputOf } from '../rules/input.js';
import { workCalendarOf } from '../rules/working-time.js';

export interface RuleTestResult extends Evaluation {
  file: string;
  category: string;
  subject: string;
}

export async function testRules(rules: RoutingRule[], file: string, config: Pick<Config, 'classification' | 'workingTime'>, now = new Date()): Promise<RuleTestResult> {
  const raw = readInputFile(file);
  const { content } = await readMessage(raw, DEFAULT_ATTACHMENT_LIMITS);
  const arrivedAt = content.parsed.date ? new Date(content.parsed.date) : now;
  const calendar = workCalendarOf(config.workingTime, arrivedAt);
  const registration = registrationFor(content, { reviewThreshold: config.classification.reviewThreshold, referenceYear: registerYearOf(arrivedAt) });
  const input = ruleInputOf(content.parsed, registration, { mailbox: 'test', folder: null }, arrivedAt, calendar);
  return { file, category: registration.category, subject: content.parsed.subject, ...evaluateRules(rules, input, calendar) };
}

export function formatRuleTest(result: RuleTestResult): string {
  const lines = [`${result.file}: ${result.subject} [${result.category}]`];
  for (const rule of result.rules) {
    const mark = rule.outcome === 'matched' ? '✔' : rule.outcome === 'skipped' ? '–' : '✘';
    lines.push(`  ${mark} ${rule.rule}${rule.reason ? ` (${rule.reason})` : ''}`);
    if (rule.trace) lines.push(...traceLines(rule.trace, '      '));
  }
  lines.push(result.actions.length ? '  Hành động / actions:' : '  Không có hành động / no actions');
  for (const a of result.actions) lines.push(`    ${JSON.stringify(a.action)}${a.dueDate ? ` → ${a.dueAt ?? a.dueDate}` : ''}  (${a.rule})`);
  return lines.join('\n');
}

function traceLines(trace: ConditionTrace, indent: string): string[] {
  return [`${indent}${trace.matched ? '✔' : '✘'} ${trace.condition}`, ...(trace.children ?? []).flatMap((c) => traceLines(c, `${indent}  `))];
}
