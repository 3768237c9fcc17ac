// The rules engine: rules and a message in, the actions to carry out and a trace of why out. It decides only; the
// dispatcher acts (each action goes to the outbox in the registration's transaction).
import { foldText } from '../text.js';
import { vietnamDateOf, vietnamIsoSecondsOf } from '../register-year.js';
import type { WorkCalendar } from '../calendar/work-calendar.js';
import type { Action, Condition, RoutingRule, RuleInput, TextField, TextOp } from './types.js';

export interface ConditionTrace {
  condition: string;
  matched: boolean;
  children?: ConditionTrace[];
}

export interface RuleTrace {
  rule: string;
  /** skipped: disabled, out of scope, or after a stop. */
  outcome: 'matched' | 'not_matched' | 'skipped';
  reason?: string;
  trace?: ConditionTrace;
}

/** An action with its rule, and for a due date what it works out to. */
export interface PlannedAction {
  rule: string;
  action: Action;
  /** The due date (YYYY-MM-DD, Vietnam time). */
  dueDate?: string;
  /** For a deadline in working hours, the instant (ISO 8601 with +07:00). */
  dueAt?: string;
}

export interface Evaluation {
  actions: PlannedAction[];
  rules: RuleTrace[];
}

export function evaluateRules(rules: readonly RoutingRule[], input: RuleInput, calendar: WorkCalendar): Evaluation {
  const fields = new FieldCache(input);
  const actions: PlannedAction[] = [];
  const traces: RuleTrace[] = [];
  let stopped: string | null = null;
  for (const rule of rules) {
    if (stopped) {
      traces.push({ rule: rule.name, outcome: 'skipped', reason: `stopped by "${stopped}"` });
      continue;
    }
    if (!rule.enabled) {
      traces.push({ rule: rule.name, outcome: 'skipped', reason: 'disabled' });
      continue;
    }
    if (rule.mailboxes?.length && !rule.mailboxes.includes(input.mailbox)) {
      traces.push({ rule: rule.name, outcome: 'skipped', reason: `not for mailbox ${input.mailbox}` });
      continue;
    }
    const trace = check(rule.when, fields);
    traces.push({ rule: rule.name, outcome: trace.matched ? 'matched' : 'not_matched', trace });
    if (!trace.matched) continue;
    for (const action of rule.then) {
      if ('stop' in action) {
        stopped = rule.name;
        continue;
      }
      actions.push('due' in action ? { rule: rule.name, action, ...dueOf(action.due, input, calendar) } : { rule: rule.name, action });
    }
  }
  return { actions, rules: traces };
}

/** Field values of one message, and their folded forms, computed once however many rules read them. */
class FieldCache {
  readonly #values = new Map<TextField, Array<{ value: string; folded: string }>>();

  constructor(readonly input: RuleInput) {}

  get(field: TextField): Array<{ value: string; folded: string }> {
    let values = this.#values.get(field);
    if (!values) {
      values = fieldValues(field, this.input).map((value) => ({ value, folded: foldText(value) }));
      this.#values.set(field, values);
    }
    return values;
  }
}

function check(condition: Condition, fields: FieldCache): ConditionTrace {
  const input = fields.input;
  if ('all' in condition) {
    const children = condition.all.map((c) => check(c, fields));
    return { condition: 'all', matched: children.every((c) => c.matched), children };
  }
  if ('any' in condition) {
    const children = condition.any.map((c) => check(c, fields));
    return { condition: 'any', matched: children.some((c) => c.matched), children };
  }
  if ('not' in condition) {
    const child = check(condition.not, fields);
    return { condition: 'not', matched: !child.matched, children: [child] };
  }
  if ('workingHours' in condition) {
    return { condition: `arrived ${condition.workingHours ? 'in' : 'outside'} working hours`, matched: input.arrivedInWorkingHours === condition.workingHours };
  }
  if ('attachment' in condition) {
    const { present, kind, name } = condition.attachment;
    const matching = input.attachments.filter((a) => (!kind || a.kind === kind) && (!name || foldText(a.filename ?? '').includes(foldExpected(name))));
    const matched = present === false ? matching.length === 0 : matching.length > 0;
    return { condition: `attachment ${JSON.stringify(condition.attachment)}`, matched };
  }
  const matched = fields.get(condition.field).some((value) => test(condition.op, value, condition.value));
  return { condition: `${condition.field} ${condition.op}${condition.value === undefined ? '' : ` ${JSON.stringify(condition.value)}`}`, matched };
}

function fieldValues(field: TextField, input: RuleInput): string[] {
  switch (field) {
    case 'from': return input.from ? [input.from] : [];
    case 'fromDomain': return input.from?.includes('@') ? [input.from.split('@')[1]!] : [];
    case 'to': return input.to;
    case 'mailbox': return [input.mailbox];
    case 'folder': return input.folder ? [input.folder] : [];
    case 'text': return [`${input.subject}\n${input.body}`];
    default: {
      const value = input[field];
      return value ? [value] : [];
    }
  }
}

const regexCache = new Map<string, RegExp>();

const foldCache = new Map<string, string>();
/** Folded expected values: the same few hundred strings of a rule set, folded once. */
function foldExpected(value: string): string {
  let folded = foldCache.get(value);
  if (folded === undefined) {
    if (foldCache.size > 10_000) foldCache.clear();
    foldCache.set(value, (folded = foldText(value)));
  }
  return folded;
}

/**
 * Text comparisons ignore case and tone marks (and đ/d); `matches` is a case-insensitive regular expression, on the
 * folded text when the pattern has no tone marks.
 */
function test(op: TextOp, { value, folded }: { value: string; folded: string }, expected: string | string[] | undefined): boolean {
  if (op === 'exists') return value.trim() !== '';
  if (op === 'matches') {
    const source = String(expected ?? '');
    let re = regexCache.get(source);
    if (!re) regexCache.set(source, (re = new RegExp(source, 'iu')));
    // A pattern written without tone marks is matched on the folded text (it matches "Hỏa tốc" and "hoa toc" alike);
    // one written with them is matched on the text as printed.
    return /[^\x00-\x7f]/.test(source) ? re.test(value) : re.test(folded);
  }
  const wanted = (Array.isArray(expected) ? expected : [expected ?? '']).map(foldExpected);
  switch (op) {
    case 'contains': return wanted.some((w) => folded.includes(w));
    case 'equals': return wanted.some((w) => folded === w);
    case 'startsWith': return wanted.some((w) => folded.startsWith(w));
    case 'endsWith': return wanted.some((w) => folded.endsWith(w));
    case 'in': return wanted.includes(folded);
  }
  return false;
}

/** What a due action sets: the document's own deadline first when asked, else working time from arrival. */
function dueOf(due: { workingHours?: number; workingDays?: number; fromText?: boolean }, input: RuleInput, calendar: WorkCalendar): Pick<PlannedAction, 'dueDate' | 'dueAt'> {
  if (due.fromText && input.documentDueDate) return { dueDate: input.documentDueDate };
  if (due.workingHours !== undefined) {
    const at = calendar.addWorkingHours(input.arrivedAt, due.workingHours);
    return { dueDate: vietnamDateOf(at), dueAt: vietnamIsoSecondsOf(at) };
  }
  return { dueDate: calendar.addWorkingDays(input.arrivedAt, due.workingDays ?? 0) };
}
