// Routing rules' IMAP actions on the copy a message was fetched from: move, copy, flag, keyword. The folder's
// UIDVALIDITY is checked first, so a renumbered folder never gets the wrong message moved.
import type { MailboxConfig } from '../config/load.js';
import { imapClientOf } from './imap-client.js';

export interface ImapLocation {
  mailboxId: string;
  folder: string;
  uidValidity: number;
  uid: number;
}

export interface ImapAction {
  move?: string;
  copy?: string;
  flag?: string;
  keyword?: string;
}

/** Thrown when the action can never be carried out (the folder was renumbered): retrying would not help. */
export class ImapActionImpossible extends Error {}

export async function runImapAction(mailbox: MailboxConfig, where: ImapLocation, action: ImapAction): Promise<void> {
  const client = imapClientOf(mailbox);
  client.on('error', () => undefined); // reported through the rejected calls below
  await client.connect();
  try {
    const opened = await client.mailboxOpen(where.folder);
    if (Number(opened.uidValidity) !== where.uidValidity) {
      throw new ImapActionImpossible(`${where.mailboxId}/${where.folder} was renumbered (UIDVALIDITY ${opened.uidValidity}, the message had ${where.uidValidity})`);
    }
    const uid = String(where.uid);
    const flags = [action.flag, action.keyword].filter((f): f is string => Boolean(f));
    if (flags.length > 0) await client.messageFlagsAdd(uid, flags, { uid: true });
    if (action.copy) {
      await ensureFolder(client, action.copy);
      await client.messageCopy(uid, action.copy, { uid: true });
    }
    if (action.move) {
      await ensureFolder(client, action.move);
      // A message moved already (a repeat after a crash) is simply not there: nothing happens.
      await client.messageMove(uid, action.move, { uid: true });
    }
  } finally {
    await client.logout().catch(() => client.close());
  }
}

async function ensureFolder(client: ReturnType<typeof imapClientOf>, folder: string): Promise<void> {
  const list = await client.list();
  if (!list.some((box) => box.path === folder)) await client.mailboxCreate(folder);
}
