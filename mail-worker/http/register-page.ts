// The register page at `/`: the incoming register's columns (Phụ lục IV, Nghị định 30/2020), searchable and printable.
import { vietnamDateOf, vietnamIsoOf } from '../domain/register-year.js';
import { numberAndNotation } from '../domain/document/vocabulary.js';
import type { RegisterEntryView } from '../register/entry-view.js';
import { escapeHtml as e, page } from './html.js';
import type { Lang, UiText } from './i18n.js';

export interface RegisterPageInput {
  lang: Lang;
  t: UiText;
  css: string;
  items: RegisterEntryView[];
  total: number;
  q: string;
  offset: number;
  limit: number;
}

export function renderRegisterPage(input: RegisterPageInput): string {
  const { t, items } = input;
  const head = [t.arrivalDate, t.incomingNumber, t.issuer, t.notation, t.issuedDate, t.typeAndSubject, t.recipient, t.notes]
    .map((h) => `<th scope="col">${e(h)}</th>`)
    .join('');
  const rows = items.map((item) => row(item, t)).join('\n');
  const body = `
<style>${input.css}</style>
<header><h1>${e(t.title)}</h1>
  <a href="/?due=soon">${e(t.dueSoon)}</a> <a href="/?due=overdue">${e(t.overdue)}</a>
  <a href="/rules">${e(t.rulesLink)}</a> <a href="/outbox">${e(t.outboxLink)}</a> <a href="?lang=${t.otherLangCode}">${e(t.otherLang)}</a>
  <form method="post" action="/logout"><button type="submit">${e(t.logout)}</button></form></header>
<main>
<form class="search" method="get" action="/">
  <input type="search" name="q" value="${e(input.q)}" placeholder="${e(t.searchPlaceholder)}" aria-label="${e(t.search)}">
  <button type="submit">${e(t.search)}</button></form>
<p class="muted">${e(t.total)}: <span id="total">${input.total}</span></p>
<table id="register"><thead><tr>${head}</tr></thead>
<tbody>${rows || `<tr><td colspan="8">${e(t.empty)}</td></tr>`}</tbody></table>
${pager(input)}
</main>`;
  return page(input.lang, t.title, body);
}

function row(item: RegisterEntryView, t: UiText): string {
  const issuer = item.issuer ?? (item.from.name || item.from.address || '');
  const notation = numberAndNotation(item);
  const subject = [item.typeName, item.documentSubject ?? item.subject].filter(Boolean).join(' — ');
  const statusNote = { failed: t.failed, needs_review: t.needsReview, quarantined: t.quarantined, registered: null }[item.status];
  const notes = [
    statusNote ? `${statusNote}: ${item.statusReason ?? ''}` : null,
    item.dueDate ? `⏱ ${item.dueDate}` : null,
    item.notes,
  ].filter(Boolean).join('; ');
  const why = item.evidence.slice(0, 4).map((ev) => `${ev.detail} (${ev.source}, +${ev.weight})`).join('\n');
  const confidence = item.confidence === null ? '' : ` · ${t.confidence} ${Math.round(item.confidence * 100)}%`;
  const badge = `<span class="category ${e(item.category)}" title="${e(why)}">${e(t.categories[item.category])}${e(confidence)}</span> `;
  const raw = item.messages[0] ? ` <a class="muted" href="${e(item.messages[0].rawUrl)}">${e(t.raw)}</a>` : '';
  return `<tr class="${e(item.status)}" data-id="${item.id}">
<td title="${e(vietnamIsoOf(new Date(item.arrivalDate)))}">${e(vietnamDateOf(new Date(item.arrivalDate)))}</td>
<td class="num">${item.incomingNumber}</td><td>${e(issuer)}</td><td>${e(notation)}</td><td>${e(item.issuedDate ?? '')}</td>
<td>${badge}${e(subject)}${raw}${signatureBadge(item, t)}</td><td>${e(item.assignee ?? item.mailboxes.join(', '))}</td><td>${e(notes)}</td></tr>`;
}

/** The entry's signatures in one word, each signature's details on hover (which file, signer, certificate, why). */
function signatureBadge(item: RegisterEntryView, t: UiText): string {
  if (item.signature === null || item.signature === 'none') return '';
  const lines = [
    ...item.signatures.map((s) => ({ where: 'S/MIME', s })),
    ...item.attachments.flatMap((a) => a.signatures.map((s) => ({ where: a.filename ?? a.contentType, s }))),
  ].map(({ where, s }) => [
    `${where}: ${t.signatureStatus[s.status]}`,
    s.signer.name ? `${t.signedBy} ${[s.signer.name, s.signer.organisation].filter(Boolean).join(', ')}` : null,
    s.signingTime ? `${t.signedAt} ${vietnamIsoOf(new Date(s.signingTime))}` : null,
    s.certificate ? `${t.serial} ${s.certificate.serial}, ${t.issuedBy} ${s.certificate.issuer}` : null,
    s.reason,
  ].filter(Boolean).join(' — '));
  const mark = item.signature === 'valid' ? '✔' : '⚠';
  return ` <span class="signature ${e(item.signature)}" title="${e(lines.join('\n'))}">${mark} ${e(t.signatureLabel)}: ${e(t.signatureStatus[item.signature])}</span>`;
}

function pager({ t, q, offset, limit, total }: RegisterPageInput): string {
  const link = (to: number, label: string) =>
    `<a href="/?${new URLSearchParams({ ...(q ? { q } : {}), offset: String(to), limit: String(limit) })}">${e(label)}</a>`;
  const parts = [];
  if (offset > 0) parts.push(link(Math.max(0, offset - limit), t.previous));
  if (offset + limit < total) parts.push(link(offset + limit, t.next));
  return parts.length ? `<nav class="pages">${parts.join('')}</nav>` : '';
}
