/**
 * The sender: claims queued mails (queued -> sending, lockedBy me), hands the stored bytes to the
 * mailbox's SMTP transport, copies them into the Sent folder, then records `sent`. A mail is
 * never given to SMTP twice from here: every path out of `sending` is a conditional update, and
 * a failure without an SMTP reply code leaves the mail `uncertain` for resolveUncertain.
 */
import { describeError } from '../../errors.ts';
import type { Logger } from '../../log/logger.ts';
import { silentLogger } from '../../log/logger.ts';
import type { Db } from '../../store/client.ts';
import { suppressedAmong } from '../../store/sequences/mailable.ts';
import type { SendableMail } from '../../store/sequences/outbox.ts';
import {
  claimOutbound,
  mailboxUsage,
  moveOutbound,
  recordSent,
  selectSendable,
} from '../../store/sequences/outbox.ts';
import { fromLocal, toLocal } from '../../time/local-time.ts';
import { throttleDecision } from '../timing/throttle.ts';
import type { MailboxDirectory, OutboundMailbox } from './mailboxes.ts';
import type { RetryPolicy } from './retry-policy.ts';
import { backoffMs, DEFAULT_RETRY_POLICY } from './retry-policy.ts';
import { onHardBounce } from './signals.ts';
import { classifySmtpFailure } from './smtp-outcome.ts';
import { spreadWithinPriority } from './spread.ts';

export interface SenderDeps {
  db: Db;
  worker: string;
  mailboxes: MailboxDirectory;
  retry?: RetryPolicy;
  log?: Logger;
  /** Queued mails read per pass (default 200). */
  sendBatchSize?: number;
}

export type SendOutcome =
  | 'sent'
  | 'retry'
  | 'failed'
  | 'bounced'
  | 'uncertain'
  /** Enrollment paused: back to queued until the pause ends. */
  | 'deferred'
  /** Enrollment stopped or address suppressed after the mail was queued. */
  | 'cancelled'
  /** Another process claimed it first. */
  | 'lost';

export interface SendReport {
  outcomes: Record<SendOutcome, number>;
  /** Mails left queued because their mailbox reached its daily cap or minimum gap. */
  throttled: number;
  /** Sent, but the copy in the Sent folder failed (retried by copyMissingToSent). */
  sentCopyFailed: number;
  errors: Array<{ outboundId: number | null; mailbox: string | null; message: string }>;
}

const PAUSED_RECHECK_MS = 3_600_000;

function emptyReport(): SendReport {
  return {
    outcomes: { sent: 0, retry: 0, failed: 0, bounced: 0, uncertain: 0, deferred: 0, cancelled: 0, lost: 0 },
    throttled: 0,
    sentCopyFailed: 0,
    errors: [],
  };
}

function localMidnight(now: Date, timeZone: string): Date {
  const l = toLocal(now, timeZone);
  return fromLocal({ year: l.year, month: l.month, day: l.day, hour: 0, minute: 0 }, timeZone);
}

interface Ctx {
  deps: SenderDeps;
  now: Date;
  report: SendReport;
  log: Logger;
  /** Recipients of the batch that are on the suppression list. */
  suppressed: Set<string>;
}

/**
 * Claims and sends one mail of the batch. The checks use what the batch read; that is safe because
 * stopping an enrollment or suppressing an address also cancels its queued mail, which makes the
 * claim below fail. Returns what happened and whether the mailbox connection itself failed.
 */
