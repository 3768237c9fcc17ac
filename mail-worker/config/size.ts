// Parses human sizes in the config ("50MB", "512 KiB", 1048576) into bytes.

const UNITS: Record<string, number> = {
  b: 1, kb: 1e3, mb: 1e6, gb: 1e9, kib: 1024, mib: 1024 ** 2, gib: 1024 ** 3, k: 1024, m: 1024 ** 2, g: 1024 ** 3,
};

/** Bytes for a size, or null when the text is not a size. MB means 10^6 bytes, MiB 2^20. */
export function parseSize(value: string | number): number | null {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? Math.floor(value) : null;
  const match = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(value);
  if (!match) return null;
  const unit = (match[2] ?? '').toLowerCase() || 'b';
  const factor = UNITS[unit];
  return factor === undefined ? null : Math.floor(Number(match[1]) * factor);
}
