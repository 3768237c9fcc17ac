// `vanthu rules check` and `vanthu rules test` as admins run them, on the example rules.
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../mail-worker/paths.js';
import { runVanthu } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const RULES = path.join(PROJECT_ROOT, 'samples/rules.yaml');
const eml = (id: string) => path.join(PROJECT_ROOT, `test/fixtures/labelled-mail/eml/${id}.eml`);

describe('vanthu rules', () => {
  it('check says how many rules are valid', () => {
    const { status, stdout } = runVanthu(['rules', 'check', RULES], { cwd: tempDir() });
    expect(status).toBe(0);
    expect(stdout).toContain('3 valid rules (3 enabled)');
  });

  it('check refuses an invalid file with exit code 2, naming line and field', () => {
    const dir = tempDir();
    const { status, stderr } = runVanthu(['rules', 'check', path.join(PROJECT_ROOT, 'test/fixtures/rules/invalid.yaml')], { cwd: dir });
    expect(status).toBe(2);
    expect(stderr).toMatch(/E_RULE_INVALID: .*invalid\.yaml:\d+: rules\[0\]\.then\[0\]: expected one action/s);
  });

  it('serve refuses to start with an invalid rule file, naming it (exit code 2)', () => {
    const dir = tempDir();
    writeFileSync(path.join(dir, 'vanthu.yaml'), `dataDir: ./data\nrouting: { rulesFile: ${JSON.stringify(path.join(PROJECT_ROOT, 'test/fixtures/rules/invalid.yaml'))} }\n`);
    const { status, stderr } = runVanthu(['serve'], { cwd: dir, env: { VANTHU_HTTP_PORT: '0', VANTHU_SMTP_PORT: '0' }, timeoutMs: 30_000 });
    expect(status).toBe(2);
    expect(stderr).toMatch(/E_RULE_INVALID: .*invalid\.yaml:5: rules\[0\]\.then\[0\]/s);
  });

  it('test --json prints, per message, which rules matched, why, and the actions', () => {
    const { status, stdout } = runVanthu(['rules', 'test', RULES, eml('p1-gm-001'), '--json'], { cwd: tempDir() });
    expect(status).toBe(0);
    const result = JSON.parse(stdout.trim()) as { category: string; rules: Array<{ rule: string; outcome: string }>; actions: Array<{ action: object; dueAt?: string }> };
    expect(result.category).toBe('meeting_invitation');
    expect(result.rules.map((r) => r.outcome)).toEqual(['matched', 'not_matched', 'not_matched']);
    expect(result.actions.map((a) => Object.keys(a.action)[0])).toEqual(['assign', 'due', 'notify']);
    expect(result.actions[1]!.dueAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\+07:00$/);
  });
});
