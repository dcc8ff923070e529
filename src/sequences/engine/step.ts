/**
 * One claimed enrollment, one step: decide whether it is sent now, then write the outbox row
 * (final Message-ID, exact bytes) and advance the enrollment in a single transaction. Nothing is
 * sent here; the sender picks the row up.
 */
import type { Lead } from '../../../generated/sqlite/client.ts';
import type { CustomerTier, Grade } from '../../domain/types.ts';
import type { DueEnrollment } from '../../store/sequences/claims.ts';
import { rescheduleEnrollment } from '../../store/sequences/claims.ts';
import type { StoredSequence } from '../../store/sequences/definitions.ts';
import { addNote, changeEnrollmentState } from '../../store/sequences/enrollments.ts';
import { insertOutbound, threadOf } from '../../store/sequences/outbox.ts';
import type { Tx } from '../../store/sequences/tx.ts';
import type { StepFacts } from '../definitions/cadence.ts';
import { conditionMet } from '../definitions/cadence.ts';
import type { SequenceStepDefinition } from '../definitions/schema.ts';
import { transitionEnrollment } from '../enrollment-state.ts';
import { planSendTime } from '../timing/plan.ts';
import { isInSendWindow, nextSendSlot } from '../timing/window.ts';
import { composeMessage, newMessageId, replyReferences, replySubject } from './compose.ts';
import { STOP_REASONS } from './signals.ts';
import type { LeadForSending, SchedulerDeps, TimingOptions } from './types.ts';

export type StepOutcome =
  | 'queued'
  | 'skipped'
  | 'rescheduled'
  | 'completed'
  | 'stopped'
  /** The enrollment changed under us (stopped, paused, or the claim was lost): nothing written. */
  | 'conflict';

const DAY_MS = 86_400_000;

export const COMPLETE_REASONS = { lastStep: 'last_step', maxAge: 'max_age' } as const;

export function outboundKey(enrollmentId: number, position: number): string {
  return `enrollment:${enrollmentId}:${position}`;
}

async function stepFacts(deps: SchedulerDeps, leadId: number, enrollmentId: number): Promise<StepFacts> {
  const [inquiry, lead, previous] = await Promise.all([
    deps.db.inquiry.findFirst({
      where: { leadId, grade: { not: null } },
      orderBy: { receivedAt: 'desc' },
      select: { grade: true },
    }),
    deps.db.lead.findUnique({ where: { id: leadId }, select: { company: { select: { tier: true } } } }),
    deps.db.outboundMail.findFirst({
      where: { enrollmentId },
      orderBy: { stepPosition: 'desc' },
      select: { createdAt: true },
    }),
  ]);
  const replied =
    previous !== null &&
    (await deps.db.activity.count({
      where: { leadId, type: 'reply', occurredAt: { gt: previous.createdAt } },
    })) > 0;
  return {
    grade: asGrade(inquiry?.grade),
    tier: asTier(lead?.company?.tier),
    repliedSincePreviousStep: replied,
  };
}

const GRADES: readonly Grade[] = ['A', 'B', 'C', 'D'];
const TIERS: readonly CustomerTier[] = ['A', 'B', 'C'];

/** A grade column read back; anything else (null, a typo) counts as unknown, which no condition matches. */
function asGrade(value: string | null | undefined): Grade | null {
  return GRADES.find((g) => g === value) ?? null;
}

function asTier(value: string | null | undefined): CustomerTier | null {
  return TIERS.find((t) => t === value) ?? null;
}

interface Advance {
  position: number;
  /** When the following step is planned; null ends the enrollment as completed. */
  nextAt: Date | null;
  completeReason: string | null;
  note: string | null;
}

/** Where the enrollment goes after `position`: the next step's planned time, or completion. */
function planAfter(
  sequence: StoredSequence,
  e: DueEnrollment,
  lead: LeadForSending,
  timing: TimingOptions,
  now: Date,
): Omit<Advance, 'note'> {
  const next: SequenceStepDefinition | undefined = sequence.definition.steps[e.nextPosition + 1];
  if (next === undefined)
    return { position: e.nextPosition, nextAt: null, completeReason: COMPLETE_REASONS.lastStep };
  const nextAt = planSendTime({
    previousAt: now,
    delay: next.delay,
    buyer: { country: lead.country, timeZone: lead.timeZone },
    window: timing.window,
    holidays: timing.holidays,
    rng: timing.rng,
  });
  const deadline = e.createdAt.getTime() + sequence.definition.maxAgeDays * DAY_MS;
  if (nextAt.getTime() >= deadline)
    return { position: e.nextPosition, nextAt: null, completeReason: COMPLETE_REASONS.maxAge };
  return { position: e.nextPosition, nextAt, completeReason: null };
}

/**
 * Moves the enrollment past `position` inside `tx`, only if it is still active, still ours and
 * still at that position. False (nothing written) when it changed under us: the caller then writes
 * nothing else either, so the transaction commits empty instead of rolling back.
 */
