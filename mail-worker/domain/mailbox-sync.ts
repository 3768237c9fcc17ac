// Pure decisions of a mailbox catch-up: where to resume and when a UIDVALIDITY change resets the checkpoint.

export interface Checkpoint {
  uidValidity: number;
  lastUid: number;
}

export interface SyncPlan {
  /** Fetch messages with UID greater than this. */
  afterUid: number;
  /** The checkpoint no longer applies: the server renumbered the folder. */
  uidValidityChanged: boolean;
}

/** Decide where a catch-up starts given the stored checkpoint and the folder's current UIDVALIDITY. */
export function planSync(checkpoint: Checkpoint | null, serverUidValidity: number): SyncPlan {
  if (!checkpoint) return { afterUid: 0, uidValidityChanged: false };
  if (checkpoint.uidValidity !== serverUidValidity) return { afterUid: 0, uidValidityChanged: true };
  return { afterUid: checkpoint.lastUid, uidValidityChanged: false };
}

/** UIDs still to fetch, in order; IMAP's `N:*` also returns the last message when its UID is below N. */
export function pendingUids(uids: readonly number[], afterUid: number): number[] {
  return uids.filter((uid) => uid > afterUid).sort((a, b) => a - b);
}

/** Group UIDs into FETCH commands of at most `maxCount` messages and about `maxBytes` bytes. */
export function chunkUids(uids: number[], sizes: Map<number, number>, maxCount: number, maxBytes: number): number[][] {
  const chunks: number[][] = [];
  let current: number[] = [];
  let bytes = 0;
  for (const uid of uids) {
    const size = sizes.get(uid) ?? 0;
    if (current.length > 0 && (current.length >= maxCount || bytes + size > maxBytes)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(uid);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
