// What register search matches for an entry: subject, sender, document fields and body, folded (no marks, đ -> d).
import { foldText } from './text.js';
import type { DocumentFields, ParsedMessage } from './types.js';

/** Body text indexed for search; the register keeps up to MAX_BODY_TEXT, search needs the start. */
export const SEARCH_BODY_CHARS = 100_000;

export function searchTextOf(parsed: ParsedMessage | null, document: DocumentFields): string {
  const parts = [
    parsed?.subject,
    parsed?.from.map((a) => `${a.name} ${a.address}`).join(' '),
    document.codeNotation,
    document.issuer,
    document.subject,
    document.typeName,
    parsed?.text.slice(0, SEARCH_BODY_CHARS),
  ];
  return foldText(parts.filter(Boolean).join(' \n '));
}
