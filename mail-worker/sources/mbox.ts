// Splits an mbox file (mboxo/mboxrd, as Thunderbird and archive exports write) into messages, streaming.
import { createReadStream } from 'node:fs';

const FROM_LINE = Buffer.from('From ');

/**
 * True when the file starts with an mbox separator ("From sender date"), not a header written in the obsolete
 * "From  : name" form.
 */
export function isMboxStart(head: Buffer): boolean {
  return /^From [^\s:]+[ \t]/.test(head.toString('latin1'));
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
