// SMTP ingress (smtp-server): the embedded default source and a journaling/BCC target; 250 only after the commit.
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Logger } from '../log.js';
import { describeError, VanthuError } from '../errors.js';
import { looksLikeMessage } from '../mail/fingerprint.js';
import type { IngestPipeline } from '../pipeline/ingest.js';

export interface SmtpIngressOptions {
  host: string;
  port: number;
  maxMessageSize: number;
  pipeline: IngestPipeline;
  log: Logger;
}

type SmtpError = Error & { responseCode?: number };

function smtpError(responseCode: number, message: string): SmtpError {
  return Object.assign(new Error(message), { responseCode });
}

export class SmtpIngress {
  readonly #server: SMTPServer;
  readonly #options: SmtpIngressOptions;

  constructor(options: SmtpIngressOptions) {
    this.#options = options;
    this.#server = new SMTPServer({
      name: 'vanthu',
      banner: 'vanthu ingress',
      size: options.maxMessageSize,
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        this.#receive(stream, session).then(() => callback(), (err: SmtpError) => callback(err));
      },
    });
  }

  listen(): Promise<{ host: string; port: number }> {
    return new Promise((resolve, reject) => {
      this.#server.once('error', (err: NodeJS.ErrnoException) =>
        reject(new VanthuError('E_LISTEN', `SMTP ingress cannot listen on ${this.#options.host}:${this.#options.port}: ${err.code ?? err.message}`, err)));
      this.#server.listen(this.#options.port, this.#options.host, () => {
        this.#server.removeAllListeners('error');
        this.#server.on('error', (err) => this.#options.log.warn({ err: describeError(err) }, 'smtp ingress error'));
        const address = this.#server.server.address();
        resolve({ host: this.#options.host, port: typeof address === 'object' && address ? address.port : this.#options.port });
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }

  async #receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size <= this.#options.maxMessageSize) chunks.push(chunk);
    }
    if (stream.sizeExceeded || size > this.#options.maxMessageSize) {
      throw smtpError(552, `5.3.4 Message too large: ${size} bytes, limit ${this.#options.maxMessageSize} (E_MESSAGE_TOO_LARGE)`);
    }
    const raw = Buffer.concat(chunks, size);
    if (!looksLikeMessage(raw)) throw smtpError(554, '5.6.0 Not an e-mail message: no header section (E_MESSAGE_NOT_MIME)');
    try {
      const result = await this.#options.pipeline.submit(raw, {
        source: 'smtp', mailboxId: 'smtp', folder: null, uidValidity: null, uid: null,
      });
      this.#options.log.info(
        { entryId: result.entryId, incomingNumber: result.incomingNumber, outcome: result.outcome, remote: session.remoteAddress },
        'message received by SMTP',
      );
    } catch (err) {
      this.#options.log.error({ err: describeError(err) }, 'smtp message not committed');
      throw smtpError(451, '4.3.0 Register unavailable, try again later (E_STORE)');
    }
  }
}
