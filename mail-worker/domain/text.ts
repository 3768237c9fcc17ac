// Vietnamese text folding: NFC for storing, a tone-free lowercase form (đ -> d) for search and matching.

/** Normalise to NFC, as every stored, matched or hashed string must be. */
export function nfc(text: string): string {
  return text.normalize('NFC');
}

/**
 * Fold for search: strip tone and vowel marks, map đ/Đ to d, lowercase, collapse white space.
 * `hòa`/`hoà` and `thủy`/`thuỷ` fold to the same string because marks are removed after NFD.
 */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}
