// OpenDocument text: content.xml out of the ZIP (fflate) and its text nodes (saxes, no entity expansion).
import { unzipSync } from 'fflate';
import { SaxesParser } from 'saxes';
import { AttachmentTextError } from './limits.js';

export function readOdt(bytes: Buffer, maxBytes: number): string {
  let content: Uint8Array | undefined;
  try {
    content = unzipSync(new Uint8Array(bytes), { filter: (file) => file.name === 'content.xml' && file.originalSize <= maxBytes })['content.xml'];
  } catch (err) {
    throw new AttachmentTextError('E_ATTACHMENT_CORRUPT', `not a readable ODT: ${(err as Error).message}`);
  }
  if (!content) throw new AttachmentTextError('E_ATTACHMENT_CORRUPT', 'no content.xml in the ODT');
  const out: string[] = [];
  let skip = 0;
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => {
    if (tag.name === 'office:annotation') skip++;
    else if (tag.name === 'text:s') out.push(' '.repeat(Number(tag.attributes['text:c'] ?? 1) || 1));
    else if (tag.name === 'text:tab') out.push('\t');
    else if (tag.name === 'text:line-break') out.push('\n');
  });
  parser.on('closetag', (tag) => {
    if (tag.name === 'office:annotation') skip--;
    else if (tag.name === 'text:p' || tag.name === 'text:h') out.push('\n');
    else if (tag.name === 'table:table-cell') out.push('\t');
  });
  parser.on('text', (text) => {
    if (skip === 0) out.push(text);
  });
  try {
    parser.write(new TextDecoder().decode(content)).close();
  } catch (err) {
    throw new AttachmentTextError('E_ATTACHMENT_CORRUPT', `damaged ODT content: ${(err as Error).message}`);
  }
  return out.join('').trim();
}
