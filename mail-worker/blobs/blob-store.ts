// Content-addressed file store for raw messages: the SHA-256 is the name, so writes are idempotent.
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { mkdir, open, rename } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';

export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export class BlobStore {
  /** Folders known to exist, so each write does not ask the file system again. */
  readonly #dirs = new Set<string>();

  constructor(readonly root: string) {}

  pathOf(sha256: string): string {
    if (!/^[0-9a-f]{64}$/.test(sha256)) throw new Error(`not a SHA-256 digest: ${sha256}`);
    // One level of 256 folders: few enough that each exists after the first writes (no mkdir per message).
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  has(sha256: string): boolean {
    return existsSync(this.pathOf(sha256));
  }

  /**
   * Store bytes under their digest. The file is written to a temporary name, flushed, renamed and its folder
   * flushed, so a crash leaves either nothing or the whole file; writing the same bytes twice is harmless. The work
   * runs on libuv's thread pool, so it overlaps with the caller's CPU work (parsing).
   */
  async put(data: Uint8Array, knownSha256: string): Promise<string> {
    const target = this.pathOf(knownSha256);
    if (existsSync(target)) return knownSha256;
    const dir = path.dirname(target);
    if (!this.#dirs.has(dir)) {
      await mkdir(dir, { recursive: true });
      this.#dirs.add(dir);
    }
    const temp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
    const handle = await open(temp, 'w', 0o640);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
    // The new name must reach the disk too, or a power loss could leave a committed entry without its file.
    const dirHandle = await open(dir, 'r');
    try {
      await dirHandle.sync();
    } finally {
      await dirHandle.close();
    }
    return knownSha256;
  }

  read(sha256: string): Buffer {
    return readFileSync(this.pathOf(sha256));
  }

  stream(sha256: string): Readable {
    return createReadStream(this.pathOf(sha256));
  }
}
