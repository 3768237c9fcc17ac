// Turns what imapflow and Node's socket/TLS layer throw into our stable codes, naming the mailbox.
import { VanthuError, type ErrorCode } from '../errors.js';

interface ImapLikeError {
  code?: string;
  message?: string;
  authenticationFailed?: boolean;
  tlsFailed?: boolean;
  mailboxMissing?: boolean;
  responseText?: string;
  _err?: unknown;
}

const CONNECT_CODES = new Set([
  'ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNRESET', 'EPIPE', 'EAI_AGAIN',
  'CONNECT_TIMEOUT', 'GREETING_TIMEOUT', 'UPGRADE_TIMEOUT', 'ETIMEOUT', 'NoConnection', 'EConnectionClosed',
  'ClosedAfterConnectText', 'ClosedAfterConnectTLS',
]);

/** The code for an IMAP failure; TLS is recognised by Node's certificate error codes. */
export function imapErrorCode(err: unknown): ErrorCode {
  const e = (err ?? {}) as ImapLikeError;
  const inner = (e._err ?? {}) as ImapLikeError;
  const code = e.code ?? inner.code ?? '';
  if (e.authenticationFailed) return 'E_IMAP_AUTH';
  if (e.tlsFailed || /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ERR_TLS|ERR_SSL/.test(code)) return 'E_IMAP_TLS';
  if (e.mailboxMissing) return 'E_IMAP_FOLDER';
  if (CONNECT_CODES.has(code)) return 'E_IMAP_CONNECT';
  return 'E_IMAP_PROTOCOL';
}

export function imapError(err: unknown, where: string): VanthuError {
  const code = imapErrorCode(err);
  const e = (err ?? {}) as ImapLikeError;
  const detail = e.responseText || e.message || String(err);
  return new VanthuError(code, `${where}: ${detail}`, err);
}
