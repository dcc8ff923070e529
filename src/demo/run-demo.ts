/**
 * `trademail demo`: the whole product on this machine without a mail account. A fresh SQLite
 * store in ./demo-data; the sample mailbox imported through the ingest pipeline as it arrives
 * over a simulated month; the sequence engine run on that clock, its mail written as .eml files
 * to ./demo-outbox; a manager token; and the API with the dashboard on localhost. Afterwards the
 * clock runs in real time: the engine keeps ticking once a minute while the demo is open.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createToken } from '../api/auth/tokens.ts';
import { loadConfig } from '../config/load.ts';
import { describeError, TrademailError } from '../errors.ts';
import type { Logger } from '../log/logger.ts';
import { REPO_ROOT } from '../paths.ts';
import { loadSequences } from '../sequences/definitions/index.ts';
import {
  configSenderResolver,
  DEFAULT_TIMING,
  type EngineDeps,
  syncSequences,
  type TimingOptions,
  templateStepRenderer,
} from '../sequences/engine/index.ts';
import { stepContextBuilder } from '../sequences/step-context.ts';
import { seededRng } from '../sequences/timing/seeded-rng.ts';
import { syncSalespeople } from '../sla/people.ts';
import { openStore, type Store } from '../store/client.ts';
import { loadTemplates } from '../templates/index.ts';
import { startWebServer } from '../web/server.ts';
import { emlFolder, fileMailboxDirectory, fileNoticeTransports } from './file-outbox.ts';
import { placeMailbox, weekAligned } from './mailbox.ts';
import { type SimulationDeps, type SimulationReport, simulate, tickAt } from './simulate.ts';

/** The newest sample mail arrives this long before the demo starts, so its SLA clock is running. */
const LAST_MAIL_BEFORE_START_MS = 25 * 60_000;
const LIVE_TICK_MS = 60_000;
/** What the sample company makes, in the words its mail uses. */
const DEMO_PRODUCT_LINE = 'LED lighting';

export interface DemoOptions {
  /** Where demo-data/ and demo-outbox/ are (re)created. */
  workDir: string;
  host: string;
  port: number;
  log: Logger;
  /** Seed of the send-time jitter, so two runs place the mails alike. */
  seed?: number;
  now?: () => Date;
}

export interface RunningDemo {
  url: string;
  token: string;
  user: { email: string; role: string };
  dataDir: string;
  outboxDir: string;
  report: SimulationReport;
  outboxFiles: number;
  /** The demo's clock: up to a week behind the real one, so the sample month keeps its weekdays. */
  now(): Date;
  stop(): Promise<void>;
}

export async function runDemo(options: DemoOptions): Promise<RunningDemo> {
  const realClock = options.now ?? (() => new Date());
  // The story keeps its weekdays (see mailbox.ts), so the demo's clock runs up to a week behind
  // the real one: just after the newest sample mail, as if the demo started then.
  const mailboxDir = join(REPO_ROOT, 'demo', 'mailbox');
  const wanted = new Date(realClock().getTime() - LAST_MAIL_BEFORE_START_MS);
  const behindMs = wanted.getTime() - weekAligned(mailboxDir, wanted).getTime();
  const clock = () => new Date(realClock().getTime() - behindMs);
  const dataDir = join(options.workDir, 'demo-data');
  const outboxDir = join(options.workDir, 'demo-outbox');
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(outboxDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });

  const config = loadConfig(join(REPO_ROOT, 'demo', 'trademail.demo.yaml'), {
    ...process.env,
    DATABASE_URL: `file:${join(dataDir, 'trademail.db')}`,
  });
  const manager = config.salespeople.find((s) => s.role === 'manager');
  const defaultMailbox = config.salespeople.find((s) => s.mailbox !== undefined)?.mailbox;
  if (manager === undefined || defaultMailbox === undefined) {
    throw new TrademailError(
      'CONFIG_INVALID',
      'the demo config needs a manager and a salesperson with a mailbox',
    );
  }

  const store: Store = await openStore(config.database.url);
  let live: NodeJS.Timeout | undefined;
  try {
    const { db } = store;
    await syncSalespeople(db, config);
    await syncSequences(db, loadSequences(join(REPO_ROOT, 'sequences')));
    const templates = loadTemplates(join(REPO_ROOT, 'templates'));
    const timing: TimingOptions = { ...DEFAULT_TIMING, rng: seededRng(options.seed ?? 20251103) };
    const outbox = emlFolder(outboxDir);
    const mailboxes = fileMailboxDirectory(config, outbox);
    const engine: EngineDeps = {
      db,
      worker: `demo-${process.pid}`,
      render: templateStepRenderer(
        templates,
        stepContextBuilder(db, config, { productLine: DEMO_PRODUCT_LINE }),
      ),
      senders: configSenderResolver(db, config, { defaultMailbox }),
      timing,
      mailboxes,
      log: options.log,
    };
    const sla = {
      db,
      config,
      log: options.log,
      templates,
      transports: fileNoticeTransports(outbox),
      worker: `demo-sla-${process.pid}`,
    };
    const deps: SimulationDeps = { db, config, log: options.log, engine, timing, sla };

    const start = clock();
    const arrivals = placeMailbox(
      mailboxDir,
      join(dataDir, 'mailbox'),
      new Date(start.getTime() - LAST_MAIL_BEFORE_START_MS),
    );
    const report = await simulate(deps, arrivals, start);

    const token = await createToken(db, config, { email: manager.email, name: 'demo', now: clock() });
    const web = await startWebServer({
      db,
      config,
      log: options.log,
      now: clock,
      host: options.host,
      port: options.port,
      templatesDir: join(REPO_ROOT, 'templates'),
    });
    let ticking = false;
    live = setInterval(() => {
      if (ticking) return;
      ticking = true;
      tickAt(deps, clock())
        .catch((err) =>
          options.log.error({ err: describeError(err) }, 'demo tick failed; the next one retries'),
        )
        .finally(() => {
          ticking = false;
        });
    }, LIVE_TICK_MS);
    return {
      url: web.url,
      token: token.token,
      user: { email: token.user.email, role: token.user.role },
      dataDir,
      outboxDir,
      report,
      outboxFiles: outbox.written().length,
      now: clock,
      async stop() {
        clearInterval(live);
        await web.close();
        await mailboxes.close();
        await store.close();
      },
    };
  } catch (err) {
    clearInterval(live);
    await store.close();
    throw err;
  }
}
