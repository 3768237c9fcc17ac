// Vietnamese text in legacy encodings: windows-1258 (combining tone marks), TCVN3 (.Vn fonts, ABC) and VNI, as
// found in old attachments and mail. Detection looks for the legacy letters; real Unicode text is left alone.
import iconv from 'iconv-lite';

/** Decode a plain-text attachment: UTF-8 (or UTF-16 with a BOM) if valid, else windows-1258. Always NFC. */
export function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return iconv.decode(bytes, 'utf-16le').normalize('NFC');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return iconv.decode(bytes, 'utf-16be').normalize('NFC');
  try {
    return repairLegacy(new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes).normalize('NFC'));
  } catch {
    // Not UTF-8: one byte per character. TCVN3 and VNI bytes are recognised in their cp1252 reading.
    const latin = iconv.decode(bytes, 'win1252');
    const legacy = detectLegacy(latin);
    if (legacy === 'tcvn3') return iconv.decode(bytes, 'tcvn').normalize('NFC');
    if (legacy === 'vni') return fromVni(latin);
    return iconv.decode(bytes, 'windows-1258').normalize('NFC');
  }
}

/**
 * Signs of TCVN3 read as cp1252: its common letters sit on the symbols of 0xA0-0xBF (µ = à, ¸ = á, ® = đ, the soft
 * hyphen = ư), which Latin-script text hardly uses.
 */
const TCVN3_SIGNS = /[\u00a1-\u00bf]/g;
/** VNI writes a base letter and then a mark character: "Coäng", "tröôøng", "ñöôïc". */
const VNI_SIGNS = /[aeiouyAEIOUY][øùûõïâáàåãäêéèúüë]|[ôöÔÖ][øùûõï]|[ñÑ]/g;
/** Letters only real Vietnamese text has (neither legacy reading produces them). */
const VIETNAMESE = /[ăđơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/gi;

export type LegacyEncoding = 'tcvn3' | 'vni' | null;

/** Which legacy encoding a decoded text is in, if any: many legacy signs and few real Vietnamese letters. */
function detectLegacy(text: string): LegacyEncoding {
  const sample = text.slice(0, 20_000);
  const words = Math.max(1, sample.split(/\s+/).length);
  const real = (sample.match(VIETNAMESE) ?? []).length;
  if (real > words * 0.05) return null;
  const tcvn = (sample.match(TCVN3_SIGNS) ?? []).length;
  const vni = (sample.match(VNI_SIGNS) ?? []).length;
  if (vni >= 3 && vni > words * 0.15 && vni >= tcvn) return 'vni';
  if (tcvn >= 3 && tcvn > words * 0.1) return 'tcvn3';
  return null;
}

/** Convert TCVN3 or VNI text to Unicode NFC; text that is not legacy comes back unchanged. */
export function repairLegacy(text: string): string {
  const encoding = detectLegacy(text);
  if (encoding === 'tcvn3') return iconv.decode(iconv.encode(text, 'win1252'), 'tcvn').normalize('NFC');
  if (encoding === 'vni') return fromVni(text);
  return text;
}

const ACUTE = '\u0301', GRAVE = '\u0300', HOOK = '\u0309', TILDE = '\u0303', DOT = '\u0323';
/** VNI mark characters as cp1252 letters: ù ø û õ ï are the five tones. */
const TONES: Record<string, string> = { 'ù': ACUTE, 'ø': GRAVE, 'û': HOOK, 'õ': TILDE, 'ï': DOT };
/** After a, e, o: â is the circumflex, and á à å ã ä are circumflex plus a tone. */
const CIRCUMFLEX: Record<string, string> = { 'â': '', 'á': ACUTE, 'à': GRAVE, 'å': HOOK, 'ã': TILDE, 'ä': DOT };
/** After a: ê is the breve, and é è ú ü ë are breve plus a tone. */
const BREVE: Record<string, string> = { 'ê': '', 'é': ACUTE, 'è': GRAVE, 'ú': HOOK, 'ü': TILDE, 'ë': DOT };

const VNI_TABLE = buildVniTable();
const VNI_PATTERN = new RegExp([...VNI_TABLE.keys()].sort((a, b) => b.length - a.length).map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');

function buildVniTable(): Map<string, string> {
  const table = new Map<string, string>();
  const add = (key: string, value: string) => {
    table.set(key, value.normalize('NFC'));
    table.set(key.toUpperCase(), value.toUpperCase().normalize('NFC'));
  };
  for (const base of 'aeouy') for (const [mark, tone] of Object.entries(TONES)) add(base + mark, base + tone);
  for (const base of 'aeo') for (const [mark, tone] of Object.entries(CIRCUMFLEX)) add(base + mark, `${base}\u0302${tone}`);
  for (const [mark, tone] of Object.entries(BREVE)) add(`a${mark}`, `a\u0306${tone}`);
  add('ô', 'ơ');
  add('ö', 'ư');
  for (const [letter, value] of [['ô', 'ơ'], ['ö', 'ư']] as const) for (const [mark, tone] of Object.entries(TONES)) add(letter + mark, value + tone);
  add('ñ', 'đ');
  for (const [mark, tone] of [['í', ACUTE], ['ì', GRAVE], ['æ', HOOK], ['ó', TILDE], ['ò', DOT]] as const) add(mark, `i${tone}`);
  add('î', `y${DOT}`);
  return table;
}

function fromVni(text: string): string {
  return text.replace(VNI_PATTERN, (key) => VNI_TABLE.get(key) ?? key).normalize('NFC');
}
