// The rules console in a real browser (Debian Chromium through playwright-core): an admin creates two rules,
// reorders them, dry-runs them, saves, exports YAML, deletes the rules, re-imports the YAML and gets the same rules
// back. Screenshots are kept in test-artifacts/rules-console/.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import nodemailer from 'nodemailer';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../mail-worker/paths.js';
import { ensureCommand } from '../../scripts/ensure-packages.js';
import { startService, type RunningService } from '../helpers/service.js';
import { waitFor } from '../helpers/wait.js';

const SHOTS = path.join(PROJECT_ROOT, 'test-artifacts/rules-console');
let svc: RunningService;
let browser: Browser;
let page: Page;
const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

beforeAll(async () => {
  ensureCommand('chromium', 'chromium');
  mkdirSync(SHOTS, { recursive: true });
  svc = await startService();
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port: svc.smtpPort, secure: false, ignoreTLS: true });
  await transport.sendMail({ from: 'snv@quangngai.gov.vn', to: 'vanthu@example.gov.vn', subject: 'Giấy mời họp giao ban quý I', text: 'Kính mời lãnh đạo dự họp.' });
  await transport.sendMail({ from: 'stc@quangngai.gov.vn', to: 'vanthu@example.gov.vn', subject: 'Báo cáo kết quả thực hiện nhiệm vụ quý I', text: 'Sở Tài chính kính báo cáo.' });
  await waitFor(() => (svc.service.core.db.prepare('SELECT count(*) AS n FROM register_entries').get() as { n: number }).n === 2, 'two entries', 20_000);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
}, 600_000);

afterAll(async () => {
  await browser?.close();
});

async function addRule(name: string, when: string, then: string): Promise<void> {
  await page.click('#add');
  await page.fill('#editor [name=name]', name);
  await page.fill('#editor [name=when]', when);
  await page.fill('#editor [name=then]', then);
  await page.click('#editor button[type=submit]');
}

const ruleNames = () => page.$$eval('#rules tbody tr', (rows) => rows.map((r) => (r as HTMLElement).dataset.name).filter(Boolean));

describe('rules console', () => {
  it('create, reorder, dry-run, save, export, delete, re-import: the same rules come back', async () => {
    await page.goto(`${svc.baseUrl}/login`);
    await page.fill('input[name=token]', svc.token);
    await page.click('button[type=submit]');
    await page.waitForURL(`${svc.baseUrl}/`);
    await page.click('a[href="/rules"]');
    await page.waitForSelector('#rules');
    await shot('1-empty');

    await addRule('Giấy mời → Văn phòng', 'category: { equals: meeting_invitation }', '- assign: { unit: Văn phòng }\n- due: { workingHours: 4 }');
    await addRule('Báo cáo → Tổng hợp', 'subject: { contains: bao cao }', '- assign: { unit: Phòng Tổng hợp }');
    expect(await ruleNames()).toEqual(['Giấy mời → Văn phòng', 'Báo cáo → Tổng hợp']);
    await page.click('#rules tbody tr:nth-child(2) .rule-up');
    expect(await ruleNames()).toEqual(['Báo cáo → Tổng hợp', 'Giấy mời → Văn phòng']);
    await shot('2-two-rules-reordered');

    await page.click('#dry-run');
    await page.waitForSelector('.dry-run-entry');
    const traces = await page.$$eval('.dry-run-entry', (els) => els.map((el) => el.textContent ?? ''));
    const invitation = traces.find((text) => text.includes('Giấy mời họp giao ban'))!;
    expect(invitation).toContain('✔ Giấy mời → Văn phòng: khớp');
    expect(invitation).toContain('✔ category equals "meeting_invitation"');
    expect(invitation).toContain('✘ Báo cáo → Tổng hợp: không khớp');
    expect(invitation).toContain('✘ subject contains "bao cao"');
    await shot('3-dry-run');
    // The same rules against an uploaded message.
    await page.setInputFiles('#dry-run-eml', path.join(PROJECT_ROOT, 'test/fixtures/labelled-mail/eml/p1-gm-001.eml'));
    await page.waitForSelector('.dry-run-entry:has-text("Giấy mời họp nghe báo cáo")');
    expect(await page.textContent('#dry-run-result')).toContain('✔ Giấy mời → Văn phòng: khớp');
    await shot('3b-dry-run-eml');

    await page.click('#save');
    await page.waitForSelector('#status:has-text("Đã lưu phiên bản 1")');
    const saved = (await (await fetch(`${svc.baseUrl}/api/rules`, { headers: { Authorization: `Bearer ${svc.token}` } })).json()) as { rules: unknown[] };
    expect(saved.rules).toHaveLength(2);

    await page.click('#export');
    const yaml = await page.inputValue('#export-result textarea');
    expect(yaml).toContain('name: Báo cáo → Tổng hợp');
    await shot('4-exported');

    await page.click('#rules tbody tr:nth-child(1) .rule-remove');
    await page.click('#rules tbody tr:nth-child(1) .rule-remove');
    await page.click('#save');
    await page.waitForSelector('#status:has-text("Đã lưu phiên bản 2")');
    expect(await ruleNames()).toEqual([]);
    await shot('5-deleted');

    await page.fill('#import-text', yaml);
    await page.click('#import');
    await page.waitForSelector('#status:has-text("Đã lưu phiên bản 3")');
    expect(await ruleNames()).toEqual(['Báo cáo → Tổng hợp', 'Giấy mời → Văn phòng']);
    const back = (await (await fetch(`${svc.baseUrl}/api/rules`, { headers: { Authorization: `Bearer ${svc.token}` } })).json()) as { rules: unknown[] };
    expect(back.rules).toEqual(saved.rules);
    await shot('6-reimported');
  });

  it('shows the server\'s line-and-field message for an invalid rule, saving nothing', async () => {
    await addRule('Sai', 'subject: { resembles: x }', '- assign: { unit: A }');
    await page.click('#save');
    await page.waitForSelector('#status.error');
    expect(await page.textContent('#status')).toMatch(/rules:\d+: unknown key rules\[2\]\.when\.subject\.resembles/);
    await shot('7-invalid');
  });
});
