// The login form: the only page open without the admin token.
import { escapeHtml as e, page } from './html.js';
import type { Lang, UiText } from './i18n.js';

export function renderLoginPage(lang: Lang, t: UiText, css: string, failed: boolean): string {
  return page(lang, t.loginTitle, `
<style>${css}</style>
<main class="login"><h1>${e(t.loginTitle)}</h1>
${failed ? `<p class="error" role="alert">${e(t.badToken)}</p>` : ''}
<form method="post" action="/login?lang=${lang}">
  <label for="token">${e(t.token)}</label>
  <input id="token" name="token" type="password" autocomplete="current-password" required>
  <button type="submit">${e(t.login)}</button></form>
<p class="muted">${e(t.loginHint)}</p>
<p><a href="/login?lang=${t.otherLangCode}">${e(t.otherLang)}</a></p></main>`);
}
