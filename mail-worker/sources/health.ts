// In-memory health of every watched folder, shown by GET /api/health and logged when it changes.
import type { Logger } from '../log.js';

export interface FolderHealth {
  mailboxId: string;
  folder: string;
  connected: boolean;
  lastSync: string | null;
  backlog: number;
  registered: number;
  lastError: { code: string; message: string; at: string } | null;
}

export class HealthBoard {
  readonly #folders = new Map<string, FolderHealth>();

  constructor(private readonly log: Logger) {}

  folder(mailboxId: string, folder: string): FolderHealth {
    const key = `${mailboxId}\u0000${folder}`;
    let health = this.#folders.get(key);
    if (!health) {
      health = { mailboxId, folder, connected: false, lastSync: null, backlog: 0, registered: 0, lastError: null };
      this.#folders.set(key, health);
    }
    return health;
  }

  update(mailboxId: string, folder: string, change: Partial<FolderHealth>): void {
    const health = this.folder(mailboxId, folder);
    const wasConnected = health.connected;
    Object.assign(health, change);
    if (change.connected !== undefined && change.connected !== wasConnected) {
      this.log.info({ mailboxId, folder, connected: health.connected }, health.connected ? 'mailbox connected' : 'mailbox disconnected');
    }
  }

  all(): FolderHealth[] {
    return [...this.#folders.values()].map((h) => ({ ...h, lastError: h.lastError ? { ...h.lastError } : null }));
  }
}
