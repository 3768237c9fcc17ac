// `vanthu rules check FILE` and `vanthu rules test FILE MESSAGE.eml...`: what admins run before saving rules.
import type { Config } from '../config/load.js';
import type { ConditionTrace } from '../domain/rules/evaluate.js';
import type { RoutingRule } from '../domain/rules/types.js';
import { readInputFile } from '../input-file.js';
import { dryRunMessage, type MessageDryRun } from '../rules/dry-run.js';

export interface RuleTestResult extends MessageDryRun {
  file: string;
}

export async function testRules(rules: RoutingRule[], file: string, config: Pick<Config, 'classification' | 'workingTime'>, now = new Date()): Promise<RuleTestResult> {
  return { file, ...(await dryRunMessage(rules, readInputFile(file), config, now)) };
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
