/**
 * Due enrollments and their claims. Several scheduler processes may run at once; each claims an
 * enrollment with a conditional update (`lockedBy is null or stale`, count must be 1), finishes
 * only `where lockedBy = me`, and a sweeper releases locks left by a process that died.
 */
import type { DbOrTx } from './tx.ts';

/** A claim older than this belongs to a dead process (processing one enrollment takes milliseconds). */
export const STALE_LOCK_MS = 5 * 60_000;

export interface DueEnrollment {
  id: number;
  leadId: number;
  sequenceId: number;
  nextPosition: number;
  nextStepAt: Date;
  priority: number;
  createdAt: Date;
}

function unlockedOrStale(staleBefore: Date) {
  return [{ lockedBy: null }, { lockedAt: { lt: staleBefore } }];
}

/**
 * Active enrollments whose next step is due, higher priority first, then the longest waiting.
 * Uses the (state, nextStepAt) index.
 */
export async function selectDueEnrollments(
  db: DbOrTx,
  now: Date,
  options: { limit: number; staleBefore: Date; excludeIds?: readonly number[] },
): Promise<DueEnrollment[]> {
  const exclude = options.excludeIds ?? [];
  const rows = await db.enrollment.findMany({
    where: {
      state: 'active',
      nextStepAt: { lte: now },
      OR: unlockedOrStale(options.staleBefore),
      ...(exclude.length === 0 ? {} : { id: { notIn: [...exclude] } }),
    },
    orderBy: [{ priority: 'desc' }, { nextStepAt: 'asc' }, { id: 'asc' }],
    take: options.limit,
    select: {
      id: true,
      leadId: true,
      sequenceId: true,
      nextPosition: true,
      nextStepAt: true,
      priority: true,
      createdAt: true,
    },
  });
  return rows.map((r) => ({ ...r, nextStepAt: r.nextStepAt! }));
}

/** Takes the enrollment for `worker`; false when another process holds it or it is no longer due. */
export async function claimEnrollment(
  db: DbOrTx,
  id: number,
  worker: string,
  now: Date,
  staleBefore: Date,
): Promise<boolean> {
  const { count } = await db.enrollment.updateMany({
    where: { id, state: 'active', nextStepAt: { lte: now }, OR: unlockedOrStale(staleBefore) },
    data: { lockedBy: worker, lockedAt: now },
  });
  return count === 1;
}

/** Gives the claim back; a no-op when the lock is no longer ours. */
export async function releaseEnrollment(db: DbOrTx, id: number, worker: string): Promise<boolean> {
  const { count } = await db.enrollment.updateMany({
    where: { id, lockedBy: worker },
    data: { lockedBy: null, lockedAt: null },
  });
  return count === 1;
}

/** Moves the next step to a later time and releases the claim (outside the send window, for example). */
export async function rescheduleEnrollment(
  db: DbOrTx,
  id: number,
  worker: string,
  nextStepAt: Date,
): Promise<boolean> {
  const { count } = await db.enrollment.updateMany({
    where: { id, lockedBy: worker, state: 'active' },
    data: { nextStepAt, lockedBy: null, lockedAt: null },
  });
  return count === 1;
}

/** Releases claims older than `staleBefore`; returns how many. */
export async function sweepStaleEnrollmentLocks(db: DbOrTx, staleBefore: Date): Promise<number> {
  const { count } = await db.enrollment.updateMany({
    where: { lockedBy: { not: null }, lockedAt: { lt: staleBefore } },
    data: { lockedBy: null, lockedAt: null },
  });
  return count;
}

export interface ResumableEnrollment {
  id: number;
  leadId: number;
  pausedUntil: Date;
  sequenceName: string;
}

/** Paused enrollments whose pause has run out. */
export async function selectResumable(db: DbOrTx, now: Date, limit: number): Promise<ResumableEnrollment[]> {
  const rows = await db.enrollment.findMany({
    where: { state: 'paused', pausedUntil: { lte: now } },
    orderBy: { pausedUntil: 'asc' },
    take: limit,
    select: { id: true, leadId: true, pausedUntil: true, sequence: { select: { name: true } } },
  });
  return rows.map((r) => ({
    id: r.id,
    leadId: r.leadId,
    pausedUntil: r.pausedUntil!,
    sequenceName: r.sequence.name,
  }));
}
