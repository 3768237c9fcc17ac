// Routing rules kept in the register, versioned: every save is a new version with who, when and why; the newest is
// in force; a rollback saves an older version again (history is never rewritten).
import type { RoutingRule } from '../domain/rules/types.js';
import type { Db } from './db.js';

export interface RuleVersion {
  version: number;
  rules: RoutingRule[];
  source: string;
  changedBy: string;
  changedAt: string;
  comment: string | null;
}

interface Row { version: number; rules: string; source: string; changed_by: string; changed_at: string; comment: string | null }

export class RuleStore {
  constructor(private readonly db: Db) {}

  current(): RuleVersion | null {
    const row = this.db.prepare('SELECT * FROM rule_versions ORDER BY version DESC LIMIT 1').get() as Row | undefined;
    return row ? toVersion(row) : null;
  }

  get(version: number): RuleVersion | null {
    const row = this.db.prepare('SELECT * FROM rule_versions WHERE version = ?').get(version) as Row | undefined;
    return row ? toVersion(row) : null;
  }

  /** Newest first, without the rules themselves. */
  versions(): Array<Omit<RuleVersion, 'rules' | 'source'> & { count: number }> {
    const rows = this.db.prepare('SELECT version, changed_by, changed_at, comment, json_array_length(rules) AS count FROM rule_versions ORDER BY version DESC')
      .all() as Array<Omit<Row, 'rules' | 'source'> & { count: number }>;
    return rows.map((r) => ({ version: r.version, changedBy: r.changed_by, changedAt: r.changed_at, comment: r.comment, count: r.count }));
  }

  /** Save checked rules as the new version in force; returns it. */
  save(rules: RoutingRule[], source: string, by: string, now: Date, comment: string | null = null): RuleVersion {
    const version = Number(this.db.prepare('INSERT INTO rule_versions (rules, source, changed_by, changed_at, comment) VALUES (?, ?, ?, ?, ?)')
      .run(JSON.stringify(rules), source, by, now.toISOString(), comment).lastInsertRowid);
    return this.get(version)!;
  }

  rollback(version: number, by: string, now: Date): RuleVersion | null {
    const old = this.get(version);
    return old ? this.save(old.rules, old.source, by, now, `rollback to version ${version}`) : null;
  }
}

function toVersion(row: Row): RuleVersion {
  return {
    version: row.version, rules: JSON.parse(row.rules) as RoutingRule[], source: row.source, changedBy: row.changed_by,
    changedAt: row.changed_at, comment: row.comment,
  };
}
