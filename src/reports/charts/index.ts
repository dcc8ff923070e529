/**
 * The dashboard's chart data for a period and a set of leads (a salesperson's own, or all):
 * loads the rows once and hands them to the pure chart functions beside this file.
 */
import type { Prisma } from '../../../generated/sqlite/client.ts';
import type { Config } from '../../config/schema.ts';
import type { Db } from '../../store/client.ts';
import type { SlaTally } from '../sla.ts';
import { type FunnelLead, funnelChart } from './funnel.ts';
import {
  byCountryChart,
  byProductChart,
  type ChartInquiry,
  type FirstResponseChart,
  firstResponseChart,
  slaChart,
} from './inquiries.ts';
import { type ReplyRateRow, replyRateChart, type StepMail } from './reply-rate.ts';

export interface ChartData {
  period: { start: string; end: string };
  firstResponse: FirstResponseChart;
  sla: SlaTally;
  replyRateByStep: ReplyRateRow[];
  funnel: ReturnType<typeof funnelChart>;
  byCountry: ReturnType<typeof byCountryChart>;
  byProduct: ReturnType<typeof byProductChart>;
}

function jsonList(text: string): string[] {
  const v: unknown = JSON.parse(text);
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

export async function chartData(
  db: Db,
  config: Config,
  q: { leads: Prisma.LeadWhereInput; start: Date; end: Date; now: Date },
): Promise<ChartData> {
  const received = await db.inquiry.findMany({
    where: { lead: q.leads, receivedAt: { gte: q.start, lt: q.end } },
    select: {
      leadId: true,
      receivedAt: true,
      deadlineAt: true,
      answeredAt: true,
      products: true,
      lead: { select: { country: true, company: { select: { country: true } } } },
    },
  });
  const inquiries: ChartInquiry[] = received.map((i) => ({
    receivedAt: i.receivedAt,
    deadlineAt: i.deadlineAt,
    answeredAt: i.answeredAt,
    country: i.lead.country ?? i.lead.company?.country ?? null,
    products: jsonList(i.products),
  }));
  const [replyRateByStep, funnelLeads] = await Promise.all([
    replyRates(db, q),
    funnelInput(
      db,
      received.map((i) => ({ leadId: i.leadId, receivedAt: i.receivedAt })),
    ),
  ]);
  return {
    period: { start: q.start.toISOString(), end: q.end.toISOString() },
    firstResponse: firstResponseChart(inquiries),
    sla: slaChart(inquiries, config.sla.standardHours, q.now),
    replyRateByStep,
    funnel: funnelChart(funnelLeads),
    byCountry: byCountryChart(inquiries),
    byProduct: byProductChart(inquiries),
  };
}

async function replyRates(
  db: Db,
  q: { leads: Prisma.LeadWhereInput; start: Date; end: Date },
): Promise<ReplyRateRow[]> {
  const select = {
    enrollmentId: true,
    stepPosition: true,
    sentAt: true,
    enrollment: { select: { leadId: true, sequenceId: true, sequence: { select: { name: true } } } },
  } as const;
  const inPeriod = await db.outboundMail.findMany({
    where: {
      kind: 'sequence',
      state: 'sent',
      sentAt: { gte: q.start, lt: q.end },
      enrollment: { is: { lead: q.leads } },
    },
    select,
  });
  const enrollmentIds = [...new Set(inPeriod.map((m) => m.enrollmentId!))];
  const [all, steps, replies] = await Promise.all([
    db.outboundMail.findMany({ where: { enrollmentId: { in: enrollmentIds }, state: 'sent' }, select }),
    db.sequenceStep.findMany({ select: { sequenceId: true, position: true, stepKey: true } }),
    db.activity.findMany({
      where: { type: 'reply', leadId: { in: [...new Set(inPeriod.map((m) => m.enrollment!.leadId))] } },
      select: { leadId: true, occurredAt: true },
    }),
  ]);
  const stepKey = new Map(steps.map((s) => [`${s.sequenceId}:${s.position}`, s.stepKey]));
  const toStep = (m: (typeof inPeriod)[number]): StepMail => ({
    enrollmentId: m.enrollmentId!,
    leadId: m.enrollment!.leadId,
    sequence: m.enrollment!.sequence.name,
    position: m.stepPosition ?? 0,
    stepKey: stepKey.get(`${m.enrollment!.sequenceId}:${m.stepPosition ?? 0}`) ?? null,
    sentAt: m.sentAt!,
  });
  const byLead = new Map<number, Date[]>();
  for (const r of replies) byLead.set(r.leadId, [...(byLead.get(r.leadId) ?? []), r.occurredAt]);
  return replyRateChart(inPeriod.map(toStep), all.map(toStep), byLead);
}

async function funnelInput(
  db: Db,
  received: Array<{ leadId: number; receivedAt: Date }>,
): Promise<FunnelLead[]> {
  const first = new Map<number, Date>();
  for (const r of received) {
    const seen = first.get(r.leadId);
    if (seen === undefined || r.receivedAt < seen) first.set(r.leadId, r.receivedAt);
  }
  const leadIds = [...first.keys()];
  if (leadIds.length === 0) return [];
  const [leads, activities] = await Promise.all([
    db.lead.findMany({
      where: { id: { in: leadIds } },
      select: {
        id: true,
        company: { select: { orders: { select: { orderedAt: true } } } },
        inquiries: { where: { sampleRequest: true }, select: { receivedAt: true } },
        enrollments: { select: { createdAt: true, sequence: { select: { name: true } } } },
      },
    }),
    db.activity.findMany({
      where: { leadId: { in: leadIds }, messageId: { not: null } },
      select: { leadId: true, direction: true, summary: true, occurredAt: true },
    }),
  ]);
  const outboundMail = await db.outboundMail.findMany({
    where: { leadId: { in: leadIds }, state: 'sent' },
    select: { leadId: true, subject: true, sentAt: true },
  });
  return leads.map((l) => {
    const firstAt = first.get(l.id)!;
    const logged = activities.filter((a) => a.leadId === l.id).map((a) => ({ ...a, at: a.occurredAt }));
    const sent = outboundMail
      .filter((m) => m.leadId === l.id && m.sentAt !== null)
      .map((m) => ({ subject: m.subject, at: m.sentAt! }));
    const ours = [
      ...logged.filter((a) => a.direction === 'outbound').map((a) => ({ subject: a.summary, at: a.at })),
      ...sent,
    ];
    return {
      leadId: l.id,
      firstInquiryAt: firstAt,
      enrolledInQuotationAt: l.enrollments
        .filter((e) => e.sequence.name.startsWith('quotation'))
        .map((e) => e.createdAt),
      outbound: ours,
      mail: [...logged.map((a) => ({ subject: a.summary, at: a.at })), ...sent],
      askedForSamples: l.inquiries.some((i) => i.receivedAt >= firstAt),
      orderDates: l.company?.orders.map((o) => o.orderedAt) ?? [],
    };
  });
}
