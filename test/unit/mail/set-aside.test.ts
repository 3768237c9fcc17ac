// Setting large attachments aside must never change what is read: mailparser alone is the oracle, on every fixture
// message and on messages built to break the scan (odd bytes in base64, missing delimiters, bare LF, forged markers).
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { simpleParser } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { nfc } from '../../../mail-worker/domain/text.js';
import { parseMessage } from '../../../mail-worker/mail/parse.js';
import { setAsideLargeBodies } from '../../../mail-worker/mail/set-aside.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures');

function emlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.eml'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** What mailparser alone reads, and what vanthu reads: attachments in order (type, name, size, SHA-256) and text. */
async function bothReadings(raw: Buffer) {
  const oracle = await simpleParser(raw, { checksumAlgo: 'sha256', skipTextToHtml: true, skipImageLinks: true, skipTextLinks: true } as Parameters<typeof simpleParser>[1]);
  const ours = await parseMessage(raw);
  return {
    oracle: {
      attachments: oracle.attachments.map((a) => ({ contentType: a.contentType, filename: a.filename ? nfc(a.filename) : null, size: a.size, sha256: a.checksum })),
      text: nfc(oracle.text ?? ''),
    },
    ours: {
      attachments: ours.message.attachments.map((a) => ({ contentType: a.contentType, filename: a.filename, size: a.size, sha256: a.sha256 })),
      text: ours.message.text,
    },
  };
}

const wrap = (base64: string, eol = '\r\n') => base64.replace(/.{1,76}/g, `$&${eol}`);
const big = (bytes = 40_000) => randomBytes(bytes).toString('base64');

function multipart(parts: string[], boundary = 'b1', eol = '\r\n', close = true): string {
  return [
    'From: a@example.gov.vn', 'To: b@example.gov.vn', 'Subject: test', 'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`, '',
    'preamble --b1 not a delimiter', ...parts.flatMap((part) => [`--${boundary}`, part]), ...(close ? [`--${boundary}--`, 'epilogue'] : []),
  ].join(eol);
}

function attachment(body: string, type = 'application/pdf', name = 'van-ban.pdf', eol = '\r\n'): string {
  return [`Content-Type: ${type}; name="${name}"`, `Content-Disposition: attachment; filename="${name}"`, 'Content-Transfer-Encoding: base64', '', body].join(eol);
}

const TEXT = ['Content-Type: text/plain; charset=utf-8', '', 'Kính gửi: các đơn vị.'].join('\r\n');

