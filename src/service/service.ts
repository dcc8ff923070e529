/**
 * The long-running service behind `trademail run`: owns the workers (one per watched
 * mailbox), logs a health line on an interval, and stops them cleanly on request.
 */
import type { Config } from '../config/schema.ts';
import type { Logger } from '../log/logger.ts';
import type { Store } from '../store/client.ts';
import { type MailboxWorker, startMailboxWorker } from './mailbox-worker.ts';

export interface ServiceOptions {
  config: Config;
  store: Store;
  log: Logger;
  healthIntervalMs: number;
}

export interface RunningService {
  summary: string;
  health(): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

export async function startService(opts: ServiceOptions): Promise<RunningService> {
  const log = opts.log.child({ component: 'service' });
  const workers: MailboxWorker[] = opts.config.mailboxes.map((m) =>
    startMailboxWorker({ mailbox: m, config: opts.config, store: opts.store, log: opts.log }),
  );
  const health = async (): Promise<Record<string, unknown>> => {
    let database = 'ok';
    try {
      await opts.store.db.$queryRawUnsafe('SELECT 1');
    } catch (err) {
      database = `error: ${String(err)}`;
    }
    return { database, mailboxes: workers.map((w) => w.health()) };
  };
  // The interval also keeps the process alive while the service runs (signal listeners do not).
  const timer = setInterval(() => {
    void health().then((h) => log.info(h, 'health'));
  }, opts.healthIntervalMs);
  log.info({ mailboxes: workers.length, database: opts.store.target.provider }, 'started');
  return {
    summary: `${opts.store.target.provider} store, ${workers.length} mailbox${workers.length === 1 ? '' : 'es'}`,
    health,
    async stop() {
      clearInterval(timer);
      await Promise.all(workers.map((w) => w.stop()));
      log.info('stopped');
    },
  };
}
