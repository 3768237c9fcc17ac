// Reading a routing-rule file (YAML, or JSON which is YAML too): the rules, or E_RULE_INVALID naming every problem
// with its line and field. Nothing half-read is ever returned.
import { VanthuError } from '../errors.js';
import { readInputFile } from '../input-file.js';
import type { RoutingRule } from '../domain/rules/types.js';
import { describeIssues, parseYamlWithLines, YamlSyntaxError } from '../config/yaml-source.js';
import { ruleFileSchema, toRoutingRules } from './schema.js';
import { TEXT_OPS } from '../domain/rules/types.js';

export function parseRuleFile(text: string, source: string): RoutingRule[] {
  let parsed: ReturnType<typeof parseYamlWithLines>;
  try {
    parsed = parseYamlWithLines(text);
  } catch (err) {
    if (!(err instanceof YamlSyntaxError)) throw err;
    throw new VanthuError('E_RULE_INVALID', `${source}${err.line ? `:${err.line}` : ''}: ${err.message}`);
  }
  const result = ruleFileSchema.safeParse(parsed.data ?? {});
  if (!result.success) {
    const lines = describeIssues(result.error, source, parsed.locate, unknownKeyHint);
    throw new VanthuError('E_RULE_INVALID', `Invalid rule file:\n  ${lines.join('\n  ')}`);
  }
  const names = new Set<string>();
  for (const [i, rule] of result.data.rules.entries()) {
    if (names.has(rule.name)) {
      const line = parsed.locate(['rules', i, 'name']);
      throw new VanthuError('E_RULE_INVALID', `Invalid rule file:\n  ${source}${line ? `:${line}` : ''}: rules[${i}].name: "${rule.name}" is used twice; names must be unique`);
    }
    names.add(rule.name);
  }
  return toRoutingRules(result.data);
}

function unknownKeyHint(path: ReadonlyArray<PropertyKey>): string {
  if (path.length === 2) return 'a rule takes name, enabled, mailboxes, when and then';
  if (path.includes('then')) return 'see the action list in the README (assign, due, notify, acknowledge, forward, imap, file, status, stop)';
  if (path.includes('when')) return `a field condition takes one operator: ${TEXT_OPS.join(', ')}`;
  return 'a rule file is { rules: [...] }';
}

export function loadRuleFile(file: string): RoutingRule[] {
  return parseRuleFile(readInputFile(file).toString('utf8'), file);
}
