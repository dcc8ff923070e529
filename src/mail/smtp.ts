/**
 * SMTP transports from config (nodemailer, pooled). Failures map to our error codes:
 * 535 authentication (RFC 4954), connection errors, and other rejections.
 */
import type { Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { SmtpConfig } from '../config/schema.ts';
import { describeError, TrademailError } from '../errors.ts';
import { nodemailer } from '../lazy-packages.ts';
import { accessTokensFor, type OAuth2Settings } from './oauth2.ts';

export function smtpOptions(cfg: SmtpConfig, pool = true): SMTPTransport.Options & { pool: boolean } {
  const auth = !cfg.auth
    ? undefined
    : 'accessToken' in cfg.auth
      ? { type: 'OAuth2' as const, user: cfg.auth.user, accessToken: cfg.auth.accessToken }
      : 'oauth2' in cfg.auth
        ? {
            type: 'OAuth2' as const,
            user: cfg.auth.user,
            provisionCallback: provision(cfg.auth.user, cfg.auth.oauth2),
          }
        : { user: cfg.auth.user, pass: cfg.auth.password };
  return {
    pool,
    host: cfg.host,
    port: cfg.port,
    secure: cfg.secure,
    requireTLS: !cfg.secure && cfg.requireTls,
    ignoreTLS: !cfg.secure && !cfg.requireTls,
    auth,
    connectionTimeout: 15_000,
    greetingTimeout: 10_000,
    socketTimeout: 60_000,
  } as SMTPTransport.Options & { pool: boolean };
}

/**
 * nodemailer asks for an access token before each login, with `renew` when the server refused
 * the last one (its XOAUTH2 handling); the token source shared with IMAP answers (oauth2.ts).
 */
function provision(user: string, settings: OAuth2Settings) {
  const tokens = accessTokensFor(user, settings);
  return (
    _user: string,
    renew: boolean,
    callback: (err: Error | null, token?: string, expires?: number) => void,
  ) => {
    tokens.get({ renew }).then(
      (t) => callback(null, t.accessToken, t.expiresAt),
      (err: Error) => callback(err),
    );
  };
}

export function createSmtpTransport(
  cfg: SmtpConfig,
  pool = true,
): Transporter<SMTPTransport.SentMessageInfo> {
  return nodemailer().createTransport(smtpOptions(cfg, pool));
}

export function smtpError(err: unknown, where: string): TrademailError {
  const e = err as { code?: string; responseCode?: number; response?: string };
  if (e?.code === 'EAUTH' || e?.responseCode === 535) {
    return new TrademailError('SMTP_AUTH', `${where}: login failed (${e.response ?? describeError(err)})`, {
      cause: err,
    });
  }
  if (e?.code && ['ECONNECTION', 'ETIMEDOUT', 'ESOCKET', 'EDNS', 'ECONNREFUSED'].includes(e.code)) {
    return new TrademailError('SMTP_CONNECT', `${where}: cannot connect (${describeError(err)})`, {
      cause: err,
    });
  }
  return new TrademailError('SMTP_REJECTED', `${where}: ${e?.response ?? describeError(err)}`, {
    cause: err,
    details: { responseCode: e?.responseCode },
  });
}
