/**
 * The safety net for inquiries nobody answered: once an inquiry's SLA deadline has passed with
 * no answer, its buyer is enrolled in prospecting (when they have an address and a grade worth
 * it), so every genuine inquiry hears from us within the users' rules.
 */
import { isTrademailError } from '../errors.ts';
import { enroll, type TimingOptions } from './engine/index.ts';
import type { Db } from '../store/client.ts';
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
  const result = { enrolled: 0, refused: [] as string[] };
  for (const leadId of new Set(overdue.map((i) => i.leadId))) {
    try {
      await enroll(db, { leadId, sequenceName: rules.prospecting, now, priority: 2 }, timing);
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
