/**
 * Stage: store. Writes what the pure stages found, in one transaction that first claims the
 * message (stage received|quarantined -> processed), so a message is applied exactly once even
 * when two processes or a retry race for it.
 *
 * Leads are only created for buyers: inquiries of every kind, replies to our mail, and the
 * recipients of our own BCC-logged mail. Junk, auto-replies, bounces, newsletters and no-reply
 * senders never create one; they only add to the timeline of a lead we already know.
 */

import { Prisma } from '../../../generated/sqlite/client.ts';
import type { Config } from '../../config/schema.ts';
import { INQUIRY_KINDS, type MessageKind } from '../../domain/types.ts';
import type { InquiryKind } from '../../rank/priority.ts';
import { type InquiryClock, openInquiry } from '../../sla/open-inquiry.ts';
import { updateRowsById } from '../../store/bulk-update.ts';
import type { Db } from '../../store/client.ts';
import { transaction } from '../../store/direct-sqlite.ts';
import { findLeadIdByEmail, type LeadInput, type Tx, upsertLead } from '../../store/leads/upsert-lead.ts';
import { type SuppressionReason, suppress } from '../../store/suppressions.ts';
import { isInquiryKind } from './rank.ts';
import type { ProcessedMessage } from './types.ts';

export type StoreOutcome = 'stored' | 'already_processed';

/** Stages a message can be claimed from: stored raw, or quarantined and asked to be re-run. */
export const CLAIMABLE_STAGES = ['received', 'quarantined'];

/**
 * Claims a message for the store stage, writing `data` with the claim; false when another
 * process or an earlier run has claimed it already. The claim is what makes a message applied
 * exactly once.
 */
export async function claimMessage(tx: Tx, messageRowId: number, data: object): Promise<boolean> {
  const claimed = await tx.message.updateMany({
    where: { id: messageRowId, stage: { in: CLAIMABLE_STAGES } },
    data,
  });
  return claimed.count === 1;
}

/**
 * Claims many messages at once (the batch store's claim), each with its own claim data and
 * lead (a null lead leaves the message's as it was, as claimMessage does without one).
 * Returns how many were claimed: fewer than asked means another process took some.
 */
export async function claimMessages(
  tx: Tx,
  claims: readonly (ReturnType<typeof claimData> & { id: number; leadId: number | null })[],
): Promise<number> {
  const stages = Prisma.join(CLAIMABLE_STAGES);
  return updateRowsById(tx, 'Message', claims, {
    where: Prisma.sql`"Message"."stage" IN (${stages})`,
    keepWhenNull: ['leadId'],
  });
}

/** Our own mail logged from Sent or the drop box is outbound; everything else came in. */
function directionOf(kind: string): 'inbound' | 'outbound' {
  return kind === 'bcc_outbound' ? 'outbound' : 'inbound';
}

/** The columns the claim writes: what the pure stages found about the message itself. */
export function claimData(p: ProcessedMessage, now: Date) {
  const u = p.understanding;
  return {
    stage: 'processed',
    stageEnteredAt: now,
    kind: u.kind,
    understanding: JSON.stringify({ header: p.header, ...u }),
    subject: p.mail.subject.slice(0, 1000),
    fromAddress: p.mail.from?.address || null,
    sentAt: p.mail.date,
    inReplyTo: u.inReplyTo ?? p.mail.inReplyTo,
    direction: directionOf(u.kind),
  };
}

/**
 * Notices: bounces, auto-replies and unsubscribe requests. None creates a lead; each joins the
 * timeline of a lead we know, and a hard bounce or an unsubscribe suppresses an address.
 */
export const NOTICE_KINDS: readonly string[] = ['bounce', 'auto_reply', 'unsubscribe'];

/** The address whose lead a notice belongs to (lowercased), if it names one. */
export function noticeLeadAddress(p: ProcessedMessage): string | null {
  const u = p.understanding;
  const address = u.kind === 'bounce' ? u.bounce?.recipient : p.mail.from?.address;
  return address ? address.toLowerCase() : null;
}

/** The suppression a message asks for: a hard bounce's recipient, an unsubscribing address. */
export function suppressionOf(
  p: ProcessedMessage,
): { address: string; reason: SuppressionReason; detail: string | null } | null {
  const u = p.understanding;
  if (u.kind === 'bounce' && u.bounce?.recipient && u.bounce.permanent) {
    return {
      address: u.bounce.recipient,
      reason: 'hard_bounce',
      detail: u.bounce.diagnostic ?? u.bounce.status ?? null,
    };
  }
  if (u.kind === 'unsubscribe') {
    const address = u.extras.unsubscribeAddress ?? p.mail.from?.address;
    if (address) return { address, reason: 'unsubscribe', detail: p.mail.subject.slice(0, 200) };
  }
  return null;
}

/** Only these kinds create or update a lead; the others can only join a known lead's timeline. */
export function makesLead(kind: string): boolean {
  return INQUIRY_KINDS.includes(kind as MessageKind) || kind === 'reply' || kind === 'bcc_outbound';
}

