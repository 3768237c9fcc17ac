// The outbox handler for routing rules' IMAP actions: finds where the entry's message was fetched from and acts there.
import type { MailboxConfig } from '../config/load.js';
import type { Db } from '../register/db.js';
import { ImapActionImpossible, runImapAction, type ImapAction } from '../sources/imap-actions.js';
import { OutboxImpossible, type OutboxHandler } from './dispatcher.js';

export function imapActionHandler(db: Db, mailboxes: readonly MailboxConfig[]): OutboxHandler {
  return async (row) => {
    const { imap } = JSON.parse(row.payload) as { imap: ImapAction };
    const where = db.prepare(`
      SELECT l.mailbox_id, l.folder, l.uid_validity, l.uid FROM message_locations l JOIN messages m ON m.id = l.message_row
      WHERE m.entry_id = ? AND l.source = 'imap' ORDER BY l.id LIMIT 1`).get(row.entry_id) as
      { mailbox_id: string; folder: string; uid_validity: number; uid: number } | undefined;
    if (!where) throw new OutboxImpossible('the message did not come from an IMAP mailbox: there is no copy to act on');
    const mailbox = mailboxes.find((m) => m.id === where.mailbox_id);
    if (!mailbox) throw new OutboxImpossible(`mailbox ${where.mailbox_id} is no longer configured`);
    try {
      await runImapAction(mailbox, { mailboxId: where.mailbox_id, folder: where.folder, uidValidity: where.uid_validity, uid: where.uid }, imap);
    } catch (err) {
      if (err instanceof ImapActionImpossible) throw new OutboxImpossible(err.message);
      throw err;
    }
  };
}
