// Decides how a message enters the register: its category, status and document fields.
import { EMPTY_DOCUMENT, type ParsedMessage, type Registration } from './types.js';

/** A message that parsed: classification arrives with issue 3, so every entry is `other` for now. */
export function registrationFor(_parsed: ParsedMessage): Registration {
  return { category: 'other', status: 'registered', statusReason: null, document: { ...EMPTY_DOCUMENT } };
}

/** A message that could not be read still enters the register, with the reason, so nothing is dropped. */
export function failedRegistration(code: string, reason: string): Registration {
  return { category: 'other', status: 'failed', statusReason: `${code}: ${reason}`, document: { ...EMPTY_DOCUMENT } };
}
