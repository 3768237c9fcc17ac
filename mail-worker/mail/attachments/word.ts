// Word documents: DOCX through mammoth (after the ZIP check), Word 97 .doc through word-extractor.
import mammoth from 'mammoth';
import WordExtractor from 'word-extractor';
import { AttachmentTextError } from './limits.js';

export async function readDocx(bytes: Buffer): Promise<string> {
  try {
    const { value } = await mammoth.extractRawText({ buffer: bytes });
    return value;
  } catch (err) {
    throw new AttachmentTextError('E_ATTACHMENT_CORRUPT', `not a readable DOCX: ${(err as Error).message}`);
  }
}

export async function readDoc(bytes: Buffer): Promise<string> {
  try {
    const doc = await new WordExtractor().extract(bytes);
    return [doc.getHeaders({ includeFooters: false }), doc.getBody(), doc.getTextboxes({ includeHeadersAndFooters: false })].filter(Boolean).join('\n');
  } catch (err) {
    const message = (err as Error).message;
    // An encrypted OOXML file is an OLE container too; word-extractor cannot tell it from a damaged one.
    throw new AttachmentTextError('E_ATTACHMENT_CORRUPT', `not a readable Word 97 document (or an encrypted one): ${message}`);
  }
}
