/**
 * One root pino logger; components take child loggers with fixed context fields
 * (`{ component: 'sync', mailbox: 'inquiries', folder: 'INBOX' }`). Log objects, not strings.
 * Secrets are redacted by path so a config or connection object can be logged safely.
 */
import { pino } from 'pino';

export type Logger = pino.Logger;

const REDACT = [
  '*.password',
  '*.accessToken',
  '*.auth.pass',
  '*.auth.password',
  '*.auth.accessToken',
  'auth.password',
  'auth.accessToken',
  'password',
  'accessToken',
  'token',
  '*.oauth2.clientSecret',
  '*.oauth2.refreshToken',
  '*.auth.oauth2.clientSecret',
  '*.auth.oauth2.refreshToken',
  'refreshToken',
  'clientSecret',
];

export function createLogger(options: { level?: string; destination?: pino.DestinationStream } = {}): Logger {
  const base = {
    level: options.level ?? process.env.TRADEMAIL_LOG_LEVEL ?? 'info',
    redact: { paths: REDACT, censor: '[redacted]' },
  };
  // Logs go to stderr so commands like `status --json` keep stdout for their output.
  return pino({ ...base, base: { app: 'trademail' } }, options.destination ?? pino.destination(2));
}

/** A logger that drops everything, for pure-code tests and library use. */
export const silentLogger: Logger = pino({ level: 'silent' });
