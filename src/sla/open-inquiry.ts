/**
 * What a new inquiry's row gets besides the extracted facts: its priority, its owner and the
 * SLA deadline in the owner's working hours. Runs inside the store transaction that creates the
 * inquiry. The clock starts at arrival (the Date header, never later than when we saw the
 * mail); if an answer to the buyer is already on record after that (a Sent folder copy
 * processed first, or a sequence mail), the inquiry is born answered.
 */
import type { Config } from '../config/schema.ts';
import { TrademailError } from '../errors.ts';
import type { InquiryKind, RankResult } from '../rank/priority.ts';
import { slaDeadline } from '../rank/sla.ts';
import type { Tx } from '../store/leads/upsert-lead.ts';
import { chooseOwner } from './assign-owner.ts';
import { calendarOf, salespersonId } from './people.ts';

export interface NewInquiry {
  leadId: number;
  kind: InquiryKind;
  priority: RankResult | null;
  country: string | null;
  products: readonly string[];
  platform: string | null;
  /** The Date header of the mail, if any. */
  sentAt: Date | null;
}

/** The earliest answer to the lead on record at or after `since`, if any. */
export async function answeredSince(
  tx: Tx,
  leadId: number,
  email: string | null,
  since: Date,
): Promise<Date | null> {
  const [logged, outbox] = await Promise.all([
    tx.activity.findFirst({
      where: { leadId, direction: 'outbound', occurredAt: { gte: since } },
      orderBy: { occurredAt: 'asc' },
      select: { occurredAt: true },
    }),
    email === null
      ? null
      : tx.outboundMail.findFirst({
          where: {
            toAddress: email,
            state: 'sent',
            sentAt: { gte: since },
            kind: { in: ['sequence', 'manual'] },
          },
          orderBy: { sentAt: 'asc' },
          select: { sentAt: true },
        }),
  ]);
  const times = [logged?.occurredAt, outbox?.sentAt].filter((d): d is Date => d instanceof Date);
  return times.length === 0 ? null : new Date(Math.min(...times.map((d) => d.getTime())));
}

/** Columns of the new Inquiry row that the rank and SLA rules decide; updates the lead's owner too. */
export async function openInquiry(tx: Tx, config: Config, inquiry: NewInquiry, now: Date) {
  const priority = requirePriority(inquiry);
  const arrivedAt = arrivalOf(inquiry.sentAt, now);
  const choice = await chooseOwner(
    tx,
    config,
    inquiry.leadId,
    { country: inquiry.country, products: inquiry.products, kind: inquiry.kind, platform: inquiry.platform },
    now,
  );
  const ownerId = choice.ownerEmail === null ? null : await salespersonId(tx, config, choice.ownerEmail);
  const lead = await tx.lead.findUniqueOrThrow({
    where: { id: inquiry.leadId },
    select: { email: true, ownerId: true, status: true, wakeUpFlaggedAt: true },
  });
  if (lead.ownerId === null && choice.leadOwnerEmail !== null) {
    const leadOwnerId = await salespersonId(tx, config, choice.leadOwnerEmail);
    await tx.lead.update({
      where: { id: inquiry.leadId },
      data: ownerTakeover(leadOwnerId, lead.status, now),
    });
  }
  if (lead.wakeUpFlaggedAt !== null) {
    await tx.lead.update({ where: { id: inquiry.leadId }, data: WAKE_UP_DONE });
  }
  const answeredAt = await answeredSince(tx, inquiry.leadId, lead.email, arrivedAt);
  return inquiryClock(config, priority, arrivedAt, choice.ownerEmail, ownerId, answeredAt);
}

/** The pieces of openInquiry that the batch store shares (it keeps the lead in memory). */
export function requirePriority(inquiry: Pick<NewInquiry, 'kind' | 'priority'>): RankResult {
  if (inquiry.priority === null) {
    throw new TrademailError(
      'STORE_FAILED',
      `an inquiry (${inquiry.kind}) reached the store without a priority`,
    );
  }
  return inquiry.priority;
}

/** The clock starts at the Date header, never later than when we saw the mail. */
export function arrivalOf(sentAt: Date | null, now: Date): Date {
  return sentAt !== null && sentAt.getTime() < now.getTime() ? sentAt : now;
}

/** A fresh owner gets the pool's full grace period from now, even for old backfilled mail. */
export function ownerTakeover(ownerId: number, status: string, now: Date) {
  return { ownerId, assignedAt: now, ...(status === 'pool' ? { status: 'prospect' } : {}) };
}

/** The customer spoke up: the wake-up flag has done its job. */
export const WAKE_UP_DONE = { wakeUpFlaggedAt: null, wakeUpReason: null } as const;

export function inquiryClock(
  config: Config,
  priority: RankResult,
  arrivedAt: Date,
  ownerEmail: string | null,
  ownerId: number | null,
  answeredAt: Date | null,
) {
  return {
    receivedAt: arrivedAt,
    ownerId,
    score: priority.score,
    priorityTier: priority.tier,
    slaHours: Math.round(priority.slaHours),
    reasons: JSON.stringify(priority.reasons),
    deadlineAt: slaDeadline(calendarOf(config, ownerEmail), arrivedAt, priority.slaHours),
    ...(answeredAt === null ? {} : { status: 'answered', answeredAt }),
  };
}

export type InquiryClock = ReturnType<typeof inquiryClock>;
