// Vietnamese text folding: NFC for storing, a tone-free lowercase form (đ -> d) for search and matching.

/** Normalise to NFC, as every stored, matched or hashed string must be. */
export function nfc(text: string): string {
  return text.normalize('NFC');
}

/** Tone marks off, đ -> d, case kept, same length as the NFC text given (for matching a fragment on its own). */
export function toPlain(text: string): string {
  return text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
}

/**
 * Fold for search: strip tone and vowel marks, map đ/Đ to d, lowercase, collapse white space.
 * `hòa`/`hoà` and `thủy`/`thuỷ` fold to the same string because marks are removed after NFD.
 */
export function foldText(text: string): string {
  return toPlain(text)
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
