/**
 * Enrolling a lead and the manual moves of an enrollment (CLI: enroll, pause, resume, stop).
 * Every move goes through the enrollment state machine and records its reason.
 */
import type { Enrollment } from '../../../generated/sqlite/client.ts';
import { TrademailError } from '../../errors.ts';
import type { Db } from '../../store/client.ts';
import { findSequenceByName } from '../../store/sequences/definitions.ts';
import { changeEnrollmentState, insertEnrollment } from '../../store/sequences/enrollments.ts';
import { cancelQueued } from '../../store/sequences/outbox.ts';
import { isSuppressed } from '../../store/suppressions.ts';
import { planSendTime } from '../timing/plan.ts';
import type { TimingOptions } from './types.ts';
import { DEFAULT_TIMING } from './types.ts';

export interface EnrollInput {
  leadId: number;
  sequenceName: string;
  now: Date;
  /** Higher goes first when a mailbox's daily cap holds steps back (default 0). */
  priority?: number;
}

/**
 * Enrolls a lead: the first step is planned in the buyer's send window. Refused with
 * ALREADY_ENROLLED while the lead has a live enrollment in that sequence (the unique liveKey),
 * and with NOT_MAILABLE when the lead has no address, bounced, or is suppressed.
 */
export async function enroll(
  db: Db,
  input: EnrollInput,
  timing: TimingOptions = DEFAULT_TIMING,
): Promise<Enrollment> {
  const sequence = await findSequenceByName(db, input.sequenceName);
  const lead = await db.lead.findUnique({ where: { id: input.leadId } });
  if (lead === null) throw new TrademailError('NOT_FOUND', `lead ${input.leadId} does not exist`);
  const refuse = (why: string) =>
    new TrademailError('NOT_MAILABLE', `lead ${lead.id} cannot be enrolled in ${sequence.name}: ${why}`, {
      details: { leadId: lead.id, reason: why },
    });
  if (lead.email === null) throw refuse('no email address (platform buyer with a hidden address)');
  if (lead.undeliverableAt !== null)
    throw refuse(`the address bounced on ${lead.undeliverableAt.toISOString()}`);
  if (await isSuppressed(db, lead.email)) throw refuse(`${lead.email} is on the suppression list`);
  const first = sequence.definition.steps[0];
  if (first === undefined)
    throw new TrademailError('SEQUENCE_INVALID', `sequence ${sequence.name} has no steps`);
  const nextStepAt = planSendTime({
    previousAt: input.now,
    delay: first.delay,
    buyer: { country: lead.country, timeZone: lead.timeZone },
    window: timing.window,
    holidays: timing.holidays,
    rng: timing.rng,
  });
  return insertEnrollment(db, {
    leadId: lead.id,
    sequenceId: sequence.id,
    sequenceName: sequence.name,
    nextStepAt,
    priority: input.priority ?? 0,
    now: input.now,
  });
}

async function sequenceNameOf(db: Db, enrollmentId: number): Promise<string> {
  const row = await db.enrollment.findUnique({
    where: { id: enrollmentId },
    select: { sequence: { select: { name: true } } },
  });
  if (row === null) throw new TrademailError('NOT_FOUND', `enrollment ${enrollmentId} does not exist`);
  return row.sequence.name;
}

/** Pauses an active enrollment, until a date (then the scheduler resumes it) or, with null, until resumed. */
export async function pause(
  db: Db,
  enrollmentId: number,
  reason: string,
  now: Date,
  until: Date | null = null,
): Promise<Enrollment> {
  return changeEnrollmentState(db, enrollmentId, {
    to: 'paused',
    from: ['active'],
    reason,
    now,
    pausedUntil: until,
    note: until === null ? 'paused' : `paused until ${until.toISOString()}`,
    sequenceName: await sequenceNameOf(db, enrollmentId),
  });
}

/**
 * Resumes a paused enrollment. The next step keeps its planned time; if that passed during the
 * pause, the scheduler sends it at the next opening of the buyer's send window.
 */
export async function resume(db: Db, enrollmentId: number, reason: string, now: Date): Promise<Enrollment> {
  return changeEnrollmentState(db, enrollmentId, {
    to: 'active',
    from: ['paused'],
    reason: null,
    now,
    pausedUntil: null,
    note: `resumed (${reason})`,
    sequenceName: await sequenceNameOf(db, enrollmentId),
  });
}

/** Stops an active or paused enrollment for good; its mails not yet handed to SMTP are cancelled. */
export async function stop(db: Db, enrollmentId: number, reason: string, now: Date): Promise<Enrollment> {
  const row = await changeEnrollmentState(db, enrollmentId, {
    to: 'stopped',
    reason,
    now,
    note: 'stopped',
    sequenceName: await sequenceNameOf(db, enrollmentId),
  });
  await cancelQueued(db, { enrollmentIds: [enrollmentId] }, `enrollment stopped (${reason})`, now);
  return row;
}
