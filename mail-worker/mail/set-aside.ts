// Large base64 attachments are set aside before mailparser sees the message: mailparser would decode them in
// JavaScript line by line, Node decodes them natively, and the bytes are only hashed (or read for their text).
import { MimeNode } from '@zone-eu/mailsplit';
import { isAscii } from 'node:buffer';
import { randomBytes } from 'node:crypto';
import { sha256Hex } from '../blobs/blob-store.js';

/** The header put on each part whose body was set aside, so mailparser's attachment can be matched to it. */
export const SET_ASIDE_HEADER = 'x-vanthu-set-aside';

/** Smaller bodies are left to mailparser: setting them aside would not pay for itself. */
const MIN_BODY_BYTES = 16 * 1024;
const MAX_DEPTH = 16;
const MAX_HEADER_BYTES = 64 * 1024;
/** mailsplit's own limit (maxChildNodes): past it mailparser fails the message anyway. */
const MAX_NODES = 1000;

interface BodyRange {
  headerStart: number;
  bodyStart: number;
  bodyEnd: number;
}

export interface SetAside {
  /** The message without the set-aside bodies, each of their parts marked with `SET_ASIDE_HEADER: <marker>-<i>`. */
  light: Buffer;
  marker: string;
  bodies: BodyRange[];
}

export interface SetAsideBody {
  bytes: Buffer;
  sha256: string;
}

/**
 * Finds the leaf parts of a multipart message that are base64, not text, and large, and that Node decodes as
 * mailparser would. A body runs to the next delimiter line of its parent, so it holds none of any level; as long as
 * every nested multipart is closed and no embedded message is read into, mailsplit meets the same delimiters, and
 * removing the body leaves the structure mailparser reads unchanged. parse.ts still checks that mailparser met every
 * marked part, and parses the whole message when it did not or when the light parse fails. Null when there is
 * nothing to set aside, or when the message is not one whose structure the scan is sure of.
 */
export function setAsideLargeBodies(raw: Buffer): SetAside | null {
  const scan: Scan = { raw, bodies: [], nodes: 0, unsafe: false };
  scanEntity(scan, 0, raw.length, 0, true);
  const { bodies } = scan;
  if (scan.unsafe || bodies.length === 0) return null;
  const marker = randomBytes(8).toString('hex');
  const pieces: Buffer[] = [];
  let at = 0;
  for (const [i, body] of bodies.entries()) {
    const eol = raw[body.bodyStart - 2] === 0x0d ? '\r\n' : '\n';
    pieces.push(raw.subarray(at, body.headerStart), Buffer.from(`${SET_ASIDE_HEADER}: ${marker}-${i}${eol}`), raw.subarray(body.headerStart, body.bodyStart));
    at = body.bodyEnd;
  }
  pieces.push(raw.subarray(at));
  return { light: Buffer.concat(pieces), marker, bodies };
}

/** The decoded bytes of a set-aside body and their SHA-256, as mailparser's base64 decoder would have given them. */
export function decodeSetAside(raw: Buffer, body: BodyRange): SetAsideBody {
  const bytes = Buffer.from(raw.toString('latin1', body.bodyStart, body.bodyEnd), 'base64');
  return { bytes, sha256: sha256Hex(bytes) };
}

/** Which set-aside body an attachment's marker header names, or null. */
export function setAsideIndex(header: unknown, setAside: SetAside): number | null {
  const value: unknown = Array.isArray(header) ? header[0] : header; // ours comes first; a forged one may follow
  if (typeof value !== 'string' || !value.startsWith(`${setAside.marker}-`)) return null;
  const index = Number(value.slice(setAside.marker.length + 1));
  return Number.isInteger(index) && index >= 0 && index < setAside.bodies.length ? index : null;
}

interface Scan {
  raw: Buffer;
  bodies: BodyRange[];
  nodes: number;
  /** Set when mailsplit might read the structure otherwise: nothing is set aside then. */
  unsafe: boolean;
}

