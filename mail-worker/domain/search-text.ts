// What register search matches for an entry: subject, sender, document fields, body and attachment text, folded
// (no marks, đ -> d). A quarantined entry is never indexed (the register leaves it out).
import { foldText } from './text.js';
import type { MessageContent, Registration } from './types.js';

/** Text indexed for search per entry; the register keeps the whole body, search needs the start. */
export const SEARCH_BODY_CHARS = 100_000;

export function searchTextOf(content: MessageContent | null, registration: Registration): string {
  const parsed = content?.parsed ?? null;
  const document = registration.document;
  const parts = [
    parsed?.subject,
    parsed?.from.map((a) => `${a.name} ${a.address}`).join(' '),
    document.codeNumber && document.codeNotation ? `${document.codeNumber}/${document.codeNotation}` : document.codeNotation,
    document.issuer,
    document.subject,
    document.typeName,
    parsed?.text.slice(0, SEARCH_BODY_CHARS),
    ...(content?.attachments ?? []).map((a) => [a.info.filename, a.text?.slice(0, SEARCH_BODY_CHARS)].filter(Boolean).join(' ')),
  ];
  return foldText(parts.filter(Boolean).join(' \n '));
}
