// `vanthu register`: the latest register entries, as a table or JSON.
import type { Config } from '../config/load.js';
import { vietnamDateOf } from '../domain/register-year.js';
import { openRegisterDb } from '../register/db.js';
import type { RegisterEntryView } from '../register/entry-view.js';
import { RegisterQueries } from '../register/queries.js';

export function listRegister(config: Config, limit: number): { items: RegisterEntryView[]; total: number } {
  const db = openRegisterDb(config.dataDir);
  try {
    return new RegisterQueries(db).list({ limit, offset: 0 });
  } finally {
    db.close();
  }
}

export function formatRegisterTable(items: RegisterEntryView[]): string {
  const header = ['Số đến', 'Ngày đến', 'Tác giả / from', 'Trích yếu / subject', 'Trạng thái / status'];
  const rows = items.map((item) => [
    `${item.incomingNumber}/${item.registerYear}`,
    vietnamDateOf(new Date(item.arrivalDate)),
    clip(item.issuer ?? (item.from.name || item.from.address || ''), 30),
    clip(item.documentSubject ?? item.subject, 60),
    item.status,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [header, ...rows].map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
