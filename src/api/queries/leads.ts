/** Leads as the API shows them: a list with filters, and one lead with everything around it. */
import type { Prisma } from '../../../generated/sqlite/client.ts';
import type { Db } from '../../store/client.ts';
import { type Actor, canSeeLead, leadScope, notFound } from '../access.ts';
import type { Paging } from '../schemas.ts';
import { formatActivity } from './activities.ts';
import { formatEnrollment } from './enrollments.ts';
import { formatInquiry, type QueueClock } from './inquiries.ts';
import { parseJsonList } from './json.ts';

type LeadRow = Prisma.LeadGetPayload<{ include: { company: true; owner: true } }>;

export interface LeadFilter extends Paging {
  q?: string;
  status?: string;
  country?: string;
  ownerId?: number;
  grade?: string;
}

export function companyRef(c: LeadRow['company']) {
  return c === null
    ? null
    : { id: c.id, name: c.name, domain: c.domain, country: c.country, website: c.website, tier: c.tier };
}

export function ownerRef(o: { id: number; name: string; email: string } | null) {
  return o === null ? null : { id: o.id, name: o.name, email: o.email };
}

export function leadRef(l: { id: number; name: string | null; email: string | null }) {
  return { id: l.id, name: l.name, email: l.email };
}

function formatLead(row: LeadRow, grade: string | null, lastActivityAt: Date | null) {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    title: row.title,
    country: row.country ?? row.company?.country ?? null,
    status: row.status,
    source: row.source,
    company: companyRef(row.company),
    owner: ownerRef(row.owner),
    grade,
    lastInquiryAt: row.lastInquiryAt,
    lastActivityAt,
    undeliverable: row.undeliverableAt !== null,
  };
}

/** Text search over name, email and company name; SQLite LIKE ignores ASCII case, PostgreSQL's does not. */
function textFilter(q: string): Prisma.LeadWhereInput {
  const variants = [...new Set([q, q.toLowerCase(), q.charAt(0).toUpperCase() + q.slice(1).toLowerCase()])];
  return {
    OR: variants.flatMap((v) => [
      { name: { contains: v } },
      { email: { contains: v } },
      { company: { is: { name: { contains: v } } } },
    ]),
  };
}

export async function listLeads(db: Db, actor: Actor, f: LeadFilter) {
  const and: Prisma.LeadWhereInput[] = [leadScope(actor)];
  if (f.q) and.push(textFilter(f.q.trim()));
  if (f.status) and.push({ status: f.status });
  if (f.country) and.push({ country: f.country.toUpperCase() });
  if (f.ownerId !== undefined) and.push({ ownerId: f.ownerId });
  if (f.grade) and.push({ inquiries: { some: { grade: f.grade } } });
  const where = { AND: and };
  const [rows, total] = await Promise.all([
    db.lead.findMany({
      where,
      include: { company: true, owner: true },
      orderBy: [{ lastInquiryAt: { sort: 'desc', nulls: 'last' } }, { id: 'desc' }],
      take: f.limit,
      skip: f.offset,
    }),
    db.lead.count({ where }),
  ]);
  const ids = rows.map((r) => r.id);
  const [latest, activity] = await Promise.all([
    db.inquiry.findMany({
      where: { leadId: { in: ids } },
      orderBy: { receivedAt: 'desc' },
      select: { leadId: true, grade: true },
    }),
    db.activity.groupBy({ by: ['leadId'], where: { leadId: { in: ids } }, _max: { occurredAt: true } }),
  ]);
  const grades = new Map<number, string | null>();
  for (const i of latest) if (!grades.has(i.leadId)) grades.set(i.leadId, i.grade);
  const lastAt = new Map(activity.map((a) => [a.leadId, a._max.occurredAt ?? null]));
  return {
    items: rows.map((r) => formatLead(r, grades.get(r.id) ?? null, lastAt.get(r.id) ?? null)),
    total,
  };
}

/** The lead, or NOT_FOUND when it does not exist or is not the actor's to see. */
export async function visibleLead(db: Db, actor: Actor, id: number): Promise<LeadRow> {
  const row = await db.lead.findUnique({ where: { id }, include: { company: true, owner: true } });
  if (row === null || !canSeeLead(actor, row)) throw notFound('lead', id);
  return row;
}

export async function leadDetail(db: Db, actor: Actor, id: number, clock: QueueClock) {
  const row = await visibleLead(db, actor, id);
  const [inquiries, enrollments, activities] = await Promise.all([
    db.inquiry.findMany({
      where: { leadId: id },
      orderBy: { receivedAt: 'desc' },
      include: { message: { select: { subject: true } }, lead: { include: { company: true } }, owner: true },
    }),
    db.enrollment.findMany({
      where: { leadId: id },
      orderBy: { id: 'desc' },
      include: { sequence: { select: { id: true, name: true } }, lead: true },
    }),
    db.activity.findMany({
      where: { leadId: id },
      orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
      take: 500,
    }),
  ]);
  const latest = inquiries[0] ?? null;
  return {
    lead: formatLead(row, latest?.grade ?? null, activities[0]?.occurredAt ?? null),
    fields: {
      name: row.name,
      title: row.title,
      email: row.email,
      phone: row.phone,
      country: row.country,
      website: row.website,
      language: row.language,
      timeZone: row.timeZone,
      platform: row.platform,
      platformBuyerId: row.platformBuyerId,
      source: row.source,
      softBounces: row.softBounces,
      undeliverableAt: row.undeliverableAt,
      wakeUpFlaggedAt: row.wakeUpFlaggedAt,
      wakeUpReason: row.wakeUpReason,
      latestInquiry:
        latest === null
          ? null
          : {
              products: parseJsonList(latest.products),
              quantity: latest.quantity,
              unit: latest.unit,
              incoterm: latest.incoterm,
              incotermPlace: latest.incotermPlace,
              port: latest.port,
              targetPrice: latest.targetPrice,
              currency: latest.currency,
              certifications: parseJsonList(latest.certifications),
              paymentTerms: latest.paymentTerms,
              sampleRequest: latest.sampleRequest,
              urgency: latest.urgency,
              language: latest.language,
            },
    },
    company: companyRef(row.company),
    owner: ownerRef(row.owner),
    inquiries: inquiries.map((i) => formatInquiry(i, clock)),
    enrollments: enrollments.map(formatEnrollment),
    timeline: activities.map((a) => formatActivity(a, leadRef(row))),
  };
}
