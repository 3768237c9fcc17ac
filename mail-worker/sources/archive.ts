// Reads an agency's archive for `vanthu ingest`: .eml files, maildir folders and mbox files, found under the given paths.
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { VanthuError } from '../errors.js';
import { isMboxStart, readMbox } from './mbox.js';

/** Files a directory walk treats as messages (maildir cur/new files are always messages). */
const MESSAGE_EXTENSIONS = new Set(['', '.eml', '.msg', '.txt', '.mail', '.mbox', '.mbx']);

export interface ArchiveItem {
  /** File path, with `#N` for the N-th message of an mbox. */
  origin: string;
  raw: Buffer;
}

/** Every file path under the given paths that may hold messages, in a stable order; throws E_IMPORT_PATH for a bad path. */
export async function listArchiveFiles(paths: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const given of paths) {
    const full = path.resolve(given);
    if (!existsSync(full)) throw new VanthuError('E_IMPORT_PATH', `${given}: no such file or directory`);
    const stat = statSync(full);
    if (stat.isFile()) files.push(full);
    else if (stat.isDirectory()) files.push(...(await walk(full)));
    else throw new VanthuError('E_IMPORT_PATH', `${given}: not a file or directory`);
  }
  return files;
}

async function walk(dir: string): Promise<string[]> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name));
  const names = new Set(entries.map((e) => e.name));
  const isMaildir = names.has('cur') && names.has('new');
  const out: string[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (isMaildir && entry.name === 'tmp') continue; // maildir tmp holds deliveries in progress
      out.push(...(isMaildir && (entry.name === 'cur' || entry.name === 'new') ? await maildirFiles(full) : await walk(full)));
    } else if (entry.isFile() && MESSAGE_EXTENSIONS.has(path.extname(entry.name).toLowerCase())) {
      out.push(full);
    }
  }
  return out;
}

async function maildirFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries.filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => path.join(dir, e.name)).sort();
}

/** Yield the messages of one file: the whole file, or each message of an mbox. */
export async function* readArchiveFile(file: string): AsyncGenerator<ArchiveItem> {
  if (await startsLikeMbox(file)) {
    let n = 0;
    for await (const raw of readMbox(file)) yield { origin: `${file}#${++n}`, raw };
    return;
  }
  yield { origin: file, raw: readFileSync(file) };
}

async function startsLikeMbox(file: string): Promise<boolean> {
  for await (const head of createReadStream(file, { start: 0, end: 255 }) as AsyncIterable<Buffer>) return isMboxStart(head);
  return false;
}
