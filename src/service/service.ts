/**
 * The long-running service behind `trademail run`: processes anything stored but not yet
 * processed (a crash may have left some), starts a sync for every configured mailbox, logs a
 * health line on an interval, and stops everything cleanly on request.
 */
import type { Config } from '../config/schema.ts';
import { describeError } from '../errors.ts';
import { processPending } from '../ingest/processor.ts';
import { failedMailbox, type MailboxSync, startMailboxSync } from '../ingest/sync/mailbox-sync.ts';
import type { Logger } from '../log/logger.ts';
import type { Store } from '../store/client.ts';
import { backoffDelay } from './backoff.ts';

export interface ServiceOptions {
  config: Config;
  store: Store;
  log: Logger;
  healthIntervalMs: number;
  now?: () => Date;
}

export interface RunningService {
  summary: string;
  health(): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

export async function startService(opts: ServiceOptions): Promise<RunningService> {
  const log = opts.log.child({ component: 'service' });
  const now = opts.now ?? (() => new Date());
  const db = opts.store.db;
  const recovered = await processPending({ db, config: opts.config, log, now }, { stages: ['received'] });
  if (recovered.processed + recovered.quarantined > 0)
    log.info(recovered, 'processed messages left from the last run');

  const syncs = new Map<string, MailboxSync>();
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;
  const start = async (name: string, attempt: number): Promise<void> => {
    const mailbox = opts.config.mailboxes.find((m) => m.name === name)!;
    try {
      syncs.set(name, await startMailboxSync(mailbox, { config: opts.config, db, log: opts.log, now }));
    } catch (err) {
      // The folder list could not be read (server down, wrong password): report and retry.
      syncs.set(name, failedMailbox(name, err));
      const delay = backoffDelay(attempt, { maxMs: opts.config.sync.maxBackoffSeconds * 1000 });
      log.warn({ mailbox: name, err: describeError(err), delayMs: delay }, 'mailbox not started');
      if (!stopped) {
        const t = setTimeout(() => {
          timers.delete(t);
          void start(name, attempt + 1);
        }, delay);
        timers.add(t);
      }
    }
  };
  await Promise.all(opts.config.mailboxes.map((m) => start(m.name, 0)));

  const health = async (): Promise<Record<string, unknown>> => {
    let database = 'ok';
    try {
      await db.$queryRawUnsafe('SELECT 1');
    } catch (err) {
      database = `error: ${describeError(err)}`;
    }
    return { database, mailboxes: [...syncs.values()].map((s) => s.health()) };
  };
  // The interval also keeps the process alive while the service runs (signal listeners do not).
  const timer = setInterval(() => {
    void health().then((h) => log.info(h, 'health'));
  }, opts.healthIntervalMs);
  log.info({ mailboxes: syncs.size, database: opts.store.target.provider }, 'started');
  return {
    summary: `${opts.store.target.provider} store, ${syncs.size} mailbox${syncs.size === 1 ? '' : 'es'}`,
    health,
    async stop() {
      stopped = true;
      clearInterval(timer);
      for (const t of timers) clearTimeout(t);
      await Promise.all([...syncs.values()].map((s) => s.stop()));
      log.info('stopped');
    },
  };
}
