/** The running sync of a test config's first mailbox, as `trademail run` starts each one. */
import type { Config } from '../../src/config/schema.ts';
import { type MailboxSync, startMailboxSync } from '../../src/ingest/sync/mailbox-sync.ts';
import { silentLogger } from '../../src/log/logger.ts';
import type { Db } from '../../src/store/client.ts';

export function startFirstMailbox(config: Config, db: Db): Promise<MailboxSync> {
  return startMailboxSync(config.mailboxes[0]!, { config, db, log: silentLogger, now: () => new Date() });
}
