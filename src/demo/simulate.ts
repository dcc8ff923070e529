/**
 * Runs a stretch of time fast: mail arrives when its Date says, ingest processes it, the
 * engine reacts to it, and the sequence engine runs one full cycle (runCycle, what the cron
 * tick does) at every moment something is due. The clock jumps from one such moment to the
 * next instead of waiting, so a month takes seconds.
 */
import type { Config } from '../config/schema.ts';
import { importPath } from '../ingest/import/import.ts';
import type { Logger } from '../log/logger.ts';
import { type EngineDeps, runCycle, type TimingOptions } from '../sequences/engine/index.ts';
import { enrollOverdue, nextDeadline } from '../sequences/overdue.ts';
import { applyReactions } from '../sequences/reactions.ts';
import { runEscalations, type SlaJobDeps } from '../sla/escalation-job.ts';
import type { Db } from '../store/client.ts';
import type { Arrival } from './mailbox.ts';

export interface SimulationDeps {
  db: Db;
  config: Config;
  log: Logger;
  engine: EngineDeps;
  timing: TimingOptions;
  /** The SLA reminders and escalations (what the service's escalation cron runs), when given. */
  sla?: SlaJobDeps;
}

export interface SimulationReport {
  cycles: number;
  imported: number;
  quarantined: number;
  enrolled: number;
  sent: number;
  /** SLA reminders and escalations sent to our own people. */
  notices: number;
  simulatedDays: number;
}

const MINUTE = 60_000;

/** The next moment the engine has something due: a planned step, the end of a pause, a queued mail. */
async function nextEngineEvent(db: Db, after: Date): Promise<Date | null> {
  const [active, paused, queued, waiting] = await Promise.all([
    db.enrollment.aggregate({ where: { state: 'active' }, _min: { nextStepAt: true } }),
    db.enrollment.aggregate({ where: { state: 'paused' }, _min: { pausedUntil: true } }),
    db.outboundMail.aggregate({ where: { state: 'queued' }, _min: { notBefore: true } }),
    db.outboundMail.count({ where: { state: 'queued', notBefore: null } }),
  ]);
  const times = [active._min.nextStepAt, paused._min.pausedUntil, queued._min.notBefore].filter(
    (t): t is Date => t !== null,
  );
  // Mail held back by a mailbox's throttle has no time of its own: look again a minute later.
  if (waiting > 0) times.push(new Date(after.getTime() + MINUTE));
  return times.length === 0 ? null : new Date(Math.min(...times.map((t) => t.getTime())));
}

/** One moment of the clock: react to new mail, enroll overdue inquiries, run the engine's cycle. */
export async function tickAt(deps: SimulationDeps, now: Date) {
  const reactions = await applyReactions(deps.db, now, deps.timing);
  const overdue = await enrollOverdue(deps.db, now, deps.timing);
  const cycle = await runCycle(deps.engine, now);
  const notices = deps.sla === undefined ? 0 : (await runEscalations(deps.sla, now)).sent.length;
  return { enrolled: reactions.applied.enroll + overdue.enrolled, sent: cycle.send.outcomes.sent, notices };
}

export async function simulate(
  deps: SimulationDeps,
  arrivals: readonly Arrival[],
  end: Date,
): Promise<SimulationReport> {
  const { db, config, log } = deps;
  const report: SimulationReport = {
    cycles: 0,
    imported: 0,
    quarantined: 0,
    enrolled: 0,
    sent: 0,
    notices: 0,
    simulatedDays: 0,
  };
  const start = arrivals[0]?.at ?? end;
  let at = start;
  let next = 0;
  for (;;) {
    const now = at;
    while (next < arrivals.length && arrivals[next]!.at.getTime() <= now.getTime()) {
      const r = await importPath({ db, config, log, now: () => now }, arrivals[next]!.file);
      report.imported += r.created;
      report.quarantined += r.quarantined;
      next += 1;
    }
    const tick = await tickAt(deps, now);
    report.enrolled += tick.enrolled;
    report.sent += tick.sent;
    report.notices += tick.notices;
    report.cycles += 1;
    if (now.getTime() >= end.getTime()) break;

    const candidates = [
      arrivals[next]?.at ?? null,
      await nextEngineEvent(db, now),
      await nextDeadline(db, now),
    ].filter((t): t is Date => t !== null);
    const soonest = candidates.length === 0 ? end : new Date(Math.min(...candidates.map((t) => t.getTime())));
    // Never stand still, never run past the end: the last cycle runs at `end` itself.
    at = new Date(Math.min(end.getTime(), Math.max(soonest.getTime(), now.getTime() + MINUTE)));
  }
  report.simulatedDays = Math.round(((end.getTime() - start.getTime()) / 86_400_000) * 10) / 10;
  return report;
}
