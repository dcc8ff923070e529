/**
 * The scheduler tick: resume pauses that ran out, then claim due enrollments one by one
 * (conditional update, count must be 1) and turn each due step into an outbox row. Several
 * processes may tick at once; correctness comes from the claims and the unique keys, not timing.
 * `tick` is a plain function of (deps, now) so tests drive it with an injected clock.
 */
import { describeError, isTrademailError } from '../../errors.ts';
import { silentLogger } from '../../log/logger.ts';
import type { DueEnrollment } from '../../store/sequences/claims.ts';
import {
  claimEnrollment,
  releaseEnrollment,
  STALE_LOCK_MS,
  selectDueEnrollments,
  selectResumable,
  sweepStaleEnrollmentLocks,
} from '../../store/sequences/claims.ts';
import type { StoredSequence } from '../../store/sequences/definitions.ts';
import { findSequencesById } from '../../store/sequences/definitions.ts';
import { changeEnrollmentState } from '../../store/sequences/enrollments.ts';
import { leadsById, suppressedAmong } from '../../store/sequences/mailable.ts';
import { spreadWithinPriority } from './spread.ts';
import type { StepOutcome } from './step.ts';
import { processStep } from './step.ts';
import type { SchedulerDeps } from './types.ts';
import { DEFAULT_TIMING } from './types.ts';

export interface TickReport {
  sweptLocks: number;
  resumed: number;
  /** Due enrollments another process claimed first. */
  lostClaims: number;
  outcomes: Record<StepOutcome, number>;
  /** Enrollments paused because their step cannot be prepared (template, sender or sequence problem). */
  pausedOnError: Array<{ enrollmentId: number; code: string; message: string }>;
  /** Failures that may pass (database unavailable...): the enrollment stays due for the next tick. */
  errors: Array<{ enrollmentId: number; message: string }>;
}

/** Failures that will repeat on every tick until a person fixes something: pause instead of retrying. */
const NEEDS_A_PERSON = new Set([
  'TEMPLATE_INVALID',
  'TEMPLATE_MISSING_VARIABLE',
  'TEMPLATE_RENDER_FAILED',
  'SEQUENCE_INVALID',
  'NOT_FOUND',
  'CONFIG_INVALID',
  'USAGE',
]);

const DEFAULT_BATCH = 100;

function emptyReport(): TickReport {
  return {
    sweptLocks: 0,
    resumed: 0,
    lostClaims: 0,
    outcomes: { queued: 0, skipped: 0, rescheduled: 0, completed: 0, stopped: 0, conflict: 0 },
    pausedOnError: [],
    errors: [],
  };
}

async function resumeEnded(deps: SchedulerDeps, now: Date, limit: number): Promise<number> {
  let resumed = 0;
  for (const r of await selectResumable(deps.db, now, limit)) {
    try {
      await changeEnrollmentState(deps.db, r.id, {
        to: 'active',
        from: ['paused'],
        reason: null,
        now,
        pausedUntil: null,
        note: `resumed (pause until ${r.pausedUntil.toISOString()} ended)`,
        sequenceName: r.sequenceName,
      });
      resumed += 1;
    } catch (err) {
      // Another process resumed or stopped it first: nothing left to do for this one.
      if (!isTrademailError(err, 'ILLEGAL_TRANSITION')) throw err;
    }
  }
  return resumed;
}

async function handleFailure(
  deps: SchedulerDeps,
  e: DueEnrollment,
  sequenceName: string,
  err: unknown,
  now: Date,
  report: TickReport,
) {
  const log = deps.log ?? silentLogger;
  // Another process (or a signal) moved the enrollment while we held it: its move stands.
  if (isTrademailError(err, 'CONFLICT') || isTrademailError(err, 'ILLEGAL_TRANSITION')) {
    report.outcomes.conflict += 1;
    return;
  }
  if (isTrademailError(err) && NEEDS_A_PERSON.has(err.code)) {
    const message = describeError(err).slice(0, 300);
    log.error(
      { component: 'sequences', enrollmentId: e.id, code: err.code, err },
      'step cannot be prepared; enrollment paused',
    );
    try {
      await changeEnrollmentState(deps.db, e.id, {
        to: 'paused',
        from: ['active'],
        reason: `error ${err.code}: ${message}`,
        now,
        pausedUntil: null,
        note: 'paused',
        sequenceName,
      });
    } catch (pauseErr) {
      if (!isTrademailError(pauseErr, 'ILLEGAL_TRANSITION')) throw pauseErr;
      // Stopped or paused by someone else meanwhile: nothing is due from it any more.
      report.outcomes.conflict += 1;
      return;
    }
    report.pausedOnError.push({ enrollmentId: e.id, code: err.code, message });
    return;
  }
  log.error({ component: 'sequences', enrollmentId: e.id, err }, 'step failed; will retry on the next tick');
  report.errors.push({ enrollmentId: e.id, message: describeError(err) });
}

/**
 * One scheduler pass at `now`. Processes at most `maxPerTick` enrollments (default 10 batches);
 * the rest wait for the next tick.
 */
export async function tick(deps: SchedulerDeps, now: Date, maxPerTick?: number): Promise<TickReport> {
  const report = emptyReport();
  const timing = deps.timing ?? DEFAULT_TIMING;
  const batch = deps.batchSize ?? DEFAULT_BATCH;
  const limit = maxPerTick ?? batch * 10;
  const staleBefore = new Date(now.getTime() - (deps.staleLockMs ?? STALE_LOCK_MS));
  report.sweptLocks = await sweepStaleEnrollmentLocks(deps.db, staleBefore);
  report.resumed = await resumeEnded(deps, now, batch);

  const seen = new Set<number>();
  const sequences = new Map<number, StoredSequence>();
  while (seen.size < limit) {
    // Enrollments already handled in this tick (one that failed stays due) are not selected again.
    const due = await selectDueEnrollments(deps.db, now, {
      limit: Math.min(batch, limit - seen.size),
      staleBefore,
      excludeIds: [...seen],
    });
    if (due.length === 0) break;
    const missing = due.map((d) => d.sequenceId).filter((id) => !sequences.has(id));
    for (const [id, s] of await findSequencesById(deps.db, missing)) sequences.set(id, s);
    const leads = await leadsById(
      deps.db,
      due.map((d) => d.leadId),
    );
    const suppressed = await suppressedAmong(
      deps.db,
      [...leads.values()].flatMap((l) => (l.email === null ? [] : [l.email])),
    );
    for (const e of spreadWithinPriority(due, (d) => d.priority, Math.random)) {
      seen.add(e.id);
      if (!(await claimEnrollment(deps.db, e.id, deps.worker, now, staleBefore))) {
        report.lostClaims += 1;
        continue;
      }
      const sequence = sequences.get(e.sequenceId)!;
      const lead = leads.get(e.leadId)!;
      let released = false;
      try {
        const ctx = { sequence, lead, suppressed: lead.email !== null && suppressed.has(lead.email) };
        const outcome = await processStep(deps, e, ctx, now, timing);
        report.outcomes[outcome] += 1;
        released = outcome !== 'conflict';
      } catch (err) {
        await handleFailure(deps, e, sequence.name, err, now, report);
      } finally {
        if (!released) await releaseEnrollment(deps.db, e.id, deps.worker);
      }
    }
  }
  return report;
}