async function advanceInTx(
  tx: Tx,
  deps: SchedulerDeps,
  e: DueEnrollment,
  a: Advance,
  sequenceName: string,
  now: Date,
): Promise<boolean> {
  const ending = a.nextAt === null;
  if (ending) transitionEnrollment('active', 'completed');
  const { count } = await tx.enrollment.updateMany({
    where: { id: e.id, state: 'active', lockedBy: deps.worker, nextPosition: a.position },
    data: {
      nextPosition: a.position + 1,
      nextStepAt: a.nextAt,
      lockedBy: null,
      lockedAt: null,
      ...(ending
        ? { state: 'completed', stateEnteredAt: now, liveKey: null, stopReason: a.completeReason }
        : {}),
    },
  });
  if (count !== 1) return false;
  if (a.note !== null) await addNote(tx, e.leadId, `sequence ${sequenceName}: ${a.note}`, now);
  if (ending) await addNote(tx, e.leadId, `sequence ${sequenceName}: completed (${a.completeReason})`, now);
  return true;
}

async function end(
  deps: SchedulerDeps,
  e: DueEnrollment,
  to: 'stopped' | 'completed',
  reason: string,
  name: string,
  now: Date,
) {
  await changeEnrollmentState(deps.db, e.id, {
    to,
    from: ['active'],
    reason,
    now,
    note: to,
    sequenceName: name,
    clearLock: true,
  });
  return to;
}

/** What the scheduler read for a whole batch, before claiming. */
export interface StepContext {
  sequence: StoredSequence;
  lead: Lead;
  /** The lead's address was on the suppression list when the batch was read. */
  suppressed: boolean;
}

/**
 * Processes one enrollment this worker has claimed. Every outcome but 'conflict' releases the
 * claim with its own write; the caller releases it after a conflict or an error.
 */
export async function processStep(
  deps: SchedulerDeps,
  e: DueEnrollment,
  ctx: StepContext,
  now: Date,
  timing: TimingOptions,
): Promise<StepOutcome> {
  const { sequence, lead: row } = ctx;
  const name = sequence.name;
  if (row.email === null) return end(deps, e, 'stopped', STOP_REASONS.noAddress, name, now);
  if (row.undeliverableAt !== null) return end(deps, e, 'stopped', STOP_REASONS.undeliverable, name, now);
  if (ctx.suppressed) return end(deps, e, 'stopped', STOP_REASONS.suppressed, name, now);
  if (now.getTime() >= e.createdAt.getTime() + sequence.definition.maxAgeDays * DAY_MS) {
    return end(deps, e, 'completed', COMPLETE_REASONS.maxAge, name, now);
  }
  const step = sequence.definition.steps[e.nextPosition];
  if (step === undefined) return end(deps, e, 'completed', COMPLETE_REASONS.lastStep, name, now);

  const lead: LeadForSending = { ...row, email: row.email };
  const slot = {
    buyer: { country: lead.country, timeZone: lead.timeZone },
    window: timing.window,
    holidays: timing.holidays,
  };
  if (!isInSendWindow(now, slot)) {
    // Overdue (the scheduler was down, or a pause ended at night): wait for the buyer's next window.
    const moved = await rescheduleEnrollment(deps.db, e.id, deps.worker, nextSendSlot(now, slot));
    return moved ? 'rescheduled' : 'conflict';
  }

  const plan = planAfter(sequence, e, lead, timing, now);
  if (step.condition !== null && !conditionMet(step.condition, await stepFacts(deps, lead.id, e.id))) {
    const note = `step ${step.id} skipped (condition not met)`;
    const moved = await deps.db.$transaction((tx) => advanceInTx(tx, deps, e, { ...plan, note }, name, now));
    if (!moved) return 'conflict';
    return plan.nextAt === null ? 'completed' : 'skipped';
  }

  const sender = await deps.senders(lead);
  const thread = await threadOf(deps.db, e.id);
  const rendered = await deps.render({
    enrollmentId: e.id,
    sequenceName: name,
    step: { position: e.nextPosition, key: step.id, template: step.template },
    followUp: thread.root !== null,
    lead,
    sender,
    now,
  });
  const messageId = newMessageId(sender.address);
  const subject = thread.root === null ? rendered.subject : replySubject(thread.root.subject);
  const references = thread.parent === null ? [] : replyReferences(thread.parent);
  const inReplyTo = thread.parent?.messageId ?? null;
  const raw = await composeMessage({
    from: { name: sender.name, address: sender.address },
    to: { name: lead.name, address: lead.email },
    subject,
    text: rendered.text,
    html: rendered.html,
    messageId,
    inReplyTo,
    references,
    date: now,
    headers: rendered.headers,
  });
  const queued = await deps.db.$transaction(async (tx) => {
    if (!(await advanceInTx(tx, deps, e, { ...plan, note: null }, name, now))) return false;
    await insertOutbound(tx, {
      idempotencyKey: outboundKey(e.id, e.nextPosition),
      enrollmentId: e.id,
      stepPosition: e.nextPosition,
      leadId: lead.id,
      kind: 'sequence',
      mailboxName: sender.mailboxName,
      fromAddress: sender.address,
      toAddress: lead.email,
      subject,
      messageId,
      inReplyTo,
      references,
      raw,
      now,
    });
    return true;
  });
  return queued ? 'queued' : 'conflict';
}
