// Routing rules as admins write them: ordered, named, enabled or not, scoped to mailboxes; conditions combined with
// all / any / not; actions the dispatcher carries out. The shapes here are what the YAML file says, after checks.
import type { Category, EntryStatus } from '../types.js';

export const TEXT_FIELDS = [
  'from', 'fromDomain', 'to', 'mailbox', 'folder', 'subject', 'body', 'text', 'category', 'typeName', 'typeCode',
  'issuer', 'codeNotation', 'urgency', 'confidentiality', 'signature',
] as const;
export type TextField = (typeof TEXT_FIELDS)[number];

export const TEXT_OPS = ['contains', 'equals', 'startsWith', 'endsWith', 'matches', 'in', 'exists'] as const;
export type TextOp = (typeof TEXT_OPS)[number];

export type Condition =
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition }
  | { field: TextField; op: TextOp; value?: string | string[] }
  | { attachment: { present?: boolean; kind?: string; name?: string } }
  | { workingHours: boolean };

export type Action =
  | { assign: { unit: string; lead?: string; support?: string[] } }
  | { due: { workingHours?: number; workingDays?: number; fromText?: boolean } }
  | { notify: { to: string[]; template?: string } }
  | { acknowledge: Record<string, never> | true }
  | { forward: { to: string[] } }
  | { imap: { move?: string; copy?: string; flag?: string; keyword?: string } }
  | { file: { dossier: string } }
  | { status: Extract<EntryStatus, 'registered' | 'needs_review'> | 'assigned' | 'processing' }
  | { stop: true };

export interface RoutingRule {
  name: string;
  enabled: boolean;
  /** Mailbox ids the rule applies to; empty or absent: every mailbox. */
  mailboxes?: string[];
  when: Condition;
  then: Action[];
}

/** What a rule sees of a registered message. */
export interface RuleInput {
  from: string | null;
  to: string[];
  mailbox: string;
  folder: string | null;
  subject: string;
  body: string;
  category: Category;
  typeName: string | null;
  typeCode: string | null;
  issuer: string | null;
  codeNotation: string | null;
  urgency: string | null;
  confidentiality: string | null;
  /** Signature status when known (valid, invalid, untrusted, ...). */
  signature: string | null;
  /** A deadline the document states (YYYY-MM-DD). */
  documentDueDate: string | null;
  attachments: Array<{ filename: string | null; kind: string }>;
  /** When the message arrived, and whether that was inside working hours. */
  arrivedAt: Date;
  arrivedInWorkingHours: boolean;
}
