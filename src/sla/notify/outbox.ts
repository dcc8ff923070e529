/**
 * The outbox for internal notices (SLA reminders and escalations, pool warnings). Rows live in
 * OutboundMail with the shared states (src/sequences/outbound-state.ts), but never in `queued`
 * and with no mailboxName, so the sequence sender never picks one up. A notice's life:
 *
 *   written   sending, lockedBy = writer, lockedAt null   (bytes and Message-ID final; same
 *                                                          transaction as its idempotency row)
 *   handover  lockedAt = now, smtpResponse 'submitting', attempts + 1
 *   250       -> sent
 *   5xx       -> failed
 *   4xx, no connection -> released (lock cleared, notBefore = backoff), retried; failed after
 *                         MAX_ATTEMPTS
 *   any other break    -> uncertain: the server may have it, so it is never sent again
 *
 * Recovery after a crash decides from the row alone: a notice written but never handed over
 * (lockedAt null) was not sent and is delivered now; one handed over ('submitting') may have
 * been, and becomes uncertain. A notice is therefore sent at most once, and one interrupted
 * before SMTP is still sent once.
 */
import { describeError } from '../../errors.ts';
import type { Logger } from '../../log/logger.ts';
import { transitionOutbound } from '../../sequences/outbound-state.ts';
import type { Db } from '../../store/client.ts';
import type { Tx } from '../../store/leads/upsert-lead.ts';
import type { NoticeRoute } from './route.ts';
import { classifyFailure, type NoticeTransport, type TransportFactory } from './transport.ts';

