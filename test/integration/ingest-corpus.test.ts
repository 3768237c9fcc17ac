// Every message of the real-world corpus (test/fixtures/corpus-eml, see its MANIFEST) goes through `vanthu ingest`.
import { copyFileSync, readFileSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../mail-worker/paths.js';
import { runVanthu } from '../helpers/cli.js';
import { tempDir } from '../helpers/tmp.js';

const CORPUS = path.join(PROJECT_ROOT, 'test/fixtures/corpus-eml');
const MANIFEST = readFileSync(path.join(PROJECT_ROOT, 'test/fixtures/corpus-eml.MANIFEST.tsv'), 'utf8')
  .split('\n').filter((line) => line && !line.startsWith('#')).slice(1).map((line) => line.split('\t')[0]!);

interface Summary {
  files: number; messages: number; registered: number; duplicate: number; failed: number;
  failures: Array<{ origin: string; reason: string }>;
}

describe('vanthu ingest over the real-world corpus', () => {
  it('registers every message without crashing; unreadable input is registered as failed with a reason', () => {
    const cwd = tempDir();
    const extra = path.join(cwd, 'extra');
    mkdirSync(extra);
    writeFileSync(path.join(extra, 'binary-junk.eml'), Buffer.from([0, 1, 2, 3, 0xff, 0xfe, 10, 10, 65]));
    writeFileSync(path.join(extra, 'empty.eml'), '');
    const result = runVanthu(['ingest', '--json', CORPUS, extra], { cwd });
    expect(result.stderr).not.toMatch(/E_INTERNAL|TypeError|RangeError/);
    expect(result.status).toBe(0);
    const summary = JSON.parse(result.stdout) as Summary;
    expect(summary.files).toBe(MANIFEST.length + 2);
    expect(summary.registered + summary.duplicate + summary.failed).toBe(summary.messages);
    expect(summary.messages).toBeGreaterThanOrEqual(MANIFEST.length + 2);
    const failedOrigins = summary.failures.map((f) => path.basename(f.origin));
    expect(failedOrigins).toEqual(expect.arrayContaining(['binary-junk.eml', 'empty.eml']));
    for (const failure of summary.failures) expect(failure.reason).toMatch(/^E_[A-Z_]+: ./);

    const listed = JSON.parse(runVanthu(['register', '--json', '--limit', '1000'], { cwd }).stdout) as {
      total: number; items: Array<{ incomingNumber: number; status: string }>;
    };
    expect(listed.total).toBe(summary.registered + summary.failed);
    expect(listed.items.map((i) => i.incomingNumber).sort((a, b) => a - b)).toEqual(
      Array.from({ length: listed.total }, (_, i) => i + 1),
    );
    expect(listed.items.filter((i) => i.status === 'failed')).toHaveLength(summary.failed);
  });

  it('a second import of the same archive registers nothing new', () => {
    const cwd = tempDir();
    const dir = path.join(cwd, 'mail');
    mkdirSync(dir);
    for (const name of readdirSync(path.join(CORPUS, 'mikel-mail/plain_emails'))) {
      copyFileSync(path.join(CORPUS, 'mikel-mail/plain_emails', name), path.join(dir, name));
    }
    const first = JSON.parse(runVanthu(['ingest', '--json', dir], { cwd }).stdout) as Summary;
    const second = JSON.parse(runVanthu(['ingest', '--json', dir], { cwd }).stdout) as Summary;
    expect(first.registered).toBeGreaterThan(0);
    expect(second).toMatchObject({ registered: 0, failed: 0, duplicate: first.messages });
  });

  it('imports an mbox file message by message and a maildir folder', () => {
    const cwd = tempDir();
    const a = readFileSync(path.join(CORPUS, 'mikel-mail/attachments_fixture/basic_email.eml'));
    const mbox = Buffer.concat([
      Buffer.from('From sender@example.gov.vn Thu Nov 19 08:00:00 2026\n'), a, Buffer.from('\n\n'),
      Buffer.from('From other@example.gov.vn Thu Nov 19 09:00:00 2026\n'),
      Buffer.from('From: other@example.gov.vn\nSubject: mbox hai\nMessage-ID: <m2@x>\n\nDong 1\n>From the archive\n\n'),
    ]);
    writeFileSync(path.join(cwd, 'archive.mbox'), mbox);
    const maildir = path.join(cwd, 'Maildir');
    for (const sub of ['cur', 'new', 'tmp']) mkdirSync(path.join(maildir, sub), { recursive: true });
    writeFileSync(path.join(maildir, 'new', '1700000000.M1.host'), 'From: a@example.gov.vn\nSubject: maildir new\nMessage-ID: <md1@x>\n\nx\n');
    writeFileSync(path.join(maildir, 'cur', '1700000001.M2.host:2,S'), 'From: a@example.gov.vn\nSubject: maildir cur\nMessage-ID: <md2@x>\n\ny\n');
    writeFileSync(path.join(maildir, 'tmp', '1700000002.M3.host'), 'From: a@example.gov.vn\nSubject: in delivery\n\nz\n');
    const summary = JSON.parse(runVanthu(['ingest', '--json', 'archive.mbox', 'Maildir'], { cwd }).stdout) as Summary;
    expect(summary).toMatchObject({ files: 3, messages: 4, registered: 4, failed: 0 });
    const listed = JSON.parse(runVanthu(['register', '--json'], { cwd }).stdout) as { items: Array<{ subject: string; id: number }> };
    expect(listed.items.map((i) => i.subject).sort()).toEqual(['maildir cur', 'maildir new', 'mbox hai', expect.any(String)].sort());
  });

  it('names a path that does not exist and exits non-zero', () => {
    const cwd = tempDir();
    const result = runVanthu(['ingest', 'no-such-folder'], { cwd });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('E_IMPORT_PATH');
    expect(result.stderr).toContain('no-such-folder');
  });
});
