/**
 * Hands a stored notice to SMTP and says what a failure means. Only a reply code proves what
 * the server did (RFC 5321 4.2): 5xx refused for good, 4xx try later. Without one, a failure
 * while connecting means nothing was offered (safe to retry); any other break may have come
 * after the server took the message, so the notice is uncertain and never sent again.
 */
import type { Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { describeError } from '../../errors.ts';
import { createSmtpTransport } from '../../mail/smtp.ts';
import type { NoticeRoute } from './route.ts';

export type NoticeTransport = Pick<Transporter<SMTPTransport.SentMessageInfo>, 'sendMail' | 'close'>;
export type TransportFactory = (route: NoticeRoute) => NoticeTransport;

export const smtpTransports: TransportFactory = (route) => createSmtpTransport(route.smtp, false);

export type FailureKind = 'retry' | 'failed' | 'uncertain';

export function classifyFailure(err: unknown): { kind: FailureKind; message: string } {
  const e = (err ?? {}) as {
    code?: string;
    responseCode?: number;
    command?: string;
    syscall?: string;
    response?: string;
  };
  const message = (e.response ?? describeError(err)).slice(0, 500);
  if (typeof e.responseCode === 'number') {
    // A refused login (535, RFC 4954) is our configuration, not the notice: retry after a fix.
    if (e.responseCode >= 500 && e.code !== 'EAUTH') return { kind: 'failed', message };
    return { kind: 'retry', message };
  }
  const beforeOffer =
    e.syscall === 'connect' ||
    e.command === 'CONN' ||
    e.code === 'EDNS' ||
    e.code === 'ETLS' ||
    e.code === 'EAUTH';
  return { kind: beforeOffer ? 'retry' : 'uncertain', message };
}