describe('large attachments set aside from mailparser', () => {
  it('reads every fixture message exactly as mailparser alone does', async () => {
    let setAside = 0;
    const files = emlFiles(FIXTURES);
    expect(files.length).toBeGreaterThan(400);
    for (const file of files) {
      const raw = readFileSync(file);
      if (setAsideLargeBodies(raw)) setAside++;
      const { oracle, ours } = await bothReadings(raw);
      expect(ours.attachments, file).toEqual(oracle.attachments);
      expect(ours.text, file).toBe(oracle.text);
    }
    expect(setAside).toBeGreaterThan(20); // the fixtures do exercise the native path
  });

  const cases: Array<[string, () => string, number]> = [
    ['two attachments beside a text part', () => multipart([TEXT, attachment(wrap(big())), attachment(wrap(big(90_000)), 'application/msword', 'a.doc')]), 2],
    ['nested multipart/alternative and multipart/related', () => multipart([
      ['Content-Type: multipart/alternative; boundary="inner"', '', '--inner', TEXT, '--inner',
        'Content-Type: text/html; charset=utf-8', '', '<p>Kính gửi</p>', '--inner--', ''].join('\r\n'),
      ['Content-Type: multipart/related; boundary="rel"', '', '--rel', attachment(wrap(big()), 'image/png', 'logo.png'), '--rel--'].join('\r\n'),
      attachment(wrap(big())),
    ]), 2],
    ['bare LF line ends', () => multipart([TEXT.replaceAll('\r\n', '\n'), attachment(wrap(big(), '\n'), 'application/pdf', 'a.pdf', '\n')], 'b1', '\n'), 1],
    ['no padding and one line', () => multipart([TEXT, attachment(big(40_001).replace(/=+$/, ''))]), 1],
    ['base64url characters (mailparser drops them, Node would read them)', () => multipart([TEXT, attachment(wrap(big()).replace('A', '-').replace('B', '_'))]), 0],
    ['padding in the middle', () => multipart([TEXT, attachment(wrap(`${big(30_001)}${big(30_001)}`))]), 0],
    ['bytes with the high bit set', () => multipart([TEXT, attachment(wrap(big()).replace('A', '\u00c1'))]), 0],
    ['junk that both decoders skip', () => multipart([TEXT, attachment(wrap(big()).replace('A', 'A!*'))]), 1],
    ['no closing delimiter', () => multipart([TEXT, attachment(wrap(big())), attachment(wrap(big()))], 'b1', '\r\n', false), 1],
    ['a large base64 text part stays with mailparser', () => multipart([['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: base64', '', wrap(Buffer.from('Báo cáo. '.repeat(5000)).toString('base64'))].join('\r\n'), attachment(wrap(big()))]), 1],
    ['an embedded message is left whole', () => multipart([TEXT, ['Content-Type: message/rfc822', '', multipart([TEXT, attachment(wrap(big()))], 'b2')].join('\r\n')]), 0],
    ['a forged marker header', () => multipart([TEXT, `X-Vanthu-Set-Aside: 0000000000000000-0\r\n${attachment(wrap(big()))}`, attachment(wrap(big()))]), 2],
    // Found by review: mailsplit reads a bare delimiter at the very end of the input as content (its "A" then joins
    // an unpadded body's last group), and inside a multipart never closed it no longer sees the outer delimiters.
    ['a delimiter with no line break at the end of the input', () => `${multipart([TEXT, attachment(wrap(big(30_001)).replace(/=+\r\n$/, '\r\n').trimEnd())], 'A', '\r\n', false)}\r\n--A`, 0],
    ['an outer delimiter inside a nested multipart that is never closed', () => multipart([
      ['Content-Type: multipart/mixed; boundary="B"', '', '--B', 'X-Note: never closed'].join('\r\n'),
      attachment(wrap(big(30_000))),
    ], 'A').replace('--A--\r\nepilogue', '--A--\r\nQUJDREVGR0hJSktM'), 0],
    ['a boundary that is a prefix of a line', () => multipart([TEXT, attachment(`${wrap(big())}--b1x\r\n${wrap(big())}`)]), 0],
  ];

  it.each(cases)('%s', async (_name, build, expectedSetAside) => {
    const raw = Buffer.from(build(), 'latin1');
    expect(setAsideLargeBodies(raw)?.bodies.length ?? 0).toBe(expectedSetAside);
    const { oracle, ours } = await bothReadings(raw);
    expect(oracle.attachments.length).toBeGreaterThan(0);
    expect(ours).toEqual(oracle);
  });

  it('sets nothing aside past the 1,000-part limit of mailsplit', () => {
    const raw = Buffer.from(multipart([...Array.from({ length: 1000 }, () => TEXT), attachment(wrap(big()))]));
    expect(setAsideLargeBodies(raw)).toBeNull();
    expect(setAsideLargeBodies(Buffer.from(multipart([...Array.from({ length: 10 }, () => TEXT), attachment(wrap(big()))])))?.bodies.length).toBe(1);
  });

  it('keeps the bytes of a set-aside attachment whose text is wanted', async () => {
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(60_000)]);
    const raw = Buffer.from(multipart([TEXT, attachment(wrap(pdf.toString('base64')))]));
    expect(setAsideLargeBodies(raw)?.bodies.length).toBe(1);
    const parsed = await parseMessage(raw, { wanted: () => true, stillWanted: (_f, _t, head) => head.subarray(0, 5).toString() === '%PDF-', maxBytes: 1e6 });
    expect(parsed.kept[0]?.equals(pdf)).toBe(true);
    const tooSmall = await parseMessage(raw, { wanted: () => true, stillWanted: () => true, maxBytes: 1000 });
    expect(tooSmall.kept[0]).toBeNull();
  });
});
