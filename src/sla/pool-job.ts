/**
 * The shared ("public") pool: a prospect its owner has not worked on for `pool.returnAfterDays`
 * (default 30) goes back to the pool, where the next inquiry assigns it afresh; the owner is
 * warned `pool.reminderDaysBefore` (default 3) days earlier, in one mail listing all their
 * leads about to go, sent in their working hours. Work is an answer seen in Sent or the drop
 * box (Lead.lastWorkedAt); a new owner starts from the assignment. Existing customers are
 * never returned. Each warning is recorded on the lead's timeline (activity `pool_warning`,
 * linked to the mail), which is what makes it due only once per idle period.
 */
import { createHash } from 'node:crypto';
import { type PoolDecision, poolDecision } from '../rank/pool.ts';
import { isWithinRecipientHours } from '../rank/sla.ts';
import { isUniqueViolation } from '../store/write-conflicts.ts';
import type { SlaJobDeps } from './escalation-job.ts';
import { composeNotice, noticeMessageId } from './notify/compose.ts';
import { deliverNotice, insertNotice, TransportPool } from './notify/outbox.ts';
import { noticeRoute, routeFrom } from './notify/route.ts';
import { calendarOf, personOf } from './people.ts';

export interface PoolReport {
  returned: { leadId: number; from: string }[];
  warned: { owner: string; leads: number[]; outcome: string }[];
  /** Warnings due but waiting for the owner's working hours (or a sending mailbox). */
  waiting: number;
}

type Warn = {
  leadId: number;
  since: Date;
  label: string;
  decision: Extract<PoolDecision, { action: 'remind_owner' }>;
};

function idleLeads(deps: SlaJobDeps) {
  return deps.db.lead.findMany({
    where: { ownerId: { not: null }, status: 'prospect' },
    select: {
      id: true,
      ownerId: true,
      email: true,
      name: true,
      assignedAt: true,
      lastWorkedAt: true,
      createdAt: true,
      owner: { select: { email: true } },
      company: { select: { name: true } },
      activities: {
        where: { type: 'pool_warning' },
        orderBy: { occurredAt: 'desc' },
        take: 1,
        select: { occurredAt: true },
      },
    },
  });
}

export async function runPoolJob(deps: SlaJobDeps, now: Date): Promise<PoolReport> {
  const { db, config } = deps;
  const report: PoolReport = { returned: [], warned: [], waiting: 0 };
  const warnings = new Map<string, Warn[]>();
  for (const lead of await idleLeads(deps)) {
    const owner = lead.owner!.email;
    const assignedAt = lead.assignedAt ?? lead.createdAt;
    const decision = poolDecision(
      {
        ownerId: owner,
        assignedAt,
        lastWorkedAt: lead.lastWorkedAt,
        reminderSentAt: lead.activities[0]?.occurredAt ?? null,
      },
      now,
      config.pool,
    );
    if (decision.action === 'return_to_pool') {
      const moved = await db.$transaction(async (tx) => {
        const { count } = await tx.lead.updateMany({
          where: { id: lead.id, ownerId: lead.ownerId, status: 'prospect' },
          data: { ownerId: null, status: 'pool', assignedAt: null },
        });
        if (count === 1) {
          await tx.activity.create({
            data: {
              leadId: lead.id,
              type: 'pool_return',
              direction: 'internal',
              summary: `${decision.reason} (owner was ${owner})`,
              occurredAt: now,
            },
          });
        }
        return count === 1;
      });
      if (moved) report.returned.push({ leadId: lead.id, from: owner });
    } else if (decision.action === 'remind_owner') {
      const since = new Date(Math.max(assignedAt.getTime(), lead.lastWorkedAt?.getTime() ?? 0));
      const who = [lead.name, lead.company?.name].filter((s) => s !== null && s !== '').join(', ');
      const label = `${who === '' ? '' : `${who} `}<${lead.email ?? `lead #${lead.id}`}>`;
      warnings.set(owner, [...(warnings.get(owner) ?? []), { leadId: lead.id, since, label, decision }]);
    }
  }
  const transports = new TransportPool(deps.transports, (from) => routeFrom(config, from));
  try {
    for (const [owner, leads] of warnings) {
      const person = personOf(config, owner);
      const route = noticeRoute(config, owner);
      if (person === null || route === null || !isWithinRecipientHours(calendarOf(config, owner), now).ok) {
        report.waiting += leads.length;
        continue;
      }
      report.warned.push(await warn(deps, transports, person, route, leads, now));
    }
  } finally {
    transports.close();
  }
  return report;
}

async function warn(
  deps: SlaJobDeps,
  transports: TransportPool,
  person: { email: string; name: string },
  route: { from: string },
  leads: Warn[],
  now: Date,
): Promise<PoolReport['warned'][number]> {
  const ids = leads.map((l) => l.leadId);
  const key = createHash('sha256')
    .update(
      leads
        .map((l) => `${l.leadId}@${l.since.toISOString()}`)
        .sort()
        .join(','),
    )
    .digest('hex')
    .slice(0, 24);
  const first = leads.map((l) => l.decision.returnAt.getTime()).reduce((a, b) => Math.min(a, b));
  const day = new Date(first).toISOString().slice(0, 10);
  const subject =
    leads.length === 1
      ? `A lead returns to the shared pool on ${day}`
      : `${leads.length} leads return to the shared pool from ${day}`;
  const text = [
    `Dear ${person.name},`,
    '',
    `These leads of yours have not been worked on for a while. Unless you write to them, they go back to the shared pool, where a colleague can take them:`,
    '',
    ...leads.map((l) => `- ${l.label}: ${l.decision.reason}`),
    '',
    'An answer seen in your Sent folder or the drop box counts as work and restarts the count.',
    '',
  ].join('\n');
  const messageId = noticeMessageId(route.from);
  const raw = await composeNotice({
    from: { name: deps.config.company.name, address: route.from },
    to: { name: person.name, address: person.email },
    messageId,
    date: now,
    rendered: {
      subject,
      text,
      html: `<pre style="font-family:Arial,Helvetica,sans-serif">${escapeHtml(text)}</pre>`,
    },
  });
  let id: number;
  try {
    id = await deps.db.$transaction(async (tx) => {
      const outboundId = await insertNotice(
        tx,
        {
          idempotencyKey: `pool:${person.email}:${key}`,
          kind: 'pool_reminder',
          leadId: null,
          from: route.from,
          to: person.email,
          subject,
          messageId,
          raw,
        },
        deps.worker,
        now,
      );
      for (const l of leads) {
        await tx.activity.create({
          data: {
            leadId: l.leadId,
            outboundMailId: outboundId,
            type: 'pool_warning',
            direction: 'internal',
            summary: l.decision.reason,
            occurredAt: now,
          },
        });
      }
      return outboundId;
    });
  } catch (err) {
    if (isUniqueViolation(err)) return { owner: person.email, leads: ids, outcome: 'already_recorded' };
    throw err;
  }
  const outcome = await deliverNotice(
    { db: deps.db, worker: deps.worker, transports, log: deps.log },
    id,
    now,
  );
  return { owner: person.email, leads: ids, outcome };
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
