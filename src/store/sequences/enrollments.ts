/**
 * Enrollment rows: creation under the unique liveKey and every state change as a conditional
 * update (`where state = <the state we read>`), so two processes changing the same enrollment
 * cannot both win. Each change leaves a note on the lead's timeline with its reason.
 */
import type { Enrollment } from '../../../generated/sqlite/client.ts';
import { TrademailError } from '../../errors.ts';
import type { EnrollmentState } from '../../sequences/enrollment-state.ts';
import { LIVE_ENROLLMENT_STATES, transitionEnrollment } from '../../sequences/enrollment-state.ts';
import type { Db } from '../client.ts';
import { isUniqueViolation } from '../write-conflicts.ts';
import type { DbOrTx, Tx } from './tx.ts';

export type { Enrollment };

/** The value of the unique liveKey while an enrollment is active or paused. */
export function liveKey(leadId: number, sequenceId: number): string {
  return `${leadId}:${sequenceId}`;
}

export async function addNote(tx: DbOrTx, leadId: number, summary: string, now: Date): Promise<void> {
  await tx.activity.create({
    data: { leadId, type: 'note', direction: 'internal', summary, occurredAt: now },
  });
}

export interface NewEnrollment {
  leadId: number;
  sequenceId: number;
  sequenceName: string;
  nextStepAt: Date;
  priority: number;
  now: Date;
}

/**
 * Creates an active enrollment; a second live one for the same lead and sequence is refused by the
 * database. A single statement, not a transaction: refusals are routine (rules re-enrolling), and
 * on SQLite a rolled-back transaction would also undo whatever other flows of the process ran on
 * the shared connection meanwhile (see recordSent in outbox.ts). The timeline note follows.
 */
export async function insertEnrollment(db: Db, e: NewEnrollment): Promise<Enrollment> {
  let row: Enrollment;
  try {
    row = await db.enrollment.create({
      data: {
        leadId: e.leadId,
        sequenceId: e.sequenceId,
        state: 'active',
        stateEnteredAt: e.now,
        liveKey: liveKey(e.leadId, e.sequenceId),
        nextPosition: 0,
        nextStepAt: e.nextStepAt,
        priority: e.priority,
        createdAt: e.now,
      },
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new TrademailError(
        'ALREADY_ENROLLED',
        `lead ${e.leadId} is already enrolled in sequence ${e.sequenceName}; stop that enrollment first`,
        { cause: err, details: { leadId: e.leadId, sequence: e.sequenceName } },
      );
    }
    throw err;
  }
  await addNote(db, e.leadId, `sequence ${e.sequenceName}: enrolled (enrollment ${row.id})`, e.now);
  return row;
}

export interface StateChange {
  to: EnrollmentState;
  /** Why: stored in stopReason (null clears it) and written in the timeline note. */
  reason: string | null;
  now: Date;
  /** Only move from these states; anything else is ILLEGAL_TRANSITION even if the machine allows it. */
  from?: readonly EnrollmentState[];
  pausedUntil?: Date | null;
  nextStepAt?: Date | null;
  /** Human wording of the change for the timeline, e.g. 'paused until 2025-03-10'. */
  note: string;
  /** The sequence name, for the timeline note. */
  sequenceName: string;
  /** Also release the scheduler's claim (the caller holds it). */
  clearLock?: boolean;
}

const MAX_RACE_RETRIES = 5;

/**
 * Moves an enrollment to `change.to`. The row is read, the move checked against the state
 * machine, then written only if the state is still the one read; if another process changed it
 * in between, the move is re-checked against the new state.
 */
export async function changeEnrollmentState(db: Db, id: number, change: StateChange): Promise<Enrollment> {
  for (let attempt = 0; attempt < MAX_RACE_RETRIES; attempt++) {
    const row = await db.enrollment.findUnique({ where: { id } });
    if (row === null)
      throw new TrademailError('NOT_FOUND', `enrollment ${id} does not exist`, { details: { id } });
    if (change.from !== undefined && !change.from.includes(row.state as EnrollmentState)) {
      throw new TrademailError(
        'ILLEGAL_TRANSITION',
        `enrollment ${id} is ${row.state}, not ${change.from.join(' or ')}`,
        {
          details: { machine: 'enrollment', from: row.state, to: change.to },
        },
      );
    }
    transitionEnrollment(row.state, change.to);
    const live = LIVE_ENROLLMENT_STATES.includes(change.to);
    const updated = await db.$transaction(async (tx: Tx) => {
      const { count } = await tx.enrollment.updateMany({
        where: { id, state: row.state },
        data: {
          state: change.to,
          stateEnteredAt: change.now,
          stopReason: change.reason,
          liveKey: live ? liveKey(row.leadId, row.sequenceId) : null,
          ...(change.pausedUntil === undefined ? {} : { pausedUntil: change.pausedUntil }),
          ...(change.nextStepAt === undefined ? {} : { nextStepAt: change.nextStepAt }),
          ...(change.clearLock ? { lockedBy: null, lockedAt: null } : {}),
        },
      });
      if (count !== 1) return null;
      const because = change.reason === null ? '' : ` (${change.reason})`;
      await addNote(tx, row.leadId, `sequence ${change.sequenceName}: ${change.note}${because}`, change.now);
      return tx.enrollment.findUniqueOrThrow({ where: { id } });
    });
    if (updated !== null) return updated;
  }
  throw new TrademailError('CONFLICT', `enrollment ${id} kept changing under us; try again`, {
    details: { id },
  });
}

/** Active or paused enrollments of these leads, with their sequence names. */
export async function liveEnrollmentsOf(
  db: DbOrTx,
  leadIds: readonly number[],
): Promise<Array<Enrollment & { sequence: { name: string; definition: string } }>> {
  if (leadIds.length === 0) return [];
  return db.enrollment.findMany({
    where: { leadId: { in: [...leadIds] }, state: { in: [...LIVE_ENROLLMENT_STATES] } },
    include: { sequence: { select: { name: true, definition: true } } },
    orderBy: { id: 'asc' },
  });
}

/** Moves the end of a timed pause; only while the enrollment is still paused. */
export async function extendPause(db: DbOrTx, id: number, until: Date): Promise<boolean> {
  const { count } = await db.enrollment.updateMany({
    where: { id, state: 'paused' },
    data: { pausedUntil: until },
  });
  return count === 1;
}
