/**
 * Builds the weekly report for one person and the week ending at `end` in their own zone. Only
 * facts recorded before `end` count, so the report of a past week reads the same whenever it is
 * built (an answer that came after `end` is not an answer yet).
 */
import type { Config } from '../../config/schema.ts';
import type { Db } from '../../store/client.ts';
import { weekEnding } from '../period.ts';
import { leadWhere, reportScope, type Scope } from '../scope.ts';
import { effectiveDeadline, type SlaInquiry, tallySla } from '../sla.ts';
import { keyProspects } from './prospects.ts';
import type { LeadLine, ReportUser, WeeklyReport } from './types.ts';

const DAY_MS = 86_400_000;

interface LeadWithCompany {
  id: number;
  name: string | null;
  email: string | null;
  phone: string | null;
  ownerId: number | null;
  company: { name: string | null } | null;
}

export function leadLine(lead: LeadWithCompany): LeadLine {
  return {
    leadId: lead.id,
    company: lead.company?.name ?? null,
    contact: lead.name,
    email: lead.email,
    phone: lead.phone,
  };
}

/** The SLA clock as it stood at `end`. */
function asOf(i: SlaInquiry, end: Date): SlaInquiry {
  return { ...i, answeredAt: i.answeredAt !== null && i.answeredAt < end ? i.answeredAt : null };
}

function isPermanentBounce(understanding: string | null): boolean {
  if (understanding === null) return false;
  const u = JSON.parse(understanding) as { bounce?: { permanent?: unknown } | null };
  return u.bounce?.permanent === true;
}

export interface BuildOptions {
  /** Key prospects listed at most (default 30). */
  maxProspects?: number;
}

