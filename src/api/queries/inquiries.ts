/**
 * The inquiry queue: open inquiries by deadline (soonest first), then score (highest first),
 * with the time left and the reasons behind each rank. Unranked inquiries are held to the
 * standard SLA from their arrival (src/reports/sla.ts), so nothing waits without a clock.
 */
import type { Prisma } from '../../../generated/sqlite/client.ts';
import { explainLine, slaStatus, type WorkingCalendar } from '../../rank/index.ts';
import { effectiveDeadline, slaOutcome } from '../../reports/sla.ts';
import type { Db } from '../../store/client.ts';
import { type Actor, canSeeLead, leadScope, notFound } from '../access.ts';
import type { Paging } from '../schemas.ts';
import { parseJsonList } from './json.ts';
import { companyRef, leadRef, ownerRef } from './leads.ts';

export interface QueueClock {
  now: Date;
  standardHours: number;
  /** The owner's working calendar, in which ranked deadlines are counted. */
  calendarOf: (ownerEmail: string | null) => WorkingCalendar;
}

type InquiryRow = Prisma.InquiryGetPayload<{
  include: { message: { select: { subject: true } }; lead: { include: { company: true } }; owner: true };
}>;

const include = {
  message: { select: { subject: true } },
  lead: { include: { company: true } },
  owner: true,
} as const;

/** The most the queue sorts in memory; far above a sales team's open inquiries. */
const QUEUE_CAP = 5000;

export function formatInquiry(i: InquiryRow, clock: QueueClock) {
  const deadline = effectiveDeadline(i, clock.standardHours);
  const reasons = parseJsonList(i.reasons);
  return {
    id: i.id,
    kind: i.kind,
    status: i.status,
    lead: leadRef(i.lead),
    company: companyRef(i.lead.company),
    owner: ownerRef(i.owner),
    subject: i.message.subject,
    products: parseJsonList(i.products),
    quantity: i.quantity,
    unit: i.unit,
    incoterm: i.incoterm,
    incotermPlace: i.incotermPlace,
    port: i.port,
    targetPrice: i.targetPrice,
    currency: i.currency,
    certifications: parseJsonList(i.certifications),
    paymentTerms: i.paymentTerms,
    sampleRequest: i.sampleRequest,
    urgency: i.urgency,
    language: i.language,
    country: i.lead.country ?? i.lead.company?.country ?? null,
    grade: i.grade,
    score: i.score,
    priorityTier: i.priorityTier,
    slaHours: i.slaHours ?? (i.deadlineAt === null ? clock.standardHours : null),
    receivedAt: i.receivedAt,
    deadlineAt: deadline,
    deadlineEstimated: i.deadlineAt === null,
    answeredAt: i.answeredAt,
    msLeft: i.answeredAt === null ? deadline.getTime() - clock.now.getTime() : null,
    workingMsLeft:
      i.answeredAt === null && i.deadlineAt !== null
        ? slaStatus(
            clock.calendarOf(i.owner?.email ?? null),
            { arrivedAt: i.receivedAt, deadline: i.deadlineAt, answeredAt: null },
            clock.now,
          ).remainingWorkingMs
        : null,
    slaState: slaOutcome(i, clock.standardHours, clock.now),
    reasons,
    explain:
      i.priorityTier !== null && i.score !== null && i.slaHours !== null
        ? explainLine({ tier: i.priorityTier as 'P1', score: i.score, slaHours: i.slaHours, reasons })
        : null,
  };
}

export type QueueItem = ReturnType<typeof formatInquiry>;

export interface QueueFilter extends Paging {
  status: 'open' | 'answered' | 'closed' | 'all';
  ownerId?: number;
  grade?: string;
  priorityTier?: string;
}

function byDeadlineThenScore(a: QueueItem, b: QueueItem): number {
  return (
    a.deadlineAt.getTime() - b.deadlineAt.getTime() ||
    (b.score ?? Number.NEGATIVE_INFINITY) - (a.score ?? Number.NEGATIVE_INFINITY) ||
    a.receivedAt.getTime() - b.receivedAt.getTime() ||
    a.id - b.id
  );
}

export async function inquiryQueue(db: Db, actor: Actor, f: QueueFilter, clock: QueueClock) {
  const where: Prisma.InquiryWhereInput = {
    AND: [{ lead: leadScope(actor) }, ...(f.ownerId === undefined ? [] : [{ lead: { ownerId: f.ownerId } }])],
    ...(f.status === 'all' ? {} : { status: f.status }),
    ...(f.grade ? { grade: f.grade } : {}),
    ...(f.priorityTier ? { priorityTier: f.priorityTier } : {}),
  };
  const rows = await db.inquiry.findMany({
    where,
    include,
    orderBy: { receivedAt: 'desc' },
    take: QUEUE_CAP,
  });
  const items = rows.map((r) => formatInquiry(r, clock)).sort(byDeadlineThenScore);
  return { now: clock.now, items: items.slice(f.offset, f.offset + f.limit), total: items.length };
}

export async function inquiryDetail(db: Db, actor: Actor, id: number, clock: QueueClock) {
  const row = await db.inquiry.findUnique({ where: { id }, include });
  if (row === null || !canSeeLead(actor, row.lead)) throw notFound('inquiry', id);
  return { now: clock.now, inquiry: { ...formatInquiry(row, clock), messageId: row.messageId } };
}
