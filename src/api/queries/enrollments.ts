/** Enrollments (a lead going through a sequence) with their outbound mails. */
import type { Prisma } from '../../../generated/sqlite/client.ts';
import type { Db } from '../../store/client.ts';
import { type Actor, canSeeLead, leadScope, notFound } from '../access.ts';
import type { Paging } from '../schemas.ts';
import { leadRef } from './leads.ts';

type EnrollmentRow = Prisma.EnrollmentGetPayload<{
  include: { sequence: { select: { id: true; name: true } }; lead: true };
}>;

export function formatEnrollment(e: EnrollmentRow) {
  return {
    id: e.id,
    leadId: e.leadId,
    lead: leadRef(e.lead),
    sequence: { id: e.sequence.id, name: e.sequence.name },
    state: e.state,
    stateEnteredAt: e.stateEnteredAt,
    nextPosition: e.nextPosition,
    nextStepAt: e.nextStepAt,
    pausedUntil: e.pausedUntil,
    stopReason: e.stopReason,
    priority: e.priority,
    createdAt: e.createdAt,
  };
}

const include = { sequence: { select: { id: true, name: true } }, lead: true } as const;

export interface EnrollmentFilter extends Paging {
  state?: string;
  leadId?: number;
  sequence?: string;
}

export async function listEnrollments(db: Db, actor: Actor, f: EnrollmentFilter) {
  const where: Prisma.EnrollmentWhereInput = {
    lead: leadScope(actor),
    ...(f.state ? { state: f.state } : {}),
    ...(f.leadId === undefined ? {} : { leadId: f.leadId }),
    ...(f.sequence ? { sequence: { name: f.sequence } } : {}),
  };
  const [rows, total] = await Promise.all([
    db.enrollment.findMany({ where, include, orderBy: { id: 'desc' }, take: f.limit, skip: f.offset }),
    db.enrollment.count({ where }),
  ]);
  return { items: rows.map(formatEnrollment), total };
}

/** The enrollment, or NOT_FOUND when it does not exist or its lead is not the actor's. */
export async function visibleEnrollment(db: Db, actor: Actor, id: number): Promise<EnrollmentRow> {
  const row = await db.enrollment.findUnique({ where: { id }, include });
  if (row === null || !canSeeLead(actor, row.lead)) throw notFound('enrollment', id);
  return row;
}

export async function enrollmentDetail(db: Db, actor: Actor, id: number) {
  const row = await visibleEnrollment(db, actor, id);
  const mails = await db.outboundMail.findMany({
    where: { enrollmentId: id },
    orderBy: [{ stepPosition: 'asc' }, { id: 'asc' }],
    select: {
      id: true,
      stepPosition: true,
      state: true,
      subject: true,
      toAddress: true,
      mailboxName: true,
      notBefore: true,
      sentAt: true,
      attempts: true,
      lastError: true,
    },
  });
  return { enrollment: { ...formatEnrollment(row), outbound: mails } };
}

export async function formattedEnrollment(db: Db, id: number) {
  return formatEnrollment(await db.enrollment.findUniqueOrThrow({ where: { id }, include }));
}
