// One table of stable error codes: every user-facing error names what went wrong and what to do.
export const ERROR_CODES = {
  E_CONFIG_INVALID: 'The configuration is invalid: fix the named key and start again',
  E_CONFIG_NOT_FOUND: 'The configuration file given does not exist',
  E_CONFIG_SECRET: 'A password could not be read from its environment variable or file',
  E_IMAP_AUTH: 'The IMAP server refused the user name or password: check the mailbox credentials',
  E_IMAP_CONNECT: 'The IMAP server could not be reached: check host, port and network',
  E_IMAP_TLS: 'The IMAP server certificate is not trusted: install the CA or, for this server only, set imap.tls.rejectUnauthorized: false',
  E_IMAP_FOLDER: 'The folder could not be opened: check the folder name',
  E_IMAP_PROTOCOL: 'The IMAP server answered unexpectedly',
  E_MESSAGE_TOO_LARGE: 'The message is larger than the configured limit; its raw bytes are kept',
  E_MESSAGE_PARSE: 'The message could not be parsed; its raw bytes are kept for review',
  E_MESSAGE_NOT_MIME: 'The input is not an e-mail message (no header section)',
  E_PARSE_TIMEOUT: 'Parsing the message took longer than the limit; its raw bytes are kept',
  E_LISTEN: 'A port vanthu must listen on is taken or not allowed: change http.port or ingress.smtp.port, or stop the other program',
  E_IMPORT_PATH: 'The import path cannot be read',
  E_AUTH_REQUIRED: 'Authentication required: send the admin token or your user token as a Bearer token, or log in',
  E_FORBIDDEN: 'Your user does not have the role this needs (admin, clerk or signer): ask the mail admin (vanthu user roles)',
  E_USER: 'The user cannot be added or changed: see the reason',
  E_NOT_FOUND: 'No such record',
  E_BAD_REQUEST: 'The request is invalid',
  E_CONFIDENTIAL: 'The document is marked Mật, Tối mật or Tuyệt mật: the entry is quarantined, no text of it is kept, the security officer is alerted',
  E_LOW_CONFIDENCE: 'vanthu is not sure what kind of mail this is: a clerk checks the category (the entry is needs_review)',
  E_ATTACHMENT_TOO_LARGE: 'The attachment is larger than the size read for text; it is kept in the raw message',
  E_ATTACHMENT_BOMB: 'The attachment unpacks to far more than it weighs (a decompression bomb): its text is not read',
  E_ATTACHMENT_ENCRYPTED: 'The attachment is encrypted or password protected: a clerk must open it',
  E_ATTACHMENT_CORRUPT: 'The attachment is damaged or not what its name says: its text is not read',
  E_ATTACHMENT_TIMEOUT: 'Reading the attachment took longer than allowed: the message is registered without its text',
  E_NO_TEXT_LAYER: 'The PDF has no text layer (a scan): a clerk must read it',
  E_RULE_INVALID: 'The routing-rule file is invalid: nothing was saved; fix the named line and field',
  E_SIGN_KEY: 'The signing key cannot be opened: wrong password, or the PKCS#12 file is damaged or has no key and certificate',
  E_SIGN_INPUT: 'The document cannot be signed (not a readable PDF, or too small a signature space)',
  E_SIGN_NOT_CONFIGURED: 'Signing is not set up: give signatures.signing (p12 and passwordEnv or passwordFile) in vanthu.yaml',
  E_STORE: 'The register or the raw message store failed (disk full, permissions): nothing was registered, the source delivers again once it is fixed',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** An error that carries a stable code and a message a user can act on. */
export class VanthuError extends Error {
  readonly code: ErrorCode;
  override readonly cause?: unknown;

  constructor(code: ErrorCode, detail?: string, cause?: unknown) {
    super(detail ? `${detail}` : ERROR_CODES[code]);
    this.name = 'VanthuError';
    this.code = code;
    this.cause = cause;
  }
}

export function isVanthuError(err: unknown): err is VanthuError {
  return err instanceof VanthuError;
}

/** A short, log-safe description of any thrown value. */
export function describeError(err: unknown): { code: string; message: string } {
  if (isVanthuError(err)) return { code: err.code, message: err.message };
  if (err instanceof Error) return { code: (err as { code?: string }).code ?? 'E_INTERNAL', message: err.message };
  return { code: 'E_INTERNAL', message: String(err) };
}