export async function buildWeeklyReport(
  db: Db,
  config: Config,
  user: ReportUser,
  end: Date,
  options: BuildOptions = {},
): Promise<WeeklyReport> {
  const scope = await reportScope(db, user);
  const period = weekEnding(end, user.timeZone);
  const { start } = period;
  const leads = leadWhere(scope);
  const standardHours = config.sla.standardHours;
  const leadInclude = { include: { company: { select: { name: true } } } } as const;

  const [received, replies, bounceActivities, silentBounces, openInquiries, lateEnrollments] =
    await Promise.all([
      db.inquiry.findMany({
        where: { lead: leads, receivedAt: { gte: start, lt: end } },
        select: { receivedAt: true, deadlineAt: true, answeredAt: true, lead: { select: { ownerId: true } } },
      }),
      db.activity.findMany({
        where: { type: 'reply', occurredAt: { gte: start, lt: end }, lead: leads },
        include: { lead: leadInclude },
        orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }],
      }),
      db.activity.findMany({
        where: { type: 'bounce', occurredAt: { gte: start, lt: end }, lead: leads },
        include: { lead: leadInclude, message: { select: { understanding: true } } },
        orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }],
      }),
      // Refused at SMTP time (5xx when we sent): no bounce mail arrives, the lead is marked instead.
      db.lead.findMany({
        where: {
          ...leads,
          undeliverableAt: { gte: start, lt: end },
          activities: { none: { type: 'bounce' } },
        },
        include: { company: { select: { name: true } } },
      }),
      db.inquiry.findMany({
        where: {
          lead: leads,
          receivedAt: { lt: end },
          OR: [{ status: 'open' }, { answeredAt: { gte: end } }],
        },
        include: {
          lead: leadInclude,
          message: { select: { subject: true } },
          owner: { select: { name: true } },
        },
      }),
      db.enrollment.findMany({
        where: { lead: leads, state: 'active', nextStepAt: { lt: new Date(end.getTime() - DAY_MS) } },
        include: { lead: leadInclude, sequence: { select: { name: true } } },
        orderBy: [{ nextStepAt: 'asc' }, { id: 'asc' }],
      }),
    ]);

  const sla = tallySla(
    received.map((i) => asOf(i, end)),
    standardHours,
    end,
  );
  const overdueInquiries = openInquiries
    .filter((i) => effectiveDeadline(i, standardHours) < end)
    .sort(
      (a, b) =>
        effectiveDeadline(a, standardHours).getTime() - effectiveDeadline(b, standardHours).getTime() ||
        a.id - b.id,
    );

  const bounceItems = [
    ...bounceActivities.map((a) => ({
      ...leadLine(a.lead),
      at: a.occurredAt,
      permanent: isPermanentBounce(a.message?.understanding ?? null),
      ownerId: a.lead.ownerId,
    })),
    ...silentBounces.map((l) => ({
      ...leadLine(l),
      at: l.undeliverableAt!,
      permanent: true,
      ownerId: l.ownerId,
    })),
  ].sort((a, b) => a.at.getTime() - b.at.getTime() || a.leadId - b.leadId);
  const hard = bounceItems.filter((b) => b.permanent).length;

  const overdueIds = new Set(overdueInquiries.map((i) => i.leadId));
  const prospects = await keyProspects(db, {
    leads,
    start,
    end,
    openLeadIds: new Set(openInquiries.map((i) => i.leadId)),
    overdueLeadIds: overdueIds,
    repliedLeadIds: new Set(replies.map((r) => r.leadId)),
    max: options.maxProspects ?? 30,
  });

  const report: WeeklyReport = {
    user,
    scope: scope.kind,
    period: {
      start: start.toISOString(),
      end: end.toISOString(),
      timeZone: user.timeZone,
      label: period.label,
    },
    keyProspects: prospects,
    sla: {
      inquiries: sla.inquiries,
      answered: sla.answered,
      answeredWithinSla: sla.met,
      answeredLate: sla.late,
      breachedOpen: sla.breachedOpen,
      percent: sla.metPercent,
    },
    replies: {
      count: replies.length,
      items: replies.map((r) => ({
        ...leadLine(r.lead),
        at: r.occurredAt.toISOString(),
        subject: r.summary,
      })),
    },
    bounces: {
      count: bounceItems.length,
      hard,
      soft: bounceItems.length - hard,
      items: bounceItems.map(({ ownerId: _owner, at, ...b }) => ({ ...b, at: at.toISOString() })),
    },
    overdue: {
      inquiries: overdueInquiries.map((i) => ({
        ...leadLine(i.lead),
        inquiryId: i.id,
        subject: i.message.subject,
        deadlineAt: effectiveDeadline(i, standardHours).toISOString(),
        owner: i.owner?.name ?? null,
      })),
      followUps: lateEnrollments.map((e) => ({
        ...leadLine(e.lead),
        enrollmentId: e.id,
        sequence: e.sequence.name,
        dueAt: e.nextStepAt!.toISOString(),
      })),
    },
    perSalesperson: [],
  };
  if (scope.kind !== 'own') {
    report.perSalesperson = await perSalesperson(db, scope, {
      received: received.map((i) => ({ ownerId: i.lead.ownerId, clock: asOf(i, end) })),
      replies: replies.map((r) => r.lead.ownerId),
      bounces: bounceItems.map((b) => b.ownerId),
      overdue: [
        ...overdueInquiries.map((i) => i.lead.ownerId),
        ...lateEnrollments.map((e) => e.lead.ownerId),
      ],
      standardHours,
      end,
    });
  }
  return report;
}

interface Tallies {
  received: Array<{ ownerId: number | null; clock: SlaInquiry }>;
  replies: Array<number | null>;
  bounces: Array<number | null>;
  overdue: Array<number | null>;
  standardHours: number;
  end: Date;
}

async function perSalesperson(db: Db, scope: Scope, t: Tallies): Promise<WeeklyReport['perSalesperson']> {
  const people = await db.salesperson.findMany({
    where:
      scope.ownerIds === null
        ? { active: true, role: { in: ['salesperson', 'manager'] } }
        : { id: { in: scope.ownerIds } },
    orderBy: { name: 'asc' },
  });
  return people.map((p) => {
    const sla = tallySla(
      t.received.filter((r) => r.ownerId === p.id).map((r) => r.clock),
      t.standardHours,
      t.end,
    );
    return {
      id: p.id,
      name: p.name,
      email: p.email,
      inquiries: sla.inquiries,
      answeredWithinSla: sla.met,
      percent: sla.metPercent,
      replies: t.replies.filter((o) => o === p.id).length,
      bounces: t.bounces.filter((o) => o === p.id).length,
      overdue: t.overdue.filter((o) => o === p.id).length,
    };
  });
}
