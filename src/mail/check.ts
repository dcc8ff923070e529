/**
 * Login checks for `trademail doctor` and `run`'s start-up health line: connect, authenticate,
 * and (IMAP) open INBOX read-only, then disconnect. Results, not exceptions, so every account
 * is reported even when one fails.
 */

import type { ImapConfig, SmtpConfig } from '../config/schema.ts';
import { describeError } from '../errors.ts';
import { connectImap } from './imap.ts';
import { createSmtpTransport, smtpError } from './smtp.ts';

export interface CheckResult {
  ok: boolean;
  detail: string;
}

export async function checkImap(cfg: ImapConfig): Promise<CheckResult> {
  try {
    const client = await connectImap(cfg, false);
    try {
      const lock = await client.getMailboxLock('INBOX', { readOnly: true });
      const messages = client.mailbox ? client.mailbox.exists : 0;
      lock.release();
      const caps = ['IDLE', 'CONDSTORE', 'SPECIAL-USE'].filter((c) => client.capabilities.has(c));
      return {
        ok: true,
        detail: `logged in; INBOX has ${messages} messages; ${caps.join(', ') || 'no IDLE'}`,
      };
    } finally {
      await client.logout().catch(() => undefined);
    }
  } catch (err) {
    return { ok: false, detail: describeError(err) };
  }
}

export async function checkSmtp(cfg: SmtpConfig): Promise<CheckResult> {
  const transport = createSmtpTransport(cfg, false);
  try {
    await transport.verify();
    return { ok: true, detail: cfg.auth ? 'logged in' : 'connected (no login configured)' };
  } catch (err) {
    return { ok: false, detail: smtpError(err, `${cfg.host}:${cfg.port}`).message };
  } finally {
    transport.close();
  }
}