async function sendOne(
  ctx: Ctx,
  mail: SendableMail,
  mailbox: OutboundMailbox,
): Promise<{ outcome: SendOutcome; connectionDown: boolean }> {
  const { deps, now } = ctx;
  const { db, worker } = deps;
  const id = mail.id;
  if (!(await claimOutbound(db, id, worker, now))) return { outcome: 'lost', connectionDown: false };
  const attempts = mail.attempts + 1;
  const from = { from: 'sending' as const, worker, now };
  const done = (outcome: SendOutcome) => ({ outcome, connectionDown: false });

  if (mail.enrollment?.state === 'stopped') {
    const reason = `cancelled: enrollment stopped (${mail.enrollment.stopReason ?? 'no reason'})`;
    await moveOutbound(db, id, { ...from, to: 'failed', data: { lastError: reason } });
    return done('cancelled');
  }
  if (mail.enrollment?.state === 'paused') {
    const notBefore = mail.enrollment.pausedUntil ?? new Date(now.getTime() + PAUSED_RECHECK_MS);
    // Not an attempt: the claim's increment is taken back.
    await moveOutbound(db, id, { ...from, to: 'queued', data: { notBefore, attempts: mail.attempts } });
    return done('deferred');
  }
  if (ctx.suppressed.has(mail.toAddress)) {
    await moveOutbound(db, id, {
      ...from,
      to: 'failed',
      data: { lastError: 'cancelled: address suppressed' },
    });
    return done('cancelled');
  }
  if (mail.raw === null) {
    await moveOutbound(db, id, { ...from, to: 'failed', data: { lastError: 'no stored message bytes' } });
    return done('failed');
  }
  const raw = Buffer.from(mail.raw);

  let response: string;
  try {
    response = await mailbox.submit({ from: mail.fromAddress, to: mail.toAddress }, raw);
  } catch (err) {
    const f = classifySmtpFailure(err);
    const policy = deps.retry ?? DEFAULT_RETRY_POLICY;
    ctx.log.warn(
      { component: 'sender', outboundId: id, kind: f.kind, responseCode: f.responseCode, err },
      'SMTP failed',
    );
    if (f.kind === 'uncertain') {
      await moveOutbound(db, id, { ...from, to: 'uncertain', data: { lastError: f.message } });
      return { outcome: 'uncertain', connectionDown: f.connectionLevel };
    }
    if (f.kind === 'retry' && attempts < policy.maxAttempts) {
      const notBefore = new Date(now.getTime() + backoffMs(policy, attempts));
      await moveOutbound(db, id, { ...from, to: 'queued', data: { notBefore, lastError: f.message } });
      return { outcome: 'retry', connectionDown: f.connectionLevel };
    }
    const lastError = f.kind === 'retry' ? `gave up after ${attempts} attempts: ${f.message}` : f.message;
    await moveOutbound(db, id, { ...from, to: 'failed', data: { lastError } });
    if (f.kind === 'bounce') {
      await onHardBounce(db, mail.toAddress, now);
      return done('bounced');
    }
    return { outcome: 'failed', connectionDown: f.connectionLevel };
  }

  // Copy first, record second: if the process dies in between, the mail stays `sending`, becomes
  // `uncertain`, and the Sent folder then proves it went out.
  let copyError: string | null = null;
  if (mailbox.sentFolder !== null && mailbox.appendsToSent) {
    try {
      await mailbox.sentFolder.append(raw, now);
    } catch (err) {
      copyError = `copy to Sent failed: ${describeError(err)}`;
      ctx.report.sentCopyFailed += 1;
      ctx.log.error(
        { component: 'sender', outboundId: id, err },
        'sent, but the copy to the Sent folder failed',
      );
    }
  }
  const data = { smtpResponse: response, lastError: copyError, notBefore: null };
  const recorded =
    (await recordSent(db, mail, { ...from, data })) ||
    // The send outlived the stale limit and a sweeper marked it uncertain: the 250 settles it.
    (await recordSent(db, mail, { from: 'uncertain', worker: null, now, data }));
  if (!recorded) {
    ctx.report.errors.push({
      outboundId: id,
      mailbox: mailbox.name,
      message: 'sent, but the row had moved on; check it',
    });
    ctx.log.error(
      { component: 'sender', outboundId: id },
      'mail was sent but its row was no longer sending or uncertain',
    );
  }
  return done('sent');
}

/** Sends one mailbox's share in priority order, within its throttle, `concurrency` at a time. */
async function sendForMailbox(ctx: Ctx, name: string, mails: SendableMail[]): Promise<void> {
  const { deps, now, report } = ctx;
  let mailbox: OutboundMailbox;
  try {
    mailbox = deps.mailboxes.get(name);
  } catch (err) {
    report.errors.push({ outboundId: null, mailbox: name, message: describeError(err) });
    return;
  }
  const { throttle } = mailbox;
  const usage = await mailboxUsage(deps.db, name, localMidnight(now, throttle.timeZone));
  let used = usage.used;
  let lastSentAt = usage.lastSentAt;
  let next = 0;
  let stopped = false;
  const lane = async () => {
    while (!stopped && next < mails.length) {
      const decision = throttleDecision({
        now,
        sentToday: used,
        dailyCap: throttle.dailyCap,
        lastSentAt,
        minGapMs: throttle.minGapMs,
        timeZone: throttle.timeZone,
      });
      if (!decision.allowed) {
        stopped = true;
        report.throttled += mails.length - next;
        return;
      }
      const mail = mails[next++]!;
      used += 1;
      lastSentAt = now;
      try {
        const { outcome, connectionDown } = await sendOne(ctx, mail, mailbox);
        report.outcomes[outcome] += 1;
        if (outcome === 'lost' || outcome === 'deferred' || outcome === 'cancelled') used -= 1;
        // The server or the network is down: the rest would fail the same way and burn attempts.
        if (connectionDown) stopped = true;
      } catch (err) {
        stopped = true;
        report.errors.push({ outboundId: mail.id, mailbox: name, message: describeError(err) });
        ctx.log.error({ component: 'sender', outboundId: mail.id, err }, 'send step failed');
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, mailbox.concurrency) }, lane));
}

/** One sender pass at `now`: every mailbox with due mail, in parallel. */
export async function sendDue(deps: SenderDeps, now: Date): Promise<SendReport> {
  const due = spreadWithinPriority(
    await selectSendable(deps.db, now, deps.sendBatchSize ?? 200),
    (m) => m.enrollment?.priority ?? 0,
    Math.random,
  );
  const suppressed = await suppressedAmong(
    deps.db,
    due.map((m) => m.toAddress),
  );
  const ctx: Ctx = { deps, now, report: emptyReport(), log: deps.log ?? silentLogger, suppressed };
  const byMailbox = new Map<string, SendableMail[]>();
  for (const m of due) {
    if (m.mailboxName === null) {
      await moveOutbound(deps.db, m.id, {
        from: 'queued',
        to: 'failed',
        worker: null,
        now,
        data: { lastError: 'no sending mailbox recorded' },
      });
      ctx.report.outcomes.failed += 1;
      continue;
    }
    byMailbox.set(m.mailboxName, [...(byMailbox.get(m.mailboxName) ?? []), m]);
  }
  await Promise.all([...byMailbox].map(([name, mails]) => sendForMailbox(ctx, name, mails)));
  return ctx.report;
}
