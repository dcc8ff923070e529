/**
 * Reassignment on absence: while a salesperson is away, their open inquiries go to the
 * delegate named in the config, else to whoever the assignment rules pick among the people
 * present. The deadline is counted again from arrival in the new owner's working hours. The
 * lead itself stays with its owner, who gets it back on return.
 */
import type { Config } from '../config/schema.ts';
import { assignLead } from '../rank/assign.ts';
import type { InquiryKind } from '../rank/priority.ts';
import { slaDeadline } from '../rank/sla.ts';
import type { Db } from '../store/client.ts';
import { absencesAt, isAway } from './absences.ts';
import { calendarOf, personOf, salespersonId } from './people.ts';

export interface ReassignReport {
  moved: { inquiryId: number; from: string; to: string }[];
  /** Open inquiries of absent people that no one present could take. */
  stuck: number[];
}

export async function runAbsenceReassignment(db: Db, config: Config, now: Date): Promise<ReassignReport> {
  const report: ReassignReport = { moved: [], stuck: [] };
  const absences = await absencesAt(db, config, now);
  const away = [...new Set(absences.filter((a) => isAway([a], a.userId, now) !== null).map((a) => a.userId))];
  if (away.length === 0) return report;
  const inquiries = await db.inquiry.findMany({
    where: { status: 'open', owner: { email: { in: away } } },
    orderBy: { id: 'asc' },
    select: {
      id: true,
      kind: true,
      products: true,
      receivedAt: true,
      slaHours: true,
      ownerId: true,
      leadId: true,
      owner: { select: { email: true, name: true } },
      lead: { select: { country: true, platform: true } },
    },
  });
  for (const inquiry of inquiries) {
    const from = inquiry.owner!.email;
    const absence = isAway(absences, from, now)!;
    const delegate = absence.delegateId ?? null;
    let to = delegate !== null && isAway(absences, delegate, now) === null ? delegate : null;
    if (to === null) {
      const rr = await db.roundRobin.findMany({ select: { team: true, lastIndex: true } });
      const choice = assignLead(
        {
          country: inquiry.lead.country,
          products: JSON.parse(inquiry.products) as string[],
          kind: inquiry.kind as InquiryKind,
          platform: inquiry.lead.platform,
        },
        config.assignment,
        {
          now,
          previousOwnerId: null,
          absences,
          roundRobin: Object.fromEntries(rr.map((r) => [r.team, r.lastIndex])),
        },
      );
      to = choice.ownerId;
      if (to !== null && choice.roundRobin !== null) {
        const { team, lastIndex } = choice.roundRobin;
        await db.roundRobin.upsert({ where: { team }, create: { team, lastIndex }, update: { lastIndex } });
      }
    }
    if (to === null || to === from) {
      report.stuck.push(inquiry.id);
      continue;
    }
    const toId = await salespersonId(db, config, to);
    const until = absence.to.toISOString().slice(0, 10);
    const deadlineAt = slaDeadline(
      calendarOf(config, to),
      inquiry.receivedAt,
      inquiry.slaHours ?? config.sla.standardHours,
    );
    const moved = await db.$transaction(async (tx) => {
      const { count } = await tx.inquiry.updateMany({
        where: { id: inquiry.id, ownerId: inquiry.ownerId, status: 'open' },
        data: { ownerId: toId, deadlineAt },
      });
      if (count !== 1) return false;
      await tx.activity.create({
        data: {
          leadId: inquiry.leadId,
          type: 'note',
          direction: 'internal',
          summary: `Inquiry #${inquiry.id} reassigned from ${inquiry.owner!.name} to ${personOf(config, to)?.name ?? to}: ${inquiry.owner!.name} is away until ${until}`,
          occurredAt: now,
        },
      });
      return true;
    });
    if (moved) report.moved.push({ inquiryId: inquiry.id, from, to });
  }
  return report;
}