export function leadInput(u: ProcessedMessage['understanding']): LeadInput | null {
  if (!u.lead) return null;
  return {
    buyer: u.lead,
    platform: u.extras.platform,
    platformBuyerId: u.extras.platformBuyerId,
    language: u.inquiry?.language ?? null,
    source: u.extras.platform ?? u.kind,
  };
}

/** The timeline entry of a message that belongs to a lead. */
export function activityRow(p: ProcessedMessage, messageId: number, leadId: number, occurredAt: Date) {
  const kind = p.understanding.kind;
  return {
    leadId,
    messageId,
    type: INQUIRY_KINDS.includes(kind) ? 'inquiry' : kind,
    direction: directionOf(kind),
    summary: p.mail.subject.slice(0, 500),
    occurredAt,
  };
}

export function inquiryRow(p: ProcessedMessage, messageId: number, leadId: number, clock: InquiryClock) {
  const u = p.understanding;
  return {
    messageId,
    leadId,
    kind: u.kind,
    products: JSON.stringify(u.inquiry?.products ?? []),
    quantity: u.inquiry?.quantity ?? null,
    unit: u.inquiry?.unit ?? null,
    incoterm: u.inquiry?.incoterm ?? null,
    incotermPlace: u.inquiry?.incotermPlace ?? null,
    port: u.inquiry?.port ?? null,
    targetPrice: u.inquiry?.targetPrice ?? null,
    currency: u.inquiry?.currency ?? null,
    certifications: JSON.stringify(u.inquiry?.certifications ?? []),
    paymentTerms: u.extras.paymentTerms,
    sampleRequest: u.inquiry?.sampleRequest ?? false,
    urgency: u.extras.urgency ?? 'normal',
    language: u.inquiry?.language ?? null,
    grade: u.grade,
    ...clock,
  };
}

/** What openInquiry needs to know about an inquiry besides its lead. */
export function newInquiry(p: ProcessedMessage) {
  const u = p.understanding;
  return {
    kind: u.kind as InquiryKind,
    priority: p.priority,
    country: u.lead?.country ?? null,
    products: u.inquiry?.products ?? [],
    platform: u.extras.platform,
    sentAt: p.mail.date,
  };
}

export interface StoreOptions {
  wasQuarantined: boolean;
  config: Config;
}

export async function storeProcessed(
  db: Db,
  messageRowId: number,
  p: ProcessedMessage,
  now: Date,
  options: StoreOptions,
): Promise<StoreOutcome> {
  return transaction(db, (tx) => applyProcessed(tx, messageRowId, p, now, options), {
    timeout: 60_000,
    maxWait: 60_000,
  });
}

/** One message, inside the caller's transaction: the claim, then everything it means. */
export async function applyProcessed(
  tx: Tx,
  messageRowId: number,
  p: ProcessedMessage,
  now: Date,
  options: StoreOptions,
): Promise<StoreOutcome> {
  const u = p.understanding;
  const occurredAt = p.mail.date ?? now;
  if (!(await claimMessage(tx, messageRowId, claimData(p, now)))) return 'already_processed';

  let leadId: number | null = null;
  if (makesLead(u.kind)) {
    const input = leadInput(u);
    if (input) leadId = await upsertLead(tx, input);
  } else if (NOTICE_KINDS.includes(u.kind)) {
    leadId = await findLeadIdByEmail(tx, noticeLeadAddress(p));
  }

  const suppression = suppressionOf(p);
  if (suppression)
    await suppress(tx, suppression.address, suppression.reason, suppression.detail ?? undefined);
  if (leadId && u.kind === 'bounce' && u.bounce?.recipient) {
    const data = u.bounce.permanent ? { undeliverableAt: occurredAt } : { softBounces: { increment: 1 } };
    await tx.lead.update({ where: { id: leadId }, data });
  }

  if (leadId !== null) {
    await tx.message.update({ where: { id: messageRowId }, data: { leadId } });
    // The message was claimed in this transaction, so no activity for it exists yet.
    await tx.activity.create({ data: activityRow(p, messageRowId, leadId, occurredAt) });
    if (isInquiryKind(u.kind)) {
      await tx.lead.update({ where: { id: leadId }, data: { lastInquiryAt: occurredAt } });
      // Priority, owner and SLA deadline (in the owner's working hours).
      const clock = await openInquiry(tx, options.config, { leadId, ...newInquiry(p) }, now);
      await tx.inquiry.create({ data: inquiryRow(p, messageRowId, leadId, clock) });
    }
    if (u.kind === 'bcc_outbound') {
      // A person answered this buyer: the SLA clock of every open inquiry stops here.
      await tx.inquiry.updateMany({
        where: { leadId, status: 'open', receivedAt: { lte: occurredAt } },
        data: { status: 'answered', answeredAt: occurredAt },
      });
      await tx.lead.update({ where: { id: leadId }, data: { lastWorkedAt: occurredAt } });
    }
  }
  if (options.wasQuarantined) {
    await tx.quarantine.updateMany({
      where: { raw: { message: { id: messageRowId } }, resolvedAt: null },
      data: { resolvedAt: now },
    });
  }
  return 'stored';
}
