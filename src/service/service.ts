/**
 * The long-running service behind `trademail run`: processes anything stored but not yet
 * processed (a crash may have left some; so may a batch that failed while running, which a
 * sweep picks up), starts a sync for every configured mailbox, the SLA
 * jobs (reminders, escalations, pool, customer tiers, reassignment on absence), the sequence
 * engine and the weekly reports, logs a
 * health line on an interval, serves the API and dashboard when `http` is configured, and stops
 * everything cleanly on request.
 */
import { hostname } from 'node:os';
import type { Config } from '../config/schema.ts';
import { describeError } from '../errors.ts';
import { configuredPool, processPending } from '../ingest/processor.ts';
import { startStrandedSweep } from '../ingest/stranded.ts';
import { failedMailbox, type MailboxSync, startMailboxSync } from '../ingest/sync/mailbox-sync.ts';
import { sentGate } from '../ingest/sync/sent-gate.ts';
import { nodeCron } from '../lazy-packages.ts';
import type { Logger } from '../log/logger.ts';
import type { SlaJobsOptions } from '../sla/jobs.ts';
import type { Store } from '../store/client.ts';
import { startWebServer, type WebServer } from '../web/server.ts';
import { backoffDelay } from './backoff.ts';

export interface ServiceOptions {
  config: Config;
  store: Store;
  log: Logger;
  healthIntervalMs: number;
  now?: () => Date;
  /** Overrides for the SLA jobs (templates, SMTP transports, cron expressions). */
  sla?: Partial<Pick<SlaJobsOptions, 'templates' | 'transports' | 'escalationCron' | 'housekeepingCron'>>;
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
  const understand = configuredPool(opts.config, log);
  const processDeps = { db, config: opts.config, log, now, understand };
  try {
    const recovered = await processPending(processDeps, { stages: ['received'] });
    if (recovered.processed + recovered.quarantined > 0)
      log.info(recovered, 'processed messages left from the last run');
  } catch (err) {
    // Not fatal: they stay stored raw, and the sweep tries them again. Exiting here would only
    // restart into the same failure.
    log.error({ err: describeError(err) }, 'messages left from the last run could not be processed yet');
  }
  const sweep = startStrandedSweep(processDeps);

  const syncs = new Map<string, MailboxSync>();
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;
  // Every mailbox's sent mail before the other folders of any (sent-gate.ts).
  const gate = sentGate(opts.config.mailboxes.map((m) => m.name));
  const start = async (name: string, attempt: number): Promise<void> => {
    const mailbox = opts.config.mailboxes.find((m) => m.name === name)!;
    try {
      syncs.set(
        name,
        await startMailboxSync(mailbox, {
          config: opts.config,
          db,
          log: opts.log,
          now,
          understand,
          sentGate: gate,
        }),
      );
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
  const http = opts.config.http;
  let web: WebServer | null = null;
  if (http !== undefined) {
    try {
      web = await startWebServer({
        db,
        config: opts.config,
        log: opts.log,
        now,
        host: http.host,
        port: http.port,
      });
    } catch (err) {
      stopped = true;
      for (const t of timers) clearTimeout(t);
      await Promise.all([...syncs.values()].map((s) => s.stop()));
      await sweep.stop();
      await understand.close();
      throw err;
    }
    log.info({ url: web.url }, 'dashboard and API listening');
  }
  // Loaded here, not at the top: every CLI command imports this module, only `run` needs the
  // jobs (templates, cron). The worker name is stable across restarts of this host's service,
  // so notices it left half sent are settled at once on the next start (one service per host
  // and database).
  const { startSlaJobs } = await import('../sla/jobs.ts');
  const { startSequenceEngine } = await import('../sequences/run-engine.ts');
  const { sendWeeklyReports } = await import('../reports/index.ts');
  const jobs: { stop(): Promise<void> | void }[] = [];
  try {
    jobs.push(
      await startSlaJobs({
        ...opts.sla,
        db,
        config: opts.config,
        log: opts.log,
        worker: `sla-${hostname()}`,
        clock: now,
      }),
    );
    jobs.push(await startSequenceEngine({ db, config: opts.config, log: opts.log, now }));
    // Monday 08:00 in each person's own time zone: checked every ten minutes, sent once per ISO
    // week (the outbox key makes a second send impossible).
    const weekly = nodeCron().schedule(
      '*/10 * * * *',
      async () => {
        try {
          await sendWeeklyReports({
            db,
            config: opts.config,
            now: now(),
            log: opts.log,
            worker: `weekly-${hostname()}`,
          });
        } catch (err) {
          log.error({ err: describeError(err) }, 'weekly reports failed; the next check retries');
        }
      },
      { name: 'trademail-weekly-reports', noOverlap: true },
    );
    jobs.push({ stop: () => weekly.stop() });
  } catch (err) {
    await Promise.all(jobs.map((j) => j.stop()));
    stopped = true;
    for (const t of timers) clearTimeout(t);
    await Promise.all([...syncs.values()].map((s) => s.stop()));
    await web?.close();
    await sweep.stop();
    await understand.close();
    throw err;
  }

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
    summary: `${opts.store.target.provider} store, ${syncs.size} mailbox${syncs.size === 1 ? '' : 'es'}${web === null ? '' : `, dashboard at ${web.url}`}`,
    health,
    async stop() {
      stopped = true;
      clearInterval(timer);
      for (const t of timers) clearTimeout(t);
      await Promise.all(jobs.map((j) => j.stop()));
      await Promise.all([...syncs.values()].map((s) => s.stop()));
      await web?.close();
      await sweep.stop();
      // After the syncs: a batch in flight is understood before the workers end.
      await understand.close();
      log.info('stopped');
    },
  };
}
