// The routing-rules page at `/rules`: the shell; addin/console/rules.js does the editing through the rules API.
import { escapeHtml as e, page } from './html.js';
import type { Lang, UiText } from './i18n.js';

export function renderRulesPage(lang: Lang, t: UiText, css: string): string {
  const body = `
<style>${css}</style>
<header><h1>${e(t.rulesTitle)}</h1>
  <a href="/">${e(t.registerLink)}</a> <a href="/rules?lang=${t.otherLangCode}">${e(t.otherLang)}</a>
  <form method="post" action="/logout"><button type="submit">${e(t.logout)}</button></form></header>
<main id="rules-app" data-lang="${e(lang)}">
  <p id="status" class="muted" role="status"></p>
  <table id="rules"><thead><tr><th>#</th><th data-t="name"></th><th data-t="enabled"></th><th data-t="when"></th><th data-t="then"></th><th></th></tr></thead><tbody></tbody></table>
  <p><button id="add" type="button" data-t="add"></button> <button id="save" type="button" data-t="save"></button>
     <button id="dry-run" type="button" data-t="dryRun"></button> <button id="export" type="button" data-t="export"></button>
     <label><span data-t="dryRunEml"></span> <input id="dry-run-eml" type="file" accept=".eml,message/rfc822"></label></p>
  <form id="editor" hidden>
    <h2 data-t="editTitle"></h2>
    <label><span data-t="name"></span> <input name="name" required></label>
    <label><input type="checkbox" name="enabled" checked> <span data-t="enabled"></span></label>
    <label><span data-t="mailboxes"></span> <input name="mailboxes" placeholder="vanphong, donvi1"></label>
    <label><span data-t="when"></span><textarea name="when" rows="6" placeholder="category: { equals: meeting_invitation }"></textarea></label>
    <label><span data-t="then"></span><textarea name="then" rows="6" placeholder="- assign: { unit: Văn phòng }"></textarea></label>
    <button type="submit" data-t="keep"></button> <button type="button" id="cancel" data-t="cancel"></button>
  </form>
  <section id="dry-run-result" hidden><h2 data-t="dryRunTitle"></h2><div></div></section>
  <section id="export-result" hidden><h2 data-t="exportTitle"></h2><textarea rows="14" readonly></textarea>
    <p><a href="/api/rules/export" download="vanthu-rules.yaml" data-t="download"></a></p></section>
  <section><h2 data-t="importTitle"></h2><textarea id="import-text" rows="8" placeholder="rules:"></textarea>
    <p><button id="import" type="button" data-t="import"></button></p></section>
  <section><h2 data-t="versionsTitle"></h2><ul id="versions"></ul></section>
</main>
<script src="/addin/console/rules.js"></script>`;
  return page(lang, t.rulesTitle, body);
}
