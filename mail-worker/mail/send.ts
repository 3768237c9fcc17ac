// Outgoing mail through the configured relay (nodemailer): the one place vanthu sends e-mail from.
import nodemailer, { type Transporter } from 'nodemailer';
import type { RelayConfig } from '../config/load.js';

export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
  /** Stable per outbox row, so a repeated attempt is recognisably the same message. */
  messageId: string;
  inReplyTo?: string | null;
  /** A message attached as message/rfc822 (a forward). */
  attachedMessage?: { filename: string; content: Buffer } | null;
}

export interface MailSender {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

export function createMailSender(relay: RelayConfig): MailSender {
  const transport: Transporter = nodemailer.createTransport({
    host: relay.host,
    port: relay.port,
    secure: relay.secure,
    ...(relay.user && relay.password ? { auth: { user: relay.user, pass: relay.password.reveal() } } : {}),
    tls: { rejectUnauthorized: relay.tls.rejectUnauthorized },
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  return {
    async send(mail) {
      await transport.sendMail({
        from: relay.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        messageId: mail.messageId,
        ...(mail.inReplyTo ? { inReplyTo: `<${mail.inReplyTo}>`, references: [`<${mail.inReplyTo}>`] } : {}),
        ...(mail.attachedMessage
          ? { attachments: [{ filename: mail.attachedMessage.filename, content: mail.attachedMessage.content, contentType: 'message/rfc822' }] }
          : {}),
      });
    },
    close() {
      transport.close();
    },
  };
}
