/**
 * The sequence engine inside `trademail run`: once a minute (node-cron) it applies what newly
 * processed mail means for enrollments (reactions.ts: replies stop, bounces and unsubscribes
 * suppress, out-of-office pauses, inquiries enroll), enrolls inquiries nobody answered within
 * their SLA and customers flagged for wake-up, then runs one engine cycle (recover interrupted sends, queue due steps, send, copy
 * to Sent). The worker name is stable per host, so mail this process left in `sending` before a
 * restart is resolved at once from the Sent folder instead of waiting for the stale-lock timeout.
 */
import { hostname } from 'node:os';
import type { Config } from '../config/schema.ts';
import { describeError } from '../errors.ts';
import { nodeCron } from '../lazy-packages.ts';
import type { Logger } from '../log/logger.ts';
import { SHIPPED_SEQUENCES_DIR, SHIPPED_TEMPLATES_DIR } from '../paths.ts';
import type { Db } from '../store/client.ts';
import { loadTemplates } from '../templates/index.ts';
import { loadSequences } from './definitions/index.ts';
import {
  configSenderResolver,
  DEFAULT_TIMING,
  type EngineDeps,
  mailboxDirectory,
  recoverSending,
  runCycle,
  syncSequences,
  templateStepRenderer,
} from './engine/index.ts';
import { enrollOverdue, enrollWakeUps } from './overdue.ts';
import { applyReactions } from './reactions.ts';
import { stepContextBuilder } from './step-context.ts';

export interface SequenceEngineHandle {
  /** One full pass now (what each tick does); returns when it is done. */
  runNow(): Promise<void>;
  stop(): Promise<void>;
}

export async function startSequenceEngine(opts: {
  db: Db;
  config: Config;
  log: Logger;
  now: () => Date;
  cron?: string;
}): Promise<SequenceEngineHandle> {
  const log = opts.log.child({ component: 'sequences' });
  await syncSequences(opts.db, loadSequences(SHIPPED_SEQUENCES_DIR));
  const templates = loadTemplates(SHIPPED_TEMPLATES_DIR);
  const worker = `run@${hostname()}`;
  const mailboxes = mailboxDirectory(opts.config.mailboxes.filter((m) => m.smtp !== undefined));
  const engine: EngineDeps = {
    db: opts.db,
    worker,
    render: templateStepRenderer(templates, stepContextBuilder(opts.db, opts.config)),
    senders: configSenderResolver(opts.db, opts.config, {
      defaultMailbox: opts.config.mailboxes.find((m) => m.smtp !== undefined)?.name,
    }),
    timing: DEFAULT_TIMING,
    mailboxes,
    log,
  };
  const recovered = await recoverSending(opts.db, { now: opts.now(), ownWorker: worker });
  if (recovered > 0) log.warn({ recovered }, 'sends interrupted by the last shutdown are now uncertain');

  let running: Promise<void> | null = null;
  const pass = async (): Promise<void> => {
    const now = opts.now();
    const reactions = await applyReactions(opts.db, now, DEFAULT_TIMING);
    const overdue = await enrollOverdue(opts.db, now, DEFAULT_TIMING);
    const wakeUps = await enrollWakeUps(opts.db, now, DEFAULT_TIMING);
    const cycle = await runCycle(engine, now);
    if (
      reactions.messages +
        overdue.enrolled +
        wakeUps.enrolled +
        cycle.tick.outcomes.queued +
        cycle.send.outcomes.sent >
      0
    ) {
      log.info(
        {
          reacted: reactions.messages,
          enrolled: reactions.applied.enroll + overdue.enrolled + wakeUps.enrolled,
          queued: cycle.tick.outcomes.queued,
          sent: cycle.send.outcomes.sent,
        },
        'sequence pass',
      );
    }
  };
  const runNow = (): Promise<void> => {
    running ??= pass().finally(() => {
      running = null;
    });
    return running;
  };
  const task = nodeCron().schedule(
    opts.cron ?? '*/1 * * * *',
    async () => {
      try {
        await runNow();
      } catch (err) {
        log.error({ err: describeError(err) }, 'sequence pass failed; the next tick retries');
      }
    },
    { name: `trademail-sequences-${worker}`, noOverlap: true },
  );
  return {
    runNow,
    async stop() {
      await task.stop();
      await running?.catch(() => undefined);
      await mailboxes.close?.();
    },
  };
}
