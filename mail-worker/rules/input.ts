// What the rules see of a message read and registered: the domain's RuleInput, built from its parsed content and
// registration.
import type { WorkCalendar } from '../domain/calendar/work-calendar.js';
import type { RuleInput } from '../domain/rules/types.js';
import { messageSignatureSummary } from '../domain/signature.js';
import type { ParsedMessage, Registration } from '../domain/types.js';

export function ruleInputOf(
  parsed: ParsedMessage, registration: Registration, where: { mailbox: string; folder: string | null }, arrivedAt: Date,
  calendar: WorkCalendar,
): RuleInput {
  const doc = registration.document;
  return {
    from: parsed.from[0]?.address ?? null,
    to: [...parsed.to, ...parsed.cc].map((a) => a.address),
    mailbox: where.mailbox,
    folder: where.folder,
    subject: parsed.subject,
    body: parsed.text,
    category: registration.category,
    typeName: doc.typeName,
    typeCode: doc.typeCode,
    issuer: doc.issuer,
    codeNotation: doc.codeNotation,
    urgency: doc.urgency,
    confidentiality: doc.confidentiality,
    signature: messageSignatureSummary(parsed),
    documentDueDate: doc.dueDate,
    attachments: parsed.attachments.map((a) => ({ filename: a.filename, kind: a.kind ?? 'other' })),
    arrivedAt,
    arrivedInWorkingHours: calendar.isWorkingTime(arrivedAt),
  };
}