export const NOTICE_KINDS = ['sla_reminder', 'sla_escalation', 'pool_reminder'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

const SUBMITTING = 'submitting';
export const MAX_ATTEMPTS = 5;
/** A writer silent this long is dead (nodemailer gives up on a socket after 60 s). */
export const STALE_MS = 2 * 60_000;

export interface NewNotice {
  idempotencyKey: string;
  kind: NoticeKind;
  leadId: number | null;
  from: string;
  to: string;
  subject: string;
  messageId: string;
  raw: Buffer;
}

export interface NoticeDeps {
  db: Db;
  worker: string;
  transports: TransportPool;
  log: Logger;
}

export type DeliveryOutcome = 'sent' | 'retry' | 'failed' | 'uncertain' | 'lost';

/** One transport per sending mailbox for the length of a job run. */
export class TransportPool {
  readonly #factory: TransportFactory;
  readonly #open = new Map<string, NoticeTransport>();
  readonly #routes: (from: string) => NoticeRoute | null;

  constructor(factory: TransportFactory, routes: (from: string) => NoticeRoute | null) {
    this.#factory = factory;
    this.#routes = routes;
  }

  /** The transport for a notice sent from `from`, or null when no configured mailbox sends as it. */
  for(from: string): NoticeTransport | null {
    const route = this.#routes(from);
    if (route === null) return null;
    let t = this.#open.get(route.mailboxName);
    if (t === undefined) {
      t = this.#factory(route);
      this.#open.set(route.mailboxName, t);
    }
    return t;
  }

  close(): void {
    for (const t of this.#open.values()) t.close();
    this.#open.clear();
  }
}

/** Writes the notice, claimed by `worker` but not handed over. Call inside the transaction that records why it is sent. */
export async function insertNotice(tx: Tx, n: NewNotice, worker: string, now: Date): Promise<number> {
  const row = await tx.outboundMail.create({
    data: {
      idempotencyKey: n.idempotencyKey,
      leadId: n.leadId,
      kind: n.kind,
      mailboxName: null,
      fromAddress: n.from,
      toAddress: n.to,
      subject: n.subject.slice(0, 1000),
      messageId: n.messageId,
      raw: new Uint8Array(n.raw),
      state: 'sending',
      stateEnteredAt: now,
      lockedBy: worker,
      lockedAt: null,
    },
    select: { id: true },
  });
  return row.id;
}

function backoffMs(attempts: number): number {
  return Math.min(30 * 60_000, 60_000 * 2 ** Math.max(0, attempts - 1));
}

/** Hands a written notice held by `deps.worker` to SMTP and records the outcome. */
export async function deliverNotice(deps: NoticeDeps, id: number, now: Date): Promise<DeliveryOutcome> {
  const { db, worker } = deps;
  const row = await db.outboundMail.findUniqueOrThrow({ where: { id } });
  const transport = deps.transports.for(row.fromAddress);
  if (transport === null || row.raw === null) {
    const lastError =
      row.raw === null ? 'no stored message bytes' : `no configured mailbox sends as ${row.fromAddress}`;
    transitionOutbound('sending', 'failed');
    await db.outboundMail.updateMany({
      where: { id, state: 'sending', lockedBy: worker },
      data: { state: 'failed', stateEnteredAt: now, lockedBy: null, lastError },
    });
    return 'failed';
  }
  const handover = await db.outboundMail.updateMany({
    where: { id, state: 'sending', lockedBy: worker, lockedAt: null },
    data: { lockedAt: now, smtpResponse: SUBMITTING, attempts: { increment: 1 } },
  });
  if (handover.count !== 1) return 'lost';
  const mine = { id, state: 'sending', lockedBy: worker, smtpResponse: SUBMITTING };
  try {
    const info = await transport.sendMail({
      envelope: { from: row.fromAddress, to: [row.toAddress] },
      raw: Buffer.from(row.raw),
    });
    transitionOutbound('sending', 'sent');
    await db.outboundMail.updateMany({
      where: mine,
      data: {
        state: 'sent',
        stateEnteredAt: now,
        sentAt: now,
        smtpResponse: String(info.response ?? '250'),
        lockedBy: null,
        lockedAt: null,
        lastError: null,
      },
    });
    return 'sent';
  } catch (err) {
    const f = classifyFailure(err);
    const attempts = row.attempts + 1;
    deps.log.warn(
      { component: 'notices', outboundId: id, kind: f.kind, err: describeError(err) },
      'notice not sent',
    );
    if (f.kind === 'retry' && attempts < MAX_ATTEMPTS) {
      await db.outboundMail.updateMany({
        where: mine,
        data: {
          lockedBy: null,
          lockedAt: null,
          smtpResponse: null,
          lastError: f.message,
          notBefore: new Date(now.getTime() + backoffMs(attempts)),
        },
      });
      return 'retry';
    }
    const to = f.kind === 'uncertain' ? 'uncertain' : 'failed';
    transitionOutbound('sending', to);
    const lastError = f.kind === 'retry' ? `gave up after ${attempts} attempts: ${f.message}` : f.message;
    await db.outboundMail.updateMany({
      where: mine,
      data: {
        state: to,
        stateEnteredAt: now,
        lockedBy: null,
        lastError,
        ...(to === 'uncertain' ? {} : { smtpResponse: null }),
      },
    });
    return to;
  }
}

export interface RecoveryReport {
  redelivered: Record<DeliveryOutcome, number>;
  uncertain: number;
}

/**
 * Settles notices left by a crash or a failed attempt. `startup`: this worker's own rows are
 * from before a restart and are settled at once (the worker name must then not be shared with
 * another live process); other writers' rows only once they are STALE_MS old.
 */
export async function recoverNotices(
  deps: NoticeDeps,
  now: Date,
  options: { startup?: boolean } = {},
): Promise<RecoveryReport> {
  const { db, worker } = deps;
  const stale = new Date(now.getTime() - STALE_MS);
  const own = options.startup ? [{ lockedBy: worker }] : [];
  const notices = { kind: { in: [...NOTICE_KINDS] }, state: 'sending' };
  transitionOutbound('sending', 'uncertain');
  const interrupted = await db.outboundMail.updateMany({
    where: { ...notices, smtpResponse: SUBMITTING, OR: [...own, { lockedAt: { lt: stale } }] },
    data: {
      state: 'uncertain',
      stateEnteredAt: now,
      lockedBy: null,
      lastError: 'interrupted while SMTP had it; not sent again',
    },
  });
  const report: RecoveryReport = {
    redelivered: { sent: 0, retry: 0, failed: 0, uncertain: 0, lost: 0 },
    uncertain: interrupted.count,
  };
  const pending = await db.outboundMail.findMany({
    where: {
      ...notices,
      lockedAt: null,
      smtpResponse: null,
      OR: [
        // Released after a temporary failure, and its backoff is over.
        { lockedBy: null, OR: [{ notBefore: null }, { notBefore: { lte: now } }] },
        // Written by a writer that died before the handover.
        ...own,
        { lockedBy: { not: null }, stateEnteredAt: { lt: stale } },
      ],
    },
    orderBy: { id: 'asc' },
    select: { id: true, lockedBy: true },
    take: 200,
  });
  for (const p of pending) {
    const claim = await db.outboundMail.updateMany({
      where: { id: p.id, state: 'sending', lockedAt: null, smtpResponse: null, lockedBy: p.lockedBy },
      data: { lockedBy: worker },
    });
    if (claim.count !== 1) continue;
    report.redelivered[await deliverNotice(deps, p.id, now)]++;
  }
  return report;
}
