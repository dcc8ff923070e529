/**
 * The outbox (OutboundMail rows). Every move is a conditional update from the state we expect
 * (and, while a process holds the row, `lockedBy = me`), checked against the state machine in
 * src/sequences/outbound-state.ts first. Nothing here talks to SMTP or IMAP.
 */
import type { OutboundMail } from '../../../generated/sqlite/client.ts';
import type { OutboundState } from '../../sequences/outbound-state.ts';
import { transitionOutbound } from '../../sequences/outbound-state.ts';
import type { Db } from '../client.ts';
import type { DbOrTx } from './tx.ts';

export type { OutboundMail };

export interface NewOutbound {
  idempotencyKey: string;
  enrollmentId: number | null;
  stepPosition: number | null;
  leadId: number | null;
  kind: 'sequence' | 'sla_reminder' | 'sla_escalation' | 'weekly_report' | 'manual';
  mailboxName: string;
  fromAddress: string;
  toAddress: string;
  subject: string;
  messageId: string;
  inReplyTo: string | null;
  references: readonly string[];
  raw: Buffer;
  now: Date;
}

export async function insertOutbound(tx: DbOrTx, m: NewOutbound): Promise<{ id: number }> {
  return tx.outboundMail.create({
    select: { id: true },
    data: {
      idempotencyKey: m.idempotencyKey,
      enrollmentId: m.enrollmentId,
      stepPosition: m.stepPosition,
      leadId: m.leadId,
      kind: m.kind,
      mailboxName: m.mailboxName,
      fromAddress: m.fromAddress,
      toAddress: m.toAddress.toLowerCase(),
      subject: m.subject,
      messageId: m.messageId,
      inReplyTo: m.inReplyTo,
      references: JSON.stringify(m.references),
      raw: new Uint8Array(m.raw),
      state: 'queued',
      stateEnteredAt: m.now,
      createdAt: m.now,
    },
  });
}

export function referencesOf(row: { references: string }): string[] {
  const parsed: unknown = JSON.parse(row.references);
  return Array.isArray(parsed) ? parsed.filter((r): r is string => typeof r === 'string') : [];
}

export interface Thread {
  /** The enrollment's first mail: its subject becomes "Re: ..." on the follow-ups. */
  root: { subject: string } | null;
  /** The mail a follow-up answers (RFC 5322 3.6.4: In-Reply-To, References). */
  parent: { messageId: string; references: string[] } | null;
}

/** The enrollment's mails so far, ignoring failed ones (they never reached the buyer). */
export async function threadOf(db: DbOrTx, enrollmentId: number): Promise<Thread> {
  const mails = await db.outboundMail.findMany({
    where: { enrollmentId, state: { not: 'failed' } },
    orderBy: { stepPosition: 'asc' },
    select: { subject: true, messageId: true, references: true },
  });
  const root = mails[0];
  const parent = mails[mails.length - 1];
  return {
    root: root === undefined ? null : { subject: root.subject },
    parent: parent === undefined ? null : { messageId: parent.messageId, references: referencesOf(parent) },
  };
}

export type SendableMail = OutboundMail & {
  enrollment: { state: string; pausedUntil: Date | null; stopReason: string | null; priority: number } | null;
};

/**
 * Queued mails whose time has come, higher-priority enrollments first, then oldest first, with
 * what the sender checks before SMTP (read with the batch, then claimed row by row).
 */
export async function selectSendable(db: DbOrTx, now: Date, limit: number): Promise<SendableMail[]> {
  return db.outboundMail.findMany({
    where: { state: 'queued', OR: [{ notBefore: null }, { notBefore: { lte: now } }] },
    orderBy: [{ enrollment: { priority: 'desc' } }, { id: 'asc' }],
    take: limit,
    include: { enrollment: { select: { state: true, pausedUntil: true, stopReason: true, priority: true } } },
  });
}

/** queued -> sending for `worker`; false when another process got it first. */
export async function claimOutbound(db: DbOrTx, id: number, worker: string, now: Date): Promise<boolean> {
  transitionOutbound('queued', 'sending');
  const { count } = await db.outboundMail.updateMany({
    where: { id, state: 'queued' },
    data: {
      state: 'sending',
      stateEnteredAt: now,
      lockedBy: worker,
      lockedAt: now,
      attempts: { increment: 1 },
    },
  });
  return count === 1;
}

export interface OutboundMove {
  from: OutboundState;
  to: OutboundState;
  now: Date;
  /** Required holder of the row's lock; null means the row must be unlocked. */
  worker: string | null;
  data?: {
    notBefore?: Date | null;
    lastError?: string | null;
    smtpResponse?: string | null;
    sentAt?: Date | null;
    attempts?: number;
  };
}

/** One conditional move; the lock is released with it. False when the row is not where we expect it. */
export async function moveOutbound(db: DbOrTx, id: number, move: OutboundMove): Promise<boolean> {
  transitionOutbound(move.from, move.to);
  const { count } = await db.outboundMail.updateMany({
    where: { id, state: move.from, lockedBy: move.worker },
    data: { state: move.to, stateEnteredAt: move.now, lockedBy: null, lockedAt: null, ...move.data },
  });
  return count === 1;
}

