/**
 * Enrollment by rule, from what the store knows (not from one message):
 * - the safety net for inquiries nobody answered: once an inquiry's SLA deadline has passed
 *   with no answer, its buyer is enrolled in prospecting (when they have an address and a
 *   grade worth it), so every genuine inquiry hears from us within the users' rules;
 * - customers the SLA jobs flagged as silent for 3 months go into the wake-up sequence.
 */
import { isTrademailError } from '../errors.ts';
import type { Db } from '../store/client.ts';
import { enroll, type TimingOptions } from './engine/index.ts';
import { DEFAULT_ENROLLMENT_RULES, type EnrollmentRules } from './reactions.ts';

export async function enrollOverdue(
  db: Db,
  now: Date,
  timing: TimingOptions,
  rules: EnrollmentRules = DEFAULT_ENROLLMENT_RULES,
): Promise<{ enrolled: number; refused: string[] }> {
  const overdue = await db.inquiry.findMany({
    where: {
      status: 'open',
      deadlineAt: { lte: now },
      OR: [{ grade: null }, { grade: { notIn: [...rules.skipGrades] } }],
      lead: {
        email: { not: null },
        undeliverableAt: null,
        enrollments: { none: { sequence: { name: rules.prospecting } } },
      },
    },
    select: { leadId: true },
    orderBy: { deadlineAt: 'asc' },
  });
  return enrollEach(db, [...new Set(overdue.map((i) => i.leadId))], rules.prospecting, 2, now, timing);
}

/** Customers flagged for wake-up (no inquiry for 3 months) and not woken up since the flag. */
export async function enrollWakeUps(db: Db, now: Date, timing: TimingOptions, sequence = 'wake-up') {
  const flagged = await db.lead.findMany({
    where: { wakeUpFlaggedAt: { not: null }, email: { not: null }, undeliverableAt: null },
    select: {
      id: true,
      wakeUpFlaggedAt: true,
      enrollments: { where: { sequence: { name: sequence } }, select: { createdAt: true } },
    },
  });
  const due = flagged
    .filter((l) => !l.enrollments.some((e) => e.createdAt >= l.wakeUpFlaggedAt!))
    .map((l) => l.id);
  return enrollEach(db, due, sequence, 1, now, timing);
}

async function enrollEach(
  db: Db,
  leadIds: number[],
  sequenceName: string,
  priority: number,
  now: Date,
  timing: TimingOptions,
): Promise<{ enrolled: number; refused: string[] }> {
  const result = { enrolled: 0, refused: [] as string[] };
  for (const leadId of leadIds) {
    try {
      await enroll(db, { leadId, sequenceName, now, priority }, timing);
      result.enrolled += 1;
    } catch (err) {
      if (!isTrademailError(err, 'NOT_MAILABLE') && !isTrademailError(err, 'ALREADY_ENROLLED')) throw err;
      result.refused.push(err.message);
    }
  }
  return result;
}

/** When the next open inquiry's deadline passes (the next moment enrollOverdue has work), or null. */
export async function nextDeadline(db: Db, after: Date): Promise<Date | null> {
  const next = await db.inquiry.findFirst({
    where: { status: 'open', deadlineAt: { gt: after } },
    orderBy: { deadlineAt: 'asc' },
    select: { deadlineAt: true },
  });
  return next?.deadlineAt ?? null;
}
