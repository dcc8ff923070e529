/**
 * One watched mailbox inside `trademail run`: keeps an IMAP session open, reconnecting with
 * capped exponential backoff, and reports its health.
 */
import type { ImapFlow } from 'imapflow';
import type { Config, MailboxConfig } from '../config/schema.ts';
import { describeError, isTrademailError } from '../errors.ts';
import type { Logger } from '../log/logger.ts';
import { connectImap } from '../mail/imap.ts';
import type { Store } from '../store/client.ts';
import { backoffDelay } from './backoff.ts';

export interface MailboxWorker {
  health(): { name: string; connected: boolean; lastError: string | null; since: string | null };
  stop(): Promise<void>;
}

export function startMailboxWorker(opts: { mailbox: MailboxConfig; config: Config; store: Store; log: Logger }): MailboxWorker {
  const log = opts.log.child({ component: 'mailbox', mailbox: opts.mailbox.name });
  let client: ImapFlow | null = null;
  let stopped = false;
  let lastError: string | null = null;
  let connectedSince: Date | null = null;
  let attempt = 0;
  let timer: NodeJS.Timeout | null = null;

  const connect = async (): Promise<void> => {
    if (stopped) return;
    try {
      client = await connectImap(opts.mailbox.imap, log);
      attempt = 0;
      lastError = null;
      connectedSince = new Date();
      log.info({ host: opts.mailbox.imap.host }, 'connected');
      client.once('close', () => {
        client = null;
        connectedSince = null;
        if (!stopped) schedule('connection closed');
      });
    } catch (err) {
      lastError = describeError(err);
      log.warn({ err: lastError, code: isTrademailError(err) ? err.code : undefined }, 'connect failed');
      schedule(lastError);
    }
  };
  const schedule = (reason: string): void => {
    const delay = backoffDelay(attempt++, { maxMs: opts.config.sync.maxBackoffSeconds * 1000 });
    log.info({ reason, delayMs: delay }, 'reconnecting');
    timer = setTimeout(() => void connect(), delay);
  };
  void connect();

  return {
    health: () => ({ name: opts.mailbox.name, connected: client !== null, lastError, since: connectedSince?.toISOString() ?? null }),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      const c = client;
      client = null;
      if (c) await c.logout().catch(() => c.close());
    },
  };
}
