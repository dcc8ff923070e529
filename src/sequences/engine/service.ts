/**
 * The periodic engine: on every cron tick (node-cron, default once a minute) recover interrupted
 * sends, decide uncertain ones, queue due steps, send queued mail and retry missing Sent copies.
 * Cycles never overlap within a process (a runNow() during a cron cycle waits for it); several
 * processes may run side by side.
 */
import { describeError } from '../../errors.ts';
import { nodeCron } from '../../lazy-packages.ts';
import { silentLogger } from '../../log/logger.ts';
import type { RecoveryDeps, ResolveReport } from './recovery.ts';
import { copyMissingToSent, recoverSending, resolveUncertain } from './recovery.ts';
import type { TickReport } from './scheduler.ts';
import { tick } from './scheduler.ts';
import type { SenderDeps, SendReport } from './sender.ts';
import { sendDue } from './sender.ts';
import type { SchedulerDeps } from './types.ts';

export type EngineDeps = SchedulerDeps & SenderDeps & RecoveryDeps;

export interface CycleReport {
  recovered: number;
  resolved: ResolveReport;
  tick: TickReport;
  send: SendReport;
  sentCopies: { copied: number; errors: number };
}

/** One full pass at `now`, in the order that keeps every mail's fate decided before anything new is sent. */
export async function runCycle(deps: EngineDeps, now: Date): Promise<CycleReport> {
  const recovered = await recoverSending(deps.db, { now, staleSendingMs: deps.staleSendingMs });
  const resolved = await resolveUncertain(deps, now);
  const tickReport = await tick(deps, now);
  const send = await sendDue(deps, now);
  const sentCopies = await copyMissingToSent(deps, now);
  return { recovered, resolved, tick: tickReport, send, sentCopies };
}

export interface SchedulerHandle {
  /** Runs one cycle now (also what each cron tick does). */
  runNow(): Promise<CycleReport>;
  stop(): Promise<void>;
}

export interface StartSchedulerOptions extends EngineDeps {
  /** Cron expression (node-cron syntax); default every minute. */
  cron?: string;
  clock?: () => Date;
  /**
   * This process' worker name is stable across restarts and used by no other live process:
   * mails it left in `sending` before a restart are treated as interrupted at once.
   */
  workerNameIsStable?: boolean;
}

export async function startScheduler(options: StartSchedulerOptions): Promise<SchedulerHandle> {
  const clock = options.clock ?? (() => new Date());
  const log = options.log ?? silentLogger;
  if (options.workerNameIsStable) {
    const recovered = await recoverSending(options.db, { now: clock(), ownWorker: options.worker });
    if (recovered > 0)
      log.warn(
        { component: 'sequences', recovered },
        'sends interrupted by the last shutdown are now uncertain',
      );
  }
  // Cycles run one at a time; stop() waits for the one in progress, so no mail is left `sending`.
  let running: Promise<CycleReport> | null = null;
  const runNow = (): Promise<CycleReport> => {
    const previous = running ?? Promise.resolve(null);
    const next = previous.then(
      () => runCycle(options, clock()),
      () => runCycle(options, clock()),
    );
    running = next;
    const clear = () => {
      if (running === next) running = null;
    };
    next.then(clear, clear);
    return next;
  };
  const task = nodeCron().schedule(
    options.cron ?? '*/1 * * * *',
    async () => {
      try {
        const report = await runNow();
        log.info(
          { component: 'sequences', queued: report.tick.outcomes.queued, sent: report.send.outcomes.sent },
          'cycle done',
        );
      } catch (err) {
        log.error(
          { component: 'sequences', err, message: describeError(err) },
          'cycle failed; next tick retries',
        );
      }
    },
    { name: `trademail-sequences-${options.worker}`, noOverlap: true },
  );
  return {
    runNow,
    async stop() {
      await task.stop();
      await task.destroy();
      await running?.catch(() => undefined);
      await options.mailboxes.close();
    },
  };
}
