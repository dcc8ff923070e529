/** Timeline entries: every touch on a lead (mail in and out, bounces, notes, enrollment moves). */
import type { Activity, Prisma } from '../../../generated/sqlite/client.ts';
import type { Db } from '../../store/client.ts';
import { type Actor, leadScope } from '../access.ts';
import type { Paging } from '../schemas.ts';
import { leadRef } from './leads.ts';

export function formatActivity(a: Activity, lead: { id: number; name: string | null; email: string | null }) {
  return {
    id: a.id,
    leadId: a.leadId,
    type: a.type,
    direction: a.direction,
    summary: a.summary,
    occurredAt: a.occurredAt,
    messageId: a.messageId,
    outboundMailId: a.outboundMailId,
    lead,
  };
}

export interface ActivityFilter extends Paging {
  leadId?: number;
  type?: string;
  since?: Date;
  until?: Date;
}

export async function listActivities(db: Db, actor: Actor, f: ActivityFilter) {
  const where: Prisma.ActivityWhereInput = {
    lead: leadScope(actor),
    ...(f.leadId === undefined ? {} : { leadId: f.leadId }),
    ...(f.type ? { type: f.type } : {}),
    ...(f.since || f.until
      ? { occurredAt: { ...(f.since ? { gte: f.since } : {}), ...(f.until ? { lt: f.until } : {}) } }
      : {}),
  };
  const [rows, total] = await Promise.all([
    db.activity.findMany({
      where,
      include: { lead: { select: { id: true, name: true, email: true } } },
      orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
      take: f.limit,
      skip: f.offset,
    }),
    db.activity.count({ where }),
  ]);
  return { items: rows.map((r) => formatActivity(r, leadRef(r.lead))), total };
}
