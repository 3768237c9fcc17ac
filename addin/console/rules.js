// The routing-rules console: list, add, edit, reorder, enable/disable and delete rules, dry-run them against the
// latest register entries, save them as a new version, export and import YAML. Everything goes through the API;
// the server checks every rule file and says what is wrong with its line and field.
'use strict';

const TEXT = {
  vi: {
    name: 'Tên', enabled: 'Bật', when: 'Điều kiện (YAML)', then: 'Hành động (YAML)', mailboxes: 'Hộp thư (để trống: tất cả)',
    add: 'Thêm quy tắc', save: 'Lưu bộ quy tắc', dryRun: 'Chạy thử', export: 'Xuất YAML', editTitle: 'Quy tắc', keep: 'Giữ quy tắc này',
    cancel: 'Hủy', dryRunTitle: 'Kết quả chạy thử (các văn bản mới nhất)', exportTitle: 'Tệp quy tắc (YAML)', download: 'Tải về',
    importTitle: 'Nhập tệp quy tắc (YAML hoặc JSON)', import: 'Nhập và lưu', versionsTitle: 'Các phiên bản', up: 'Lên', down: 'Xuống',
    edit: 'Sửa', remove: 'Xóa', saved: 'Đã lưu phiên bản', unsaved: 'Có thay đổi chưa lưu', loaded: 'Phiên bản đang áp dụng',
    none: 'Chưa có quy tắc nào', matched: 'khớp', notMatched: 'không khớp', skipped: 'bỏ qua', actions: 'Hành động', noActions: 'không có hành động',
    rollback: 'Khôi phục', dryRunEml: 'Chạy thử với thư .eml:',
  },
  en: {
    name: 'Name', enabled: 'On', when: 'Conditions (YAML)', then: 'Actions (YAML)', mailboxes: 'Mailboxes (empty: all)',
    add: 'Add rule', save: 'Save rules', dryRun: 'Dry run', export: 'Export YAML', editTitle: 'Rule', keep: 'Keep this rule',
    cancel: 'Cancel', dryRunTitle: 'Dry run (latest register entries)', exportTitle: 'Rule file (YAML)', download: 'Download',
    importTitle: 'Import a rule file (YAML or JSON)', import: 'Import and save', versionsTitle: 'Versions', up: 'Up', down: 'Down',
    edit: 'Edit', remove: 'Delete', saved: 'Saved version', unsaved: 'Unsaved changes', loaded: 'Version in force',
    none: 'No rules yet', matched: 'matched', notMatched: 'not matched', skipped: 'skipped', actions: 'Actions', noActions: 'no actions',
    rollback: 'Restore', dryRunEml: 'Dry run on an .eml message:',
  },
};

const app = document.getElementById('rules-app');
const t = TEXT[app.dataset.lang] || TEXT.vi;
for (const el of document.querySelectorAll('[data-t]')) el.textContent = t[el.dataset.t];

let rules = [];
let editing = null;
const $ = (id) => document.getElementById(id);
const status = (text, isError) => {
  $('status').textContent = text;
  $('status').className = isError ? 'error' : 'muted';
};

async function api(method, path, body) {
  const res = await fetch(path, {
    method, credentials: 'same-origin', headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const data = await res.json();
  if (!res.ok) throw new Error(data.error ? data.error.message : `HTTP ${res.status}`);
  return data;
}

/** The rules as a YAML file: each rule's YAML parts indented under its keys (the server checks it all). */
function toFile() {
  const indent = (text, spaces) => text.split('\n').map((line) => ' '.repeat(spaces) + line).join('\n');
  const parts = rules.map((rule) => [
    `  - name: ${JSON.stringify(rule.name)}`,
    `    enabled: ${rule.enabled}`,
    ...(rule.mailboxes.length ? [`    mailboxes: ${JSON.stringify(rule.mailboxes)}`] : []),
    '    when:', indent(rule.when, 6),
    '    then:', indent(rule.then, 6),
  ].join('\n'));
  return parts.length ? `rules:\n${parts.join('\n')}\n` : 'rules: []\n';
}

function render() {
  const body = $('rules').querySelector('tbody');
  body.textContent = '';
  if (rules.length === 0) {
    const row = body.insertRow();
    const cell = row.insertCell();
    cell.colSpan = 6;
    cell.textContent = t.none;
  }
  rules.forEach((rule, i) => {
    const row = body.insertRow();
    row.dataset.name = rule.name;
    row.insertCell().textContent = String(i + 1);
    row.insertCell().textContent = rule.name;
    const toggle = document.createElement('input');
    toggle.type = 'checkbox';
    toggle.checked = rule.enabled;
    toggle.setAttribute('aria-label', `${t.enabled}: ${rule.name}`);
    toggle.addEventListener('change', () => { rule.enabled = toggle.checked; changed(); });
    row.insertCell().append(toggle);
    for (const text of [rule.when, rule.then]) {
      const pre = document.createElement('pre');
      pre.textContent = text;
      row.insertCell().append(pre);
    }
    const tools = row.insertCell();
    for (const [name, action] of [['up', () => move(i, -1)], ['down', () => move(i, 1)], ['edit', () => edit(i)], ['remove', () => { rules.splice(i, 1); changed(); }]]) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = t[name];
      button.className = `rule-${name}`;
      button.addEventListener('click', action);
      tools.append(button, ' ');
    }
  });
}

function changed() {
  render();
  status(t.unsaved);
}

function move(i, by) {
  const j = i + by;
  if (j < 0 || j >= rules.length) return;
  [rules[i], rules[j]] = [rules[j], rules[i]];
  changed();
}

function edit(i) {
  editing = i;
  const form = $('editor');
  const rule = i === null ? { name: '', enabled: true, mailboxes: [], when: '', then: '' } : rules[i];
  form.elements.name.value = rule.name;
  form.elements.enabled.checked = rule.enabled;
  form.elements.mailboxes.value = rule.mailboxes.join(', ');
  form.elements.when.value = rule.when;
  form.elements.then.value = rule.then;
  form.hidden = false;
  form.elements.name.focus();
}

$('editor').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = event.target;
  const rule = {
    name: form.elements.name.value.trim(), enabled: form.elements.enabled.checked,
    mailboxes: form.elements.mailboxes.value.split(',').map((s) => s.trim()).filter(Boolean),
    when: form.elements.when.value.trimEnd(), then: form.elements.then.value.trimEnd(),
  };
  if (editing === null) rules.push(rule);
  else rules[editing] = rule;
  form.hidden = true;
  changed();
});
$('cancel').addEventListener('click', () => { $('editor').hidden = true; });
$('add').addEventListener('click', () => edit(null));

