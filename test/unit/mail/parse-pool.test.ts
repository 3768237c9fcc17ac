import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { ParsePool } from '../../../mail-worker/mail/parse-pool.js';
import { buildMessage } from '../../../scripts/sample-mail.js';
import { tempDir } from '../../helpers/tmp.js';

const blobRoot = tempDir();

describe('ParsePool', () => {
  it('answers every task with its own outcome, in any mix of sizes', async () => {
    const pool = new ParsePool({ threads: 2, timeoutMs: 30_000 });
    afterAll(() => pool.close());
    const raws = Array.from({ length: 40 }, (_, i) => buildMessage({
      subject: `thư ${i}`, messageId: `p${i}@x`,
      ...(i % 7 === 0 ? { attachment: { filename: 'a.bin', contentType: 'application/octet-stream', content: Buffer.alloc(400_000, i) } } : {}),
    }));
    const outcomes = await Promise.all(raws.map((raw) => pool.run({ raw, blobRoot, storeRaw: true, maxParseSize: 50e6 })));
    outcomes.forEach((outcome, i) => {
      expect(outcome.ok && outcome.parsed.subject).toBe(`thư ${i}`);
      expect(outcome.rawSha256).toBe(createHash('sha256').update(raws[i]!).digest('hex'));
    });
  });

  it('fails a task that runs past the time limit with E_PARSE_TIMEOUT and keeps serving the others', async () => {
    const pool = new ParsePool({ threads: 1, timeoutMs: 1 });
    afterAll(() => pool.close());
    const big = buildMessage({ attachment: { filename: 'scan.pdf', contentType: 'application/pdf', content: Buffer.alloc(20_000_000, 1) } });
    const outcome = await pool.run({ raw: big, blobRoot, storeRaw: false, maxParseSize: 50e6 });
    expect(outcome).toMatchObject({ ok: false, code: 'E_PARSE_TIMEOUT' });
    expect(outcome.rawSha256).toBe(createHash('sha256').update(big).digest('hex'));
  });

  it('blames a timeout on the message being parsed, not on the one before it in the line', async () => {
    const pool = new ParsePool({ threads: 1, timeoutMs: 400 });
    afterAll(() => pool.close());
    for (let i = 0; i < 3; i++) await pool.run({ raw: buildMessage({ subject: `warm ${i}` }), blobRoot, storeRaw: false, maxParseSize: 100e6 });
    const small = buildMessage({ subject: 'nhỏ' });
    // A text attachment is decoded by mailparser itself, line by line (only binary ones are set aside and decoded
    // natively), so 80 MB of it takes seconds: far past the limit on any machine.
    const huge = buildMessage({ attachment: { filename: 'bang-ke.txt', contentType: 'text/plain', content: Buffer.alloc(80_000_000, 0x61) } });
    const after = buildMessage({ subject: 'sau' });
    const [a, b, c] = await Promise.all([small, huge, after].map((raw) => pool.run({ raw, blobRoot, storeRaw: false, maxParseSize: 200e6 })));
    expect(a).toMatchObject({ ok: true });
    expect(b).toMatchObject({ ok: false, code: 'E_PARSE_TIMEOUT' });
    expect(c).toMatchObject({ ok: true }); // handed to the fresh worker, not failed with the culprit
  });
});