/**
 * Records a delivered mail (from `sending` after SMTP said 250, or from `uncertain` after the
 * Sent folder or submission log showed it), then puts it on the lead's timeline.
 *
 * Two single statements, not a transaction: on SQLite the driver adapter runs every query of
 * the process on one connection, so a statement another async flow issues while a transaction
 * is open becomes part of it, and a rollback would silently undo, say, another mail's claim.
 * The send path therefore never holds a transaction open. The state move is the record that
 * exactly-once depends on; the timeline entry follows it (a crash in between loses only the entry).
 */
export async function recordSent(
  db: Db,
  mail: { id: number; leadId: number | null; subject: string },
  move: Omit<OutboundMove, 'to'> & { from: 'sending' | 'uncertain' },
): Promise<boolean> {
  const sentAt = move.data?.sentAt ?? move.now;
  const moved = await moveOutbound(db, mail.id, { ...move, to: 'sent', data: { ...move.data, sentAt } });
  if (!moved) return false;
  if (mail.leadId !== null) {
    // `sent` is final and reached once, so the entry cannot exist yet (unique leadId+outboundMailId).
    await db.activity.createMany({
      data: [
        {
          leadId: mail.leadId,
          outboundMailId: mail.id,
          type: 'outbound',
          direction: 'outbound',
          summary: mail.subject,
          occurredAt: sentAt,
        },
      ],
    });
  }
  return true;
}

/** Cancels mails not yet handed to SMTP (queued -> failed) for stopped enrollments or a suppressed address. */
export async function cancelQueued(
  db: DbOrTx,
  target: { enrollmentIds: readonly number[] } | { toAddress: string },
  reason: string,
  now: Date,
): Promise<number> {
  transitionOutbound('queued', 'failed');
  const where =
    'toAddress' in target
      ? { toAddress: target.toAddress.trim().toLowerCase() }
      : { enrollmentId: { in: [...target.enrollmentIds] } };
  if ('enrollmentIds' in target && target.enrollmentIds.length === 0) return 0;
  const { count } = await db.outboundMail.updateMany({
    where: { ...where, state: 'queued' },
    data: { state: 'failed', stateEnteredAt: now, lastError: `cancelled: ${reason}` },
  });
  return count;
}

/**
 * After a crash: mails left in `sending` by our own earlier incarnation (`ownWorker`) or by any
 * process whose claim is older than `staleBefore` become `uncertain`. They are never re-sent from
 * here; resolveUncertain decides them.
 */
export async function markStuckSendingUncertain(
  db: DbOrTx,
  options: { now: Date; staleBefore: Date; ownWorker: string | null },
): Promise<number> {
  transitionOutbound('sending', 'uncertain');
  const holders = [
    { lockedAt: { lt: options.staleBefore } },
    ...(options.ownWorker === null ? [] : [{ lockedBy: options.ownWorker }]),
  ];
  const { count } = await db.outboundMail.updateMany({
    where: { state: 'sending', OR: holders },
    data: {
      state: 'uncertain',
      stateEnteredAt: options.now,
      lockedBy: null,
      lockedAt: null,
      lastError: 'interrupted between SMTP and the state write',
    },
  });
  return count;
}

export async function selectUncertain(db: DbOrTx, limit: number, staleBefore: Date): Promise<OutboundMail[]> {
  return db.outboundMail.findMany({
    where: { state: 'uncertain', OR: [{ lockedBy: null }, { lockedAt: { lt: staleBefore } }] },
    orderBy: { id: 'asc' },
    take: limit,
  });
}

/** Takes an uncertain mail for checking (the state stays uncertain while it is looked up). */
export async function claimUncertain(
  db: DbOrTx,
  id: number,
  worker: string,
  now: Date,
  staleBefore: Date,
): Promise<boolean> {
  const { count } = await db.outboundMail.updateMany({
    where: { id, state: 'uncertain', OR: [{ lockedBy: null }, { lockedAt: { lt: staleBefore } }] },
    data: { lockedBy: worker, lockedAt: now },
  });
  return count === 1;
}

export async function releaseOutbound(db: DbOrTx, id: number, worker: string): Promise<void> {
  await db.outboundMail.updateMany({
    where: { id, lockedBy: worker },
    data: { lockedBy: null, lockedAt: null },
  });
}

/** Sent mails whose copy in the Sent folder is still missing (lastError set on a sent row means exactly that). */
export async function selectMissingSentCopies(db: DbOrTx, limit: number): Promise<OutboundMail[]> {
  return db.outboundMail.findMany({
    where: { state: 'sent', lastError: { not: null } },
    orderBy: { id: 'asc' },
    take: limit,
  });
}

export async function clearSentCopyError(db: DbOrTx, id: number): Promise<void> {
  await db.outboundMail.updateMany({ where: { id, state: 'sent' }, data: { lastError: null } });
}

export interface MailboxUsage {
  /** Mails sent since `since` plus those being sent right now. */
  used: number;
  lastSentAt: Date | null;
}

/** How much of its daily cap a mailbox has used since `since` (its owner's local midnight). */
export async function mailboxUsage(db: DbOrTx, mailboxName: string, since: Date): Promise<MailboxUsage> {
  const [sent, inFlight, last] = await Promise.all([
    db.outboundMail.count({ where: { mailboxName, state: 'sent', sentAt: { gte: since } } }),
    db.outboundMail.count({ where: { mailboxName, state: { in: ['sending', 'uncertain'] } } }),
    db.outboundMail.aggregate({ where: { mailboxName, state: 'sent' }, _max: { sentAt: true } }),
  ]);
  return { used: sent + inFlight, lastSentAt: last._max.sentAt };
}
