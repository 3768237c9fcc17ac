// The ceiling: imapflow FETCH + mailparser simpleParser with its defaults, one thread, nothing stored.
import { ImapFlow } from 'imapflow';
import { simpleParser } from 'mailparser';

export interface RateResult {
  messages: number;
  bytes: number;
  seconds: number;
}

export async function fetchAll(host: string, port: number, user: string, pass: string, parse: boolean): Promise<RateResult> {
  const client = new ImapFlow({ host, port, secure: false, auth: { user, pass }, logger: false });
  await client.connect();
  try {
    await client.mailboxOpen('INBOX');
    const started = process.hrtime.bigint();
    let messages = 0;
    let bytes = 0;
    for await (const message of client.fetch('1:*', { uid: true, source: true }, { uid: true })) {
      if (!message.source) continue;
      if (parse) await simpleParser(message.source);
      messages++;
      bytes += message.source.length;
    }
    return { messages, bytes, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
  } finally {
    await client.logout();
  }
}
