/**
 * Drives the engine through simulated time: jumps the injected clock to the next moment any of
 * the given leads has something due (a planned step, the end of a pause, a retry) and runs one
 * full cycle there, the way the cron tick would at that minute.
 */
import type { CycleReport, EngineDeps } from '../../src/sequences/engine/index.ts';
import { runCycle } from '../../src/sequences/engine/index.ts';
import type { Db } from '../../src/store/client.ts';

export async function nextEventAt(db: Db, leadIds: readonly number[]): Promise<Date | null> {
  const ids = [...leadIds];
  const [active, paused, queued] = await Promise.all([
    db.enrollment.aggregate({ where: { leadId: { in: ids }, state: 'active' }, _min: { nextStepAt: true } }),
    db.enrollment.aggregate({ where: { leadId: { in: ids }, state: 'paused' }, _min: { pausedUntil: true } }),
    db.outboundMail.aggregate({ where: { leadId: { in: ids }, state: 'queued' }, _min: { notBefore: true } }),
  ]);
  const times = [active._min.nextStepAt, paused._min.pausedUntil, queued._min.notBefore].filter(
    (t): t is Date => t !== null,
  );
  return times.length === 0 ? null : new Date(Math.min(...times.map((t) => t.getTime())));
}

export interface Cycle {
  at: Date;
  report: CycleReport;
}

/** Runs cycles from `start` until nothing is due for these leads before `end`. */
export async function runUntil(
  deps: EngineDeps,
  leadIds: readonly number[],
  start: Date,
  end: Date,
): Promise<Cycle[]> {
  const cycles: Cycle[] = [];
  let now = start;
  for (let i = 0; i < 60; i++) {
    cycles.push({ at: now, report: await runCycle(deps, now) });
    const next = await nextEventAt(deps.db, leadIds);
    if (next === null || next > end) return cycles;
    // Something still due at `now` (held back by a throttle, say) is looked at again a minute later.
    now = next > now ? next : new Date(now.getTime() + 60_000);
  }
  throw new Error('runUntil: more than 60 cycles; the engine keeps finding work');
}
