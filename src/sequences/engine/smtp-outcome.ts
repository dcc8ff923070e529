/**
 * What an SMTP failure means for the outbox. Only a reply code is proof of what the server did
 * (RFC 5321 4.2): 4xx, try again later; 5xx at RCPT TO, the recipient does not exist (bounce);
 * another 5xx, the message was refused. Without a reply code the connection broke: if that can
 * only have happened before the message was offered (no TCP connection, login refused), a retry
 * is safe; otherwise the server may have accepted it and the mail is `uncertain`.
 */
import { describeError } from '../../errors.ts';

export type SmtpFailureKind = 'retry' | 'bounce' | 'reject' | 'uncertain';

export interface SmtpFailure {
  kind: SmtpFailureKind;
  responseCode: number | null;
  /** The connection itself failed: other mails of the same mailbox would fail the same way now. */
  connectionLevel: boolean;
  message: string;
}

interface NodemailerError {
  code?: string;
  responseCode?: number;
  command?: string;
  syscall?: string;
  response?: string;
}

/** Failures raised before any part of the message can have reached the server. */
function beforeTransaction(e: NodemailerError): boolean {
  return e.syscall === 'connect' || e.code === 'EAUTH' || e.code === 'EDNS' || e.code === 'ETLS';
}

export function classifySmtpFailure(err: unknown): SmtpFailure {
  const e = (err ?? {}) as NodemailerError;
  const message = (e.response ?? describeError(err)).slice(0, 500);
  const code = typeof e.responseCode === 'number' ? e.responseCode : null;
  if (code !== null && code >= 400 && code < 500) {
    return {
      kind: 'retry',
      responseCode: code,
      connectionLevel: e.command === 'CONN' || e.code === 'EAUTH',
      message,
    };
  }
  if (code !== null && code >= 500) {
    // A login refused (535, RFC 4954) is our configuration, not the message: retry after a fix.
    if (e.code === 'EAUTH') return { kind: 'retry', responseCode: code, connectionLevel: true, message };
    const kind = e.command === 'RCPT TO' ? 'bounce' : 'reject';
    return { kind, responseCode: code, connectionLevel: false, message };
  }
  if (beforeTransaction(e)) return { kind: 'retry', responseCode: null, connectionLevel: true, message };
  return { kind: 'uncertain', responseCode: null, connectionLevel: true, message };
}
