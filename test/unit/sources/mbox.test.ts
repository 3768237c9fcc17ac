import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isMboxStart, readMbox } from '../../../mail-worker/sources/mbox.js';
import { tempDir } from '../../helpers/tmp.js';

describe('mbox', () => {
  it('splits on "From " separator lines after a blank line, keeps other From lines and unescapes >From', async () => {
    const file = path.join(tempDir(), 'a.mbox');
    writeFileSync(file, [
      'From a@x Thu Nov 19 08:00:00 2026', 'Subject: one', '', 'From the start of a line', '>From quoted', '>>From twice', '',
      'From b@x Thu Nov 19 09:00:00 2026', 'Subject: two', '', 'body two', '',
    ].join('\n'));
    const messages: string[] = [];
    for await (const m of readMbox(file)) messages.push(m.toString());
    expect(messages).toEqual([
      'Subject: one\n\nFrom the start of a line\nFrom quoted\n>From twice\n',
      'Subject: two\n\nbody two\n',
    ]);
  });

  it('tells an mbox separator from an obsolete "From  :" header', () => {
    expect(isMboxStart(Buffer.from('From a@x Thu Nov 19 08:00:00 2026\n'))).toBe(true);
    expect(isMboxStart(Buffer.from('From  : John <j@x>\n'))).toBe(false);
    expect(isMboxStart(Buffer.from('From: a@x\n'))).toBe(false);
    expect(isMboxStart(Buffer.from('From the start of a line\n'))).toBe(false);
    expect(isMboxStart(Buffer.from('From - Thu Nov 19 08:00:00 2026\n'))).toBe(true);
  });
});
