/** The repository's test mail host: a private Dovecot, an SMTP sink and a message builder. */

export type { AppendResult, DovecotHost, DovecotOptions, MailUser } from './dovecot.ts';
export { startDovecot } from './dovecot.ts';
export { CAPABILITIES_WITHOUT_IDLE, SPECIAL_FOLDERS } from './dovecot-config.ts';
export { INSTALL_COMMAND, MAIL_SYSTEM_USER } from './dovecot-process.ts';
export type { MessageSpec } from './message.ts';
export { makeMessage, rfc5322Date } from './message.ts';
export { probePort } from './net.ts';
export type { OAuth2Server, TokenRequest } from './oauth2.ts';
export { startOAuth2Server } from './oauth2.ts';
export type { SmtpRecord, SmtpReply, SmtpSink, SmtpSinkOptions } from './smtp.ts';
export { startSmtpSink } from './smtp.ts';
