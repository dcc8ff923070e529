/**
 * Key prospects and follow-ups of the week: the leads in scope that were touched in the period,
 * wait for an answer, or are in a live sequence. Highest grade first, then the most recently
 * active; each with the users' columns (company, address, main contact, phone, email, status).
 */
import type { Prisma } from '../../../generated/sqlite/client.ts';
import type { Db } from '../../store/client.ts';
import type { KeyProspect } from './types.ts';

export interface ProspectQuery {
  leads: Prisma.LeadWhereInput;
  start: Date;
  end: Date;
  /** leads with an inquiry unanswered at the end of the period */
  openLeadIds: ReadonlySet<number>;
  overdueLeadIds: ReadonlySet<number>;
  repliedLeadIds: ReadonlySet<number>;
  max: number;
}

const GRADE_ORDER = ['A', 'B', 'C', 'D'];

function gradeRank(grade: string | null): number {
  const i = grade === null ? -1 : GRADE_ORDER.indexOf(grade);
  return i === -1 ? GRADE_ORDER.length : i;
}

/** What the store knows of where the buyer is: its country and website; no street address is kept. */
export function addressOf(lead: {
  country: string | null;
  website: string | null;
  company: { country: string | null; website: string | null; domain: string | null } | null;
}): string | null {
  const parts = [
    lead.country ?? lead.company?.country ?? null,
    lead.company?.website ?? lead.website ?? lead.company?.domain ?? null,
  ].filter((p): p is string => p !== null && p !== '');
  return parts.length === 0 ? null : parts.join(', ');
}

export function prospectStatus(
  q: Pick<ProspectQuery, 'openLeadIds' | 'overdueLeadIds' | 'repliedLeadIds'>,
  lead: { id: number; status: string; undeliverable: boolean },
  live: { state: string; sequence: string; nextPosition: number } | null,
): string {
  if (lead.undeliverable) return 'address bounced';
  if (q.overdueLeadIds.has(lead.id)) return 'inquiry overdue';
  if (q.openLeadIds.has(lead.id)) return 'inquiry open';
  if (q.repliedLeadIds.has(lead.id)) return 'replied';
  if (live?.state === 'active') return `following up: ${live.sequence} step ${live.nextPosition + 1}`;
  if (live?.state === 'paused') return `paused: ${live.sequence}`;
  return lead.status;
}

export async function keyProspects(db: Db, q: ProspectQuery): Promise<KeyProspect[]> {
  const rows = await db.lead.findMany({
    where: {
      AND: [
        q.leads,
        {
          OR: [
            { activities: { some: { occurredAt: { gte: q.start, lt: q.end } } } },
            { id: { in: [...q.openLeadIds] } },
            { enrollments: { some: { state: { in: ['active', 'paused'] } } } },
          ],
        },
      ],
    },
    include: {
      company: true,
      owner: { select: { name: true } },
      inquiries: {
        where: { receivedAt: { lt: q.end } },
        orderBy: { receivedAt: 'desc' },
        take: 1,
        select: { grade: true },
      },
      enrollments: {
        where: { state: { in: ['active', 'paused'] } },
        orderBy: { id: 'desc' },
        take: 1,
        include: { sequence: { select: { name: true } } },
      },
    },
  });
  const last = await db.activity.groupBy({
    by: ['leadId'],
    where: { leadId: { in: rows.map((r) => r.id) }, occurredAt: { lt: q.end } },
    _max: { occurredAt: true },
  });
  const lastAt = new Map(last.map((l) => [l.leadId, l._max.occurredAt ?? null]));
  const prospects = rows.map((r) => {
    const live = r.enrollments[0];
    const grade = r.inquiries[0]?.grade ?? null;
    const at = lastAt.get(r.id) ?? null;
    return {
      leadId: r.id,
      company: r.company?.name ?? null,
      address: addressOf(r),
      contact: r.name,
      phone: r.phone,
      email: r.email,
      status: prospectStatus(
        q,
        {
          id: r.id,
          status: r.status,
          undeliverable: r.undeliverableAt !== null && r.undeliverableAt < q.end,
        },
        live ? { state: live.state, sequence: live.sequence.name, nextPosition: live.nextPosition } : null,
      ),
      grade,
      owner: r.owner?.name ?? null,
      lastActivityAt: at?.toISOString() ?? null,
      sortAt: at?.getTime() ?? 0,
    };
  });
  prospects.sort(
    (a, b) => gradeRank(a.grade) - gradeRank(b.grade) || b.sortAt - a.sortAt || a.leadId - b.leadId,
  );
  return prospects.slice(0, q.max).map(({ sortAt: _sortAt, ...p }) => p);
}
