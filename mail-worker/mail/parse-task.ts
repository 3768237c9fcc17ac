// One message's work off the main thread: keep the raw bytes, fingerprint, parse, keep the attachments.
import { BlobStore } from '../blobs/blob-store.js';
import { describeError } from '../errors.js';
import type { ParsedMessage } from '../domain/types.js';
import { fingerprintOf, looksLikeMessage, withoutBom, type Fingerprint } from './fingerprint.js';
import { parseMessage } from './parse.js';

export interface ParseTask {
  raw: Uint8Array;
  rawSha256: string;
  blobRoot: string;
  maxParseSize: number;
}

export type ParseOutcome =
  | { ok: true; fingerprint: Fingerprint; parsed: ParsedMessage }
  | { ok: false; fingerprint: Fingerprint; code: string; reason: string };

export async function runParseTask(task: ParseTask): Promise<ParseOutcome> {
  const raw = Buffer.from(task.raw.buffer, task.raw.byteOffset, task.raw.byteLength);
  const blobs = new BlobStore(task.blobRoot);
  blobs.put(raw, task.rawSha256);
  const fingerprint = fingerprintOf(raw);
  if (raw.length > task.maxParseSize) {
    return { ok: false, fingerprint, code: 'E_MESSAGE_TOO_LARGE', reason: `${raw.length} bytes, limit ${task.maxParseSize}` };
  }
  if (!looksLikeMessage(raw)) {
    return { ok: false, fingerprint, code: 'E_MESSAGE_NOT_MIME', reason: 'no header section at the start of the message' };
  }
  try {
    const { message, attachmentContents } = await parseMessage(withoutBom(raw));
    for (const { sha256, content } of attachmentContents) blobs.put(content, sha256);
    return { ok: true, fingerprint, parsed: message };
  } catch (err) {
    return { ok: false, fingerprint, code: 'E_MESSAGE_PARSE', reason: describeError(err).message };
  }
}
