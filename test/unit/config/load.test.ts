import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../mail-worker/config/load.js';
import { tempDir } from '../../helpers/tmp.js';

const dir = tempDir();

function write(name: string, yaml: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, yaml);
  return file;
}

function errorOf(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (err) {
    return err as { code: string; message: string };
  }
  throw new Error('expected an error');
}

const MAILBOX = `
mailboxes:
  - id: vanphong
    address: vanphong@example.gov.vn
    imap: { host: mail.example.gov.vn, port: 993, secure: true, user: vanphong, passwordEnv: VANPHONG_PASSWORD }
    folders: [INBOX]
`;

describe('loadConfig', () => {
  it('runs on the embedded default when there is no file', () => {
    const config = loadConfig({ cwd: dir, env: {} });
    expect(config.source).toBeNull();
    expect(config.dataDir).toBe(path.join(dir, 'data'));
    expect(config.http).toEqual({ host: '127.0.0.1', port: 8080 });
    expect(config.ingress.smtp).toMatchObject({ host: '127.0.0.1', port: 2525, maxMessageSize: 50_000_000 });
    expect(config.mailboxes).toEqual([]);
    expect(Object.isFrozen(config) && Object.isFrozen(config.http)).toBe(true);
  });

  it('reads the file given, then environment overrides, and resolves the password without exposing it', () => {
    const file = write('ok.yaml', `dataDir: ./d\nhttp: { port: 9000 }\ningress: { smtp: { maxMessageSize: 10MB } }\n${MAILBOX}`);
    const config = loadConfig({ configPath: file, cwd: '/', env: { VANPHONG_PASSWORD: 's3cret', VANTHU_HTTP_PORT: '9100' } });
    expect(config.source).toBe(file);
    expect(config.dataDir).toBe(path.join(dir, 'd'));
    expect(config.http.port).toBe(9100);
    expect(config.ingress.smtp.maxMessageSize).toBe(10_000_000);
    const mailbox = config.mailboxes[0]!;
    expect(mailbox.imap.password.reveal()).toBe('s3cret');
    expect(JSON.stringify(config)).not.toContain('s3cret');
    expect(String(mailbox.imap.password)).not.toContain('s3cret');
  });

  it('reads a password from passwordFile', () => {
    write('pw', 'from-file\n');
    const file = write('pwfile.yaml', MAILBOX.replace('passwordEnv: VANPHONG_PASSWORD', 'passwordFile: ./pw'));
    expect(loadConfig({ configPath: file, env: {} }).mailboxes[0]!.imap.password.reveal()).toBe('from-file');
  });

  it('names an unknown key with its line', () => {
    const file = write('typo.yaml', `dataDir: ./d\nhttp:\n  host: 127.0.0.1\n  prot: 8080\n`);
    const err = errorOf(() => loadConfig({ configPath: file, env: {} }));
    expect(err.code).toBe('E_CONFIG_INVALID');
    expect(err.message).toContain(`${file}:4`);
    expect(err.message).toContain('unknown key http.prot');
  });

  it('refuses an inline password', () => {
    const file = write('inline.yaml', MAILBOX.replace('passwordEnv: VANPHONG_PASSWORD', 'password: hunter2'));
    const err = errorOf(() => loadConfig({ configPath: file, env: {} }));
    expect(err.message).toContain('mailboxes[0].imap.password');
    expect(err.message).not.toContain('hunter2');
  });

  it('says what is expected for a wrong type', () => {
    const file = write('port.yaml', `http: { port: "eighty" }\n`);
    const err = errorOf(() => loadConfig({ configPath: file, env: {} }));
    expect(err.message).toMatch(/http\.port: expected a port number/);
  });

  it('rejects a bad size and a bad e-mail address', () => {
    const file = write('size.yaml', `ingress: { smtp: { maxMessageSize: lots } }\n${MAILBOX.replace('vanphong@example.gov.vn', 'not-an-address')}`);
    const err = errorOf(() => loadConfig({ configPath: file, env: { VANPHONG_PASSWORD: 'x' } }));
    expect(err.message).toContain('ingress.smtp.maxMessageSize: expected a size');
    expect(err.message).toContain('mailboxes[0].address: expected an e-mail address');
  });

  it('names the missing password variable', () => {
    const file = write('noenv.yaml', MAILBOX);
    const err = errorOf(() => loadConfig({ configPath: file, env: {} }));
    expect(err.code).toBe('E_CONFIG_SECRET');
    expect(err.message).toContain('VANPHONG_PASSWORD');
  });

  it('reports YAML syntax errors with the line', () => {
    const file = write('broken.yaml', `http:\n  port: [8080\n`);
    const err = errorOf(() => loadConfig({ configPath: file, env: {} }));
    expect(err.code).toBe('E_CONFIG_INVALID');
    expect(err.message).toContain('not valid YAML');
  });

  it('fails clearly when the named file does not exist', () => {
    expect(errorOf(() => loadConfig({ configPath: path.join(dir, 'nope.yaml'), env: {} })).code).toBe('E_CONFIG_NOT_FOUND');
  });
});