$('save').addEventListener('click', async () => {
  try {
    const saved = await api('PUT', '/api/rules', { source: toFile() });
    status(`${t.saved} ${saved.version}`);
    await loadVersions();
  } catch (err) {
    status(err.message, true);
  }
});

$('dry-run').addEventListener('click', () => dryRun({ source: toFile(), limit: 10 }));

$('dry-run-eml').addEventListener('change', async (event) => {
  const file = event.target.files[0];
  if (!file) return;
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  await dryRun({ source: toFile(), eml: btoa(binary) });
});

async function dryRun(body) {
  try {
    const { results } = await api('POST', '/api/rules/dry-run', body);
    const box = $('dry-run-result').querySelector('div');
    box.textContent = '';
    for (const result of results) {
      const article = document.createElement('article');
      article.className = 'dry-run-entry';
      const title = document.createElement('h3');
      title.textContent = `${result.incomingNumber ?? '—'}. ${result.subject} [${result.category}]`;
      article.append(title);
      for (const rule of result.rules) {
        const p = document.createElement('p');
        p.className = `rule-trace ${rule.outcome}`;
        const word = { matched: t.matched, not_matched: t.notMatched, skipped: t.skipped }[rule.outcome];
        p.textContent = `${rule.outcome === 'matched' ? '✔' : rule.outcome === 'skipped' ? '–' : '✘'} ${rule.rule}: ${word}${rule.reason ? ` (${rule.reason})` : ''}`;
        article.append(p);
        if (rule.trace) article.append(traceList(rule.trace));
      }
      const actions = document.createElement('p');
      actions.className = 'dry-run-actions';
      actions.textContent = `${t.actions}: ${result.actions.length ? result.actions.map((a) => JSON.stringify(a.action) + (a.dueDate ? ` → ${a.dueAt || a.dueDate}` : '')).join('; ') : t.noActions}`;
      article.append(actions);
      box.append(article);
    }
    $('dry-run-result').hidden = false;
  } catch (err) {
    status(err.message, true);
  }
}

function traceList(trace) {
  const ul = document.createElement('ul');
  const li = document.createElement('li');
  li.className = trace.matched ? 'yes' : 'no';
  li.textContent = `${trace.matched ? '✔' : '✘'} ${trace.condition}`;
  ul.append(li);
  for (const child of trace.children || []) li.append(traceList(child));
  return ul;
}

$('export').addEventListener('click', async () => {
  const res = await fetch('/api/rules/export', { credentials: 'same-origin' });
  $('export-result').querySelector('textarea').value = await res.text();
  $('export-result').hidden = false;
});

$('import').addEventListener('click', async () => {
  try {
    const saved = await api('PUT', '/api/rules', { source: $('import-text').value, comment: 'import' });
    await load();
    status(`${t.saved} ${saved.version}`);
  } catch (err) {
    status(err.message, true);
  }
});

async function loadVersions() {
  const { versions } = await api('GET', '/api/rules/versions');
  const list = $('versions');
  list.textContent = '';
  for (const v of versions) {
    const li = document.createElement('li');
    li.textContent = `${v.version} — ${v.changedAt} — ${v.changedBy} — ${v.count} ${v.comment ? `(${v.comment})` : ''} `;
    const back = document.createElement('button');
    back.type = 'button';
    back.textContent = t.rollback;
    back.addEventListener('click', async () => {
      const saved = await api('POST', '/api/rules/rollback', { version: v.version });
      await load();
      status(`${t.saved} ${saved.version}`);
    });
    li.append(back);
    list.append(li);
  }
}

async function load() {
  const parts = await api('GET', '/api/rules/parts');
  rules = parts.rules;
  render();
  status(parts.version ? `${t.loaded}: ${parts.version}` : t.none);
  await loadVersions();
}

load().catch((err) => status(err.message, true));
