// The routing-rule file admins keep in version control (YAML or JSON), checked field by field before anything is
// saved: unknown fields, unknown actions, bad regular expressions and wrong types are refused with line and field.
import { z } from 'zod';
import { TEXT_FIELDS, TEXT_OPS, type Action, type Condition, type RoutingRule, type TextField, type TextOp } from '../domain/rules/types.js';

const text = z.string({ error: 'expected text' }).min(1, 'expected text');
const texts = z.array(text, { error: 'expected a list of texts' }).min(1, 'expected at least one');
const emails = z.array(z.email({ error: 'expected an e-mail address' }), { error: 'expected a list of e-mail addresses' }).min(1);

/** `subject: { contains: "giấy mời" }`: one field, one operator. */
const fieldCondition = z.strictObject(Object.fromEntries(TEXT_FIELDS.map((field) => [field, z.strictObject(
  Object.fromEntries(TEXT_OPS.map((op) => [op, op === 'exists' ? z.literal(true, { error: 'expected true' }) : op === 'in' ? texts : opValue(op)])) as Record<string, z.ZodType>,
).partial().refine((ops) => Object.keys(ops).length === 1, { message: `expected exactly one of ${TEXT_OPS.join(', ')}` })])) as Record<string, z.ZodType>)
  .partial()
  .refine((c) => Object.keys(c).length === 1, { message: `expected exactly one condition: all, any, not, attachment, workingHours or a field (${TEXT_FIELDS.join(', ')})` });

function opValue(op: string): z.ZodType {
  if (op !== 'matches') return z.union([text, texts], { error: 'expected text or a list of texts' });
  return text.refine((source) => {
    try {
      new RegExp(source, 'iu');
      return true;
    } catch {
      return false;
    }
  }, { message: 'not a valid regular expression' });
}

const conditionSchema: z.ZodType<unknown> = z.lazy(() => z.union([
  z.strictObject({ all: z.array(conditionSchema).min(1) }),
  z.strictObject({ any: z.array(conditionSchema).min(1) }),
  z.strictObject({ not: conditionSchema }),
  z.strictObject({ attachment: z.strictObject({ present: z.boolean().optional(), kind: text.optional(), name: text.optional() }) }),
  z.strictObject({ workingHours: z.boolean({ error: 'expected true or false' }) }),
  fieldCondition,
], { error: 'expected a condition: all, any, not, attachment, workingHours or a field such as subject: { contains: ... }' }));

const ACTION_NAMES = ['assign', 'due', 'notify', 'acknowledge', 'forward', 'imap', 'file', 'status', 'stop'] as const;

const actionSchema = z.union([
  z.strictObject({ assign: z.strictObject({ unit: text, lead: text.optional(), support: texts.optional() }) }),
  z.strictObject({ due: z.strictObject({ workingHours: z.number().positive().optional(), workingDays: z.number().int().positive().optional(), fromText: z.boolean().optional() })
    .refine((d) => d.workingHours !== undefined || d.workingDays !== undefined || d.fromText, { message: 'expected workingHours, workingDays or fromText' }) }),
  z.strictObject({ notify: z.strictObject({ to: emails, template: text.optional() }) }),
  z.strictObject({ acknowledge: z.literal(true, { error: 'expected true' }) }),
  z.strictObject({ forward: z.strictObject({ to: emails }) }),
  z.strictObject({ imap: z.strictObject({ move: text.optional(), copy: text.optional(), flag: text.optional(), keyword: text.optional() }) }),
  z.strictObject({ file: z.strictObject({ dossier: text }) }),
  z.strictObject({ status: z.enum(['registered', 'needs_review', 'assigned', 'processing'], { error: 'expected registered, needs_review, assigned or processing' }) }),
  z.strictObject({ stop: z.literal(true, { error: 'expected true' }) }),
], { error: `expected one action: ${ACTION_NAMES.join(', ')}` });

export const ruleFileSchema = z.strictObject({
  rules: z.array(z.strictObject({
    name: text,
    enabled: z.boolean({ error: 'expected true or false' }).default(true),
    mailboxes: z.array(text).optional(),
    when: conditionSchema,
    then: z.array(actionSchema, { error: 'expected a list of actions' }).min(1, 'expected at least one action'),
  }), { error: 'expected a list of rules' }),
});

/** The checked file in the domain's terms: `subject: { contains: x }` becomes { field, op, value }. */
export function toRoutingRules(file: z.output<typeof ruleFileSchema>): RoutingRule[] {
  return file.rules.map((rule) => ({
    name: rule.name, enabled: rule.enabled, ...(rule.mailboxes ? { mailboxes: rule.mailboxes } : {}),
    when: toCondition(rule.when), then: rule.then as Action[],
  }));
}

function toCondition(raw: unknown): Condition {
  const c = raw as Record<string, unknown>;
  if ('all' in c) return { all: (c.all as unknown[]).map(toCondition) };
  if ('any' in c) return { any: (c.any as unknown[]).map(toCondition) };
  if ('not' in c) return { not: toCondition(c.not) };
  if ('attachment' in c) return { attachment: c.attachment as { present?: boolean; kind?: string; name?: string } };
  if ('workingHours' in c) return { workingHours: c.workingHours as boolean };
  const [field, ops] = Object.entries(c)[0]! as [TextField, Record<string, string | string[] | true>];
  const [op, value] = Object.entries(ops)[0]! as [TextOp, string | string[] | true];
  return value === true ? { field, op } : { field, op, value };
}

/** The other way: rules in force as the file admins edit ({ subject: { contains: x } } again). */
export function toRuleFile(rules: readonly RoutingRule[]): { rules: Array<Record<string, unknown>> } {
  return {
    rules: rules.map((rule) => ({
      name: rule.name, enabled: rule.enabled, ...(rule.mailboxes?.length ? { mailboxes: rule.mailboxes } : {}),
      when: fromCondition(rule.when), then: rule.then,
    })),
  };
}

function fromCondition(condition: Condition): unknown {
  if ('all' in condition) return { all: condition.all.map(fromCondition) };
  if ('any' in condition) return { any: condition.any.map(fromCondition) };
  if ('not' in condition) return { not: fromCondition(condition.not) };
  if ('attachment' in condition || 'workingHours' in condition) return condition;
  return { [condition.field]: { [condition.op]: condition.op === 'exists' ? true : condition.value } };
}
