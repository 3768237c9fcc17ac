// The outbox page at `/outbox`: side effects waiting, failed (dead letters, with the error) and done, with a button
// to send a failed or waiting one again.
import type { OutboxItem } from '../register/outbox-queries.js';
import { escapeHtml as e, page } from './html.js';
import type { Lang, UiText } from './i18n.js';

export function renderOutboxPage(lang: Lang, t: UiText, css: string, items: OutboxItem[]): string {
  const rows = items.map((item) => `<tr class="${e(item.status)}" data-id="${item.id}">
<td class="num">${item.id}</td><td>${e(item.kind)}</td><td>${item.entryId ?? ''}</td><td>${e(t.outboxStatus[item.status])}</td>
<td class="num">${item.attempts}</td><td>${e(item.lastError ?? '')}</td><td>${e(item.doneAt ?? item.nextAttemptAt)}</td>
<td>${item.status === 'done' ? '' : `<form method="post" action="/outbox/${item.id}/retry"><button type="submit">${e(t.retry)}</button></form>`}</td></tr>`).join('\n');
  const body = `
<style>${css}</style>
<header><h1>${e(t.outboxTitle)}</h1>
  <a href="/">${e(t.registerLink)}</a> <a href="/rules">${e(t.rulesLink)}</a> <a href="/outbox?lang=${t.otherLangCode}">${e(t.otherLang)}</a>
  <form method="post" action="/logout"><button type="submit">${e(t.logout)}</button></form></header>
<main>
<table id="outbox"><thead><tr>${t.outboxColumns.map((c) => `<th scope="col">${e(c)}</th>`).join('')}</tr></thead>
<tbody>${rows || `<tr><td colspan="8">${e(t.empty)}</td></tr>`}</tbody></table>
</main>`;
  return page(lang, t.outboxTitle, body);
}
