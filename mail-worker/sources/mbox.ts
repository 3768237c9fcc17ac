// Splits an mbox file (mboxo/mboxrd, as Thunderbird and archive exports write) into messages, streaming.
import { createReadStream } from 'node:fs';

const FROM_LINE = Buffer.from('From ');

/**
 * True for an mbox separator line, "From sender Thu Nov 19 08:00:00 2026": it carries a time and a year. That tells
 * it apart from an obsolete "From  :" header and from an unescaped "From the ..." line in a body.
 */
export function isMboxStart(line: Buffer): boolean {
  const text = line.subarray(0, 256).toString('latin1').split('\n', 1)[0]!;
  return /^From [^\s:]+ .*\b\d{1,2}:\d{2}(:\d{2})?\b.*\b\d{4}\b/.test(text);
}

/** Yield each message of an mbox file; the "From " separator is dropped and ">From " lines unescaped. */
export async function* readMbox(file: string): AsyncGenerator<Buffer> {
  let lines: Buffer[] = [];
  let previousBlank = true;
  let carry = Buffer.alloc(0);
  const finish = (): Buffer | null => {
    // The blank line before a separator belongs to the mbox format, not to the message.
    while (lines.length > 0 && isBlank(lines[lines.length - 1]!)) lines.pop();
    const message = lines.length > 0 ? Buffer.concat(lines) : null;
    lines = [];
    return message;
  };
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    const data = carry.length > 0 ? Buffer.concat([carry, chunk]) : chunk;
    let start = 0;
    for (let nl = data.indexOf(0x0a, start); nl !== -1; nl = data.indexOf(0x0a, start)) {
      const line = data.subarray(start, nl + 1);
      start = nl + 1;
      if (previousBlank && isMboxStart(line)) {
        const message = finish();
        if (message) yield message;
        previousBlank = false;
        continue;
      }
      lines.push(unescapeFrom(line));
      previousBlank = isBlank(line);
    }
    carry = Buffer.from(data.subarray(start));
  }
  if (carry.length > 0) lines.push(unescapeFrom(carry));
  const last = finish();
  if (last) yield last;
}

function isBlank(line: Buffer): boolean {
  return line.length === 0 || (line.length === 1 && line[0] === 0x0a) || (line.length === 2 && line[0] === 0x0d && line[1] === 0x0a);
}

/** mboxrd: ">From ", ">>From ", ... lose one ">". */
function unescapeFrom(line: Buffer): Buffer {
  if (line[0] !== 0x3e) return line;
  let i = 0;
  while (line[i] === 0x3e) i++;
  return line.subarray(i, i + 5).equals(FROM_LINE) ? line.subarray(1) : line;
}
