/**
 * SMTP transports from config (nodemailer, pooled). Failures map to our error codes:
 * 535 authentication (RFC 4954), connection errors, and other rejections.
 */
import type { Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { SmtpConfig } from '../config/schema.ts';
import { describeError, TrademailError } from '../errors.ts';
import { nodemailer } from '../lazy-packages.ts';

export function smtpOptions(cfg: SmtpConfig, pool = true): SMTPTransport.Options & { pool: boolean } {
  const auth = !cfg.auth
    ? undefined
    : 'accessToken' in cfg.auth
      ? { type: 'OAuth2' as const, user: cfg.auth.user, accessToken: cfg.auth.accessToken }
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
