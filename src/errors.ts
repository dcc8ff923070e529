/**
 * Typed errors. Every failure that crosses a module boundary carries a stable `code`
 * so callers decide retry / quarantine / fail from the code, never from message text.
 */
export type ErrorCode =
  // configuration
  | 'CONFIG_NOT_FOUND'
  | 'CONFIG_PARSE'
  | 'CONFIG_INVALID'
  | 'CONFIG_ENV_MISSING'
  // store
  | 'DB_UNREACHABLE'
  | 'DB_MIGRATION_FAILED'
  | 'DB_URL_INVALID'
  // installation
  /** a file `npm ci` generates is missing and could not be made again */
  | 'INSTALL_INCOMPLETE'
  // mail transport
  | 'IMAP_AUTH'
  | 'IMAP_CONNECT'
  | 'IMAP_PROTOCOL'
  /** the OAuth2 token endpoint refused the refresh token: a person must sign in again */
  | 'OAUTH2_REFUSED'
  /** the OAuth2 token endpoint did not answer, or failed on its side: retried */
  | 'OAUTH2_UNREACHABLE'
  | 'SMTP_AUTH'
  | 'SMTP_CONNECT'
  | 'SMTP_REJECTED'
  // pipeline stages
  | 'PARSE_FAILED'
  | 'CLASSIFY_FAILED'
  | 'EXTRACT_FAILED'
  | 'RANK_FAILED'
  | 'STORE_FAILED'
  | 'IMPORT_SOURCE'
  /** a worker thread running pipeline stages died or could not take the batch */
  | 'WORKER_FAILED'
  // templates and sequences
  | 'TEMPLATE_INVALID'
  | 'TEMPLATE_MISSING_VARIABLE'
  | 'TEMPLATE_RENDER_FAILED'
  | 'SEQUENCE_INVALID'
  | 'ILLEGAL_TRANSITION'
  | 'ALREADY_ENROLLED'
  | 'NOT_MAILABLE'
  | 'CONFLICT'
  | 'NOT_FOUND'
  | 'USAGE'
  // HTTP API
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN';

export class TrademailError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    options?: { cause?: unknown; details?: Record<string, unknown> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'TrademailError';
    this.code = code;
    this.details = options?.details;
  }
}

export function isTrademailError(err: unknown, code?: ErrorCode): err is TrademailError {
  return err instanceof TrademailError && (code === undefined || err.code === code);
}

/**
 * A short, single-line description of any thrown value, for logs, quarantine reasons and CLI
 * output: the first line of its message. Prisma's messages start with a blank line and
 * "Invalid `prisma.message.create()` invocation:", and say what went wrong on their last line,
 * so for those that line comes first and the call after it.
 */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const lines = err.message
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const first = lines[0];
  if (first === undefined) return err.name;
  // imapflow's "Command failed" carries the server's own words apart (a tagged NO or BAD).
  const server = (err as { responseText?: unknown }).responseText;
  if (typeof server === 'string' && server !== '' && !first.includes(server)) return `${first}: ${server}`;
  const call = /^Invalid `(.+)` invocation/.exec(first);
  return call && lines.length > 1 ? `${lines.at(-1)} (${call[1]})` : first;
}
