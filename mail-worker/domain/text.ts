// Vietnamese text folding: NFC for storing, a tone-free lowercase form (đ -> d) for search and matching.

/** Normalise to NFC, as every stored, matched or hashed string must be. */
export function nfc(text: string): string {
  return text.normalize('NFC');
}

/**
 * Tone marks off, đ -> d, case kept, for matching: any normalisation form in. The length can change (NFD input,
 * letters of other scripts that decompose); where an index found in the result must cut the text, use
 * `plainKeepingLength`.
 */
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

/**
 * `toPlain` of NFC text, one code unit for one code unit, so an index found in the result cuts the text given at the
 * same place ("Quyết" -> "Quyet"). Characters outside Vietnamese keep their length the same way.
 */
export function plainKeepingLength(text: string): string {
  let plain = '';
  for (const char of text) plain += plainChar(char);
  return plain;
}

const plainCache = new Map<string, string>();

/** One code unit in, one code unit out: the base letter of a Vietnamese letter, đ -> d. */
function plainChar(char: string): string {
  if (char.length === 2) return '??'; // astral characters keep their two code units
  const code = char.charCodeAt(0);
  if (code < 0x80) return char;
  let base = plainCache.get(char);
  if (base === undefined) {
    if (char === 'đ') base = 'd';
    else if (char === 'Đ') base = 'D';
    else {
      const first = char.normalize('NFD')[0]!;
      base = first.length === 1 ? first : char;
    }
    plainCache.set(char, base);
  }
  return base;
}
