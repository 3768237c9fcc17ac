// The one place an IMAP connection is made (imapflow), from a mailbox's settings: the watcher and the IMAP actions
// of routing rules both use it.
import { ImapFlow } from 'imapflow';
import type { MailboxConfig } from '../config/load.js';

export function imapClientOf(mailbox: MailboxConfig, options: { maxIdleTime?: number } = {}): ImapFlow {
  const { imap } = mailbox;
  return new ImapFlow({
    host: imap.host,
    port: imap.port,
    secure: imap.secure,
    auth: { user: imap.user, pass: imap.password.reveal() },
    tls: { rejectUnauthorized: imap.tls.rejectUnauthorized, ...(imap.tls.servername ? { servername: imap.tls.servername } : {}) },
    logger: false,
    autoIdleDelay: 250,
    ...(options.maxIdleTime ? { maxIdleTime: options.maxIdleTime } : {}),
    connectionTimeout: 30_000,
    greetingTimeout: 16_000,
    disableCompression: true,
  });
}
