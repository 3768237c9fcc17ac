// Reads a Vietnamese administrative document's metadata out of its text (Nghị định 30/2020, edXML field names).
import type { DocumentFields } from '../types.js';
import { findCode, findIssuer, findMotto, findPlaceDate, HEADER_SPAN } from './header.js';
import { findConfidentiality, findDueDate, findUrgency } from './marks.js';
import { prepareText, type PreparedText } from './prepared.js';
import { findRecipients, findSigner } from './signer.js';
import { findTitle } from './title.js';
import { typeOfNotation } from './vocabulary.js';

export interface ExtractOptions {
  /** The year a deadline without a year belongs to (the message's arrival year, in Vietnam time). */
  referenceYear: number;
}

export interface ExtractedDocument {
  fields: DocumentFields;
  /** Where the header ends: text after it is the body (meeting details, deadlines). */
  headerEnd: number;
  prepared: PreparedText;
}

/** Every field is null when the text does not show it; nothing is guessed from outside the text. */
export function extractDocument(raw: string, options: ExtractOptions): ExtractedDocument {
  const p = prepareText(raw);
  const motto = findMotto(p);
  const headerFrom = Math.max(0, (motto?.start ?? 0) - 600);
  const headerTo = Math.min(p.text.length, (motto?.end ?? 0) + HEADER_SPAN);
  const code = findCode(p, headerFrom, headerTo);
  const issuer = findIssuer(p, motto, code);
  const afterCode = code?.end ?? motto?.tailEnd ?? motto?.end ?? 0;
  const placeDate = findPlaceDate(p, Math.min(afterCode, motto?.start ?? afterCode), headerTo, code?.end ?? 0);
  const titleFrom = Math.max(afterCode, placeDate?.end ?? 0, motto?.tailEnd ?? 0);
  const notationType = code ? typeOfNotation(code.codeNotation) : null;
  const context = { authority: issuer, codeNumber: code?.codeNumber ?? null, notationType, stopAt: placeDate?.start ?? null };
  const title = findTitle(p, titleFrom, Math.min(p.text.length, titleFrom + 400), context)
    ?? findTitle(p, afterCode, Math.min(p.text.length, afterCode + 400), context);
  // A consolidated text carries the consolidated law's title; its type is the notation's (VBHN).
  const type = notationType?.code === 'VBHN' ? notationType : title?.type ?? notationType;
  const headerEnd = Math.max(title?.end ?? 0, placeDate?.end ?? 0, afterCode);
  const header = p.text.slice(0, Math.min(p.text.length, headerEnd + 200));
  const fields: DocumentFields = {
    typeName: type?.name ?? null,
    typeCode: notationType?.code ?? type?.code ?? null,
    codeNumber: code?.codeNumber ?? null,
    codeNotation: code?.codeNotation ?? null,
    issuer,
    place: placeDate?.place ?? null,
    issuedDate: placeDate?.issuedDate ?? null,
    subject: title?.subject ?? null,
    signer: findSigner(p, headerEnd),
    recipients: findRecipients(p, headerEnd),
    urgency: findUrgency(header),
    confidentiality: findConfidentiality(header),
    dueDate: null,
  };
  fields.dueDate = findDueDate(p, { issuedDate: fields.issuedDate, year: options.referenceYear });
  return { fields, headerEnd, prepared: p };
}