function scanEntity(scan: Scan, start: number, end: number, depth: number, root: boolean): void {
  const { raw } = scan;
  if (scan.unsafe) return;
  if (++scan.nodes > MAX_NODES || depth > MAX_DEPTH) {
    scan.unsafe = true;
    return;
  }
  const bodyStart = headerEnd(raw, start, end);
  if (bodyStart < 0) return;
  const node = new MimeNode(false);
  node.addHeaderChunk(raw.subarray(start, bodyStart));
  node.parseHeaders();
  const contentType = node.contentType || '';
  if (node.multipart && node._boundary) {
    const { parts, closed } = partsOf(raw, bodyStart, end, node._boundary);
    // Inside a multipart never closed, mailsplit no longer sees its ancestors' delimiters: the parts it reads after
    // that point are not the ones found here.
    if (!closed && !root) scan.unsafe = true;
    for (const part of parts) scanEntity(scan, part.start, part.end, depth + 1, false);
    return;
  }
  // mailsplit reads into an embedded message, where an unclosed multipart would hide this message's delimiters.
  if (contentType.startsWith('message/')) {
    scan.unsafe = true;
    return;
  }
  // The root is left whole (mailparser may read an mbox line or a missing Content-Type there), and so is anything
  // mailparser reads as text.
  if (root || node.encoding !== 'base64' || !node.headers || node.headers.get('Content-Type').length === 0) return;
  if (/^(text|multipart)\//.test(contentType)) return;
  if (end - bodyStart >= MIN_BODY_BYTES && decodesAlike(raw, bodyStart, end)) scan.bodies.push({ headerStart: start, bodyStart, bodyEnd: end });
}

/** Where the body starts: after the empty line that ends the header section (CRLF or bare LF); -1 if none. */
function headerEnd(raw: Buffer, start: number, end: number): number {
  const limit = Math.min(end, start + MAX_HEADER_BYTES);
  if (raw[start] === 0x0a || (raw[start] === 0x0d && raw[start + 1] === 0x0a)) return -1; // no header lines
  for (let at = raw.indexOf(0x0a, start); at >= 0 && at < limit; at = raw.indexOf(0x0a, at + 1)) {
    if (raw[at + 1] === 0x0a) return at + 2 <= end ? at + 2 : -1;
    if (raw[at + 1] === 0x0d && raw[at + 2] === 0x0a) return at + 3 <= end ? at + 3 : -1;
  }
  return -1;
}

/**
 * The parts between the delimiter lines of a multipart body, as mailsplit reads them: a delimiter is a line of
 * exactly `--boundary` or `--boundary--` ended by a line break (at the very end of the input mailsplit reads a bare
 * `--boundary` as content), and the line break before it belongs to it. A body with no closing delimiter yields
 * nothing for its last part.
 */
function partsOf(raw: Buffer, start: number, end: number, boundary: Buffer): { parts: Array<{ start: number; end: number }>; closed: boolean } {
  const delimiter = Buffer.concat([Buffer.from('--'), boundary]);
  const parts: Array<{ start: number; end: number }> = [];
  let partStart = -1;
  let from = start;
  while (from < end) {
    const at = raw.indexOf(delimiter, from);
    if (at < 0 || at + delimiter.length > end) break;
    from = at + delimiter.length;
    if (at !== start && raw[at - 1] !== 0x0a) continue;
    const after = at + delimiter.length;
    const closing = raw[after] === 0x2d && raw[after + 1] === 0x2d && lineEndsAt(raw, after + 2);
    if (!closing && !lineEndsAt(raw, after)) continue;
    if (partStart >= 0) parts.push({ start: partStart, end: at - (raw[at - 2] === 0x0d ? 2 : 1) });
    if (closing) return { parts, closed: true };
    const lineEnd = raw.indexOf(0x0a, at);
    if (lineEnd < 0 || lineEnd + 1 >= end) break;
    partStart = lineEnd + 1;
  }
  return { parts, closed: false };
}

function lineEndsAt(raw: Buffer, at: number): boolean {
  return raw[at] === 0x0a || (raw[at] === 0x0d && raw[at + 1] === 0x0a);
}

/**
 * Whether Node's decoder gives the bytes mailparser's (libbase64) would. Both skip what is not base64, but libbase64
 * reads the bytes as ASCII with the high bit dropped, and Node also reads base64url's `-` and `_` and stops at a `=`
 * that libbase64 reads past. So: ASCII only, no `-` or `_`, and `=` only as the final padding. Native searches,
 * where a look at every byte in JavaScript would cost as much as mailparser's decoding.
 */
function decodesAlike(raw: Buffer, start: number, end: number): boolean {
  const body = raw.subarray(start, end);
  if (!isAscii(body) || body.includes(0x2d) || body.includes(0x5f)) return false;
  const pad = body.indexOf(0x3d);
  return pad < 0 || /^=[=\r\n\t ]*$/.test(body.toString('latin1', pad));
}
