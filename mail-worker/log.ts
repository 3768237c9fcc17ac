// Structured logging (pino): one root logger, a child per component, secrets redacted wherever they appear.
import { pino, type Logger } from 'pino';

export type { Logger };

const REDACT = ['password', '*.password', '*.*.password', 'pass', '*.pass', 'auth.pass', 'token', '*.token', 'authorization', '*.authorization'];

export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  const options = { level, base: { app: 'vanthu' }, redact: { paths: REDACT, censor: '[redacted]' } };
  return destination ? pino(options, destination as pino.DestinationStream) : pino(options, pino.destination(2));
}
