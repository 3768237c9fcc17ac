// Routing rules in use: the version in force (from the register), saving and rolling back versions, routing a new
// message, and dry runs of saved or unsaved rules against recent entries or a message.
import type { TrustStore } from '../signatures/trust.js';
import type { Config } from '../config/load.js';
import { evaluateRules, type Evaluation, type PlannedAction } from '../domain/rules/evaluate.js';
import type { RoutingRule, RuleInput } from '../domain/rules/types.js';
import type { MessageLocation, ParsedMessage, Registration } from '../domain/types.js';
import type { RegisterQueries } from '../register/queries.js';
import type { RuleStore, RuleVersion } from '../register/rule-store.js';
import { dryRunMessage } from './dry-run.js';
import { ruleInputOf } from './input.js';
import { parseRuleFile } from './load.js';
import { workCalendarOf } from './working-time.js';

export interface DryRunResult extends Evaluation {
  entryId: number | null;
  incomingNumber: number | null;
  subject: string;
  category: string;
}

export class RulesService {
  #inForce: RoutingRule[];

  constructor(
    private readonly store: RuleStore,
    private readonly queries: RegisterQueries,
    private readonly config: Pick<Config, 'workingTime' | 'classification'>,
    private readonly now: () => Date,
    /** The trust store the pipeline checks signatures with (CRLs fetched from URLs included). */
    private readonly trust: () => TrustStore,
  ) {
    this.#inForce = store.current()?.rules ?? [];
  }

  /** At start: a rule file named in vanthu.yaml that differs from the version in force becomes the new version. */
  adoptFile(file: string, text: string): void {
    const rules = parseRuleFile(text, file);
    if (this.store.current()?.source === text) return;
    this.#inForce = this.store.save(rules, text, 'file', this.now(), `from ${file}`).rules;
  }

  current(): RuleVersion | null {
    return this.store.current();
  }

  versions(): ReturnType<RuleStore['versions']> {
    return this.store.versions();
  }

  /** Check and save a rule file (YAML or JSON) as the version in force; throws E_RULE_INVALID, saving nothing. */
  save(source: string, by: string, comment: string | null): RuleVersion {
    const saved = this.store.save(parseRuleFile(source, 'rules'), source, by, this.now(), comment);
    this.#inForce = saved.rules;
    return saved;
  }

  rollback(version: number, by: string): RuleVersion | null {
    const saved = this.store.rollback(version, by, this.now());
    if (saved) this.#inForce = saved.rules;
    return saved;
  }

  /** What the rules in force decide for a message being registered. */
  route(parsed: ParsedMessage, registration: Registration, location: MessageLocation, arrivedAt: Date): PlannedAction[] {
    if (this.#inForce.length === 0) return [];
    const calendar = workCalendarOf(this.config.workingTime, arrivedAt);
    const input = ruleInputOf(parsed, registration, { mailbox: location.mailboxId, folder: location.folder }, arrivedAt, calendar);
    return evaluateRules(this.#inForce, input, calendar).actions;
  }

  /** Run rules (unsaved `source`, or those in force) against the latest entries, or against one raw message. */
  async dryRun(options: { source?: string | undefined; limit?: number | undefined; eml?: Buffer | undefined }): Promise<DryRunResult[]> {
    const rules = options.source !== undefined ? parseRuleFile(options.source, 'rules') : this.#inForce;
    if (options.eml) return [{ entryId: null, incomingNumber: null, ...(await dryRunMessage(rules, options.eml, this.config, this.now(), this.trust())) }];
    const { items } = this.queries.list({ limit: options.limit ?? 20, offset: 0 });
    return items.map((entry) => {
      const arrivedAt = new Date(entry.arrivalDate);
      const calendar = workCalendarOf(this.config.workingTime, arrivedAt);
      const input: RuleInput = {
        from: entry.from.address, to: [], mailbox: entry.mailboxes[0] ?? 'import', folder: null, subject: entry.subject,
        body: this.queries.bodyText(entry.id) ?? '', category: entry.category, typeName: entry.typeName, typeCode: entry.typeCode,
        issuer: entry.issuer, codeNotation: entry.codeNotation, urgency: entry.urgency, confidentiality: entry.confidentiality,
        signature: entry.signature, documentDueDate: entry.dueDate, attachments: entry.attachments.map((a) => ({ filename: a.filename, kind: a.kind ?? 'other' })),
        arrivedAt, arrivedInWorkingHours: calendar.isWorkingTime(arrivedAt),
      };
      return { entryId: entry.id, incomingNumber: entry.incomingNumber, subject: entry.subject, category: entry.category, ...evaluateRules(rules, input, calendar) };
    });
  }
}
