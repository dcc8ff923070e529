/**
 * The escalation job: for every open inquiry, a reminder to the owner once `sla.reminderShare`
 * of the SLA's working time is used, and an escalation to the manager at the deadline, each in
 * the recipient's working hours only (a notice due at night waits for the morning). The
 * SlaNotification row (unique per inquiry and level) and the outbox row are written in one
 * transaction before SMTP is called, so a level is never sent twice, across restarts and
 * between processes; see notify/outbox.ts for how an interrupted send is settled.
 */
import type { Config } from '../config/schema.ts';
import { describeError } from '../errors.ts';
import type { Logger } from '../log/logger.ts';
import { dueEscalations, type EscalationLevel } from '../rank/sla.ts';
import type { Db } from '../store/client.ts';
import { isUniqueViolation } from '../store/write-conflicts.ts';
import type { TemplateSet } from '../templates/types.ts';
import { BUYER_FIELDS, buyerSummary } from './buyer.ts';
import { stopClocksOnSentMail } from './clock.ts';
import { composeNotice, noticeMessageId } from './notify/compose.ts';
import {
  deliverNotice,
  insertNotice,
  type NoticeDeps,
  type RecoveryReport,
  recoverNotices,
  TransportPool,
} from './notify/outbox.ts';
import { noticeRoute, routeFrom } from './notify/route.ts';
import { type NoticeInquiry, type Recipient, recipientOf, renderSlaNotice } from './notify/sla-notice.ts';
import type { TransportFactory } from './notify/transport.ts';
import { calendarOf, managerOf } from './people.ts';

export interface SlaJobDeps {
  db: Db;
  config: Config;
  log: Logger;
  templates: TemplateSet;
  transports: TransportFactory;
  /** This process' name on outbox claims; stable across restarts of the same service. */
  worker: string;
  /**
   * Remembers, per inquiry, when its plan can next change, so a pass every minute does not
   * redo the working-time arithmetic of every open inquiry. Optional: without it every pass
   * decides from scratch.
   */
  memo?: Map<number, { key: string; nextCheckAt: number }>;
}

export interface EscalationReport {
  clocksStopped: number;
  sent: { inquiryId: number; level: EscalationLevel; to: string }[];
  /** Due but outside the recipient's working hours. */
  deferred: number;
  notSent: { inquiryId: number; level: EscalationLevel; outcome: string }[];
  skipped: { inquiryId: number; level: EscalationLevel; reason: string }[];
  recovery: RecoveryReport;
}

const DAY_MS = 86_400_000;

async function openInquiries(db: Db, config: Config, now: Date) {
  const oldest = new Date(now.getTime() - config.notifications.ignoreOlderThanDays * DAY_MS);
  return db.inquiry.findMany({
    where: {
      status: 'open',
      deadlineAt: { gte: oldest },
      notifications: { none: { level: 'escalation' } },
    },
    orderBy: { deadlineAt: 'asc' },
    select: {
      id: true,
      leadId: true,
      receivedAt: true,
      deadlineAt: true,
      products: true,
      reasons: true,
      grade: true,
      priorityTier: true,
      owner: { select: { email: true, name: true } },
      notifications: { select: { level: true } },
      message: { select: { subject: true } },
      lead: BUYER_FIELDS,
    },
  });
}

type OpenInquiry = Awaited<ReturnType<typeof openInquiries>>[number];

function noticeInquiry(i: OpenInquiry): NoticeInquiry {
  return {
    receivedAt: i.receivedAt,
    deadlineAt: i.deadlineAt!,
    subject: i.message.subject,
    reasons: JSON.parse(i.reasons) as string[],
    products: JSON.parse(i.products) as string[],
    grade: i.grade,
    priorityTier: i.priorityTier,
    buyer: buyerSummary(i.lead),
    owner: i.owner,
  };
}

export async function runEscalations(
  deps: SlaJobDeps,
  now: Date,
  options: { startup?: boolean } = {},
): Promise<EscalationReport> {
  const { db, config } = deps;
  const transports = new TransportPool(deps.transports, (from) => routeFrom(config, from));
  const notices: NoticeDeps = { db, worker: deps.worker, transports, log: deps.log };
  try {
    const recovery = await recoverNotices(notices, now, options);
    const report: EscalationReport = {
      clocksStopped: await stopClocksOnSentMail(db),
      sent: [],
      deferred: 0,
      notSent: [],
      skipped: [],
      recovery,
    };
    const open = await openInquiries(db, config, now);
    if (deps.memo !== undefined) {
      const ids = new Set(open.map((i) => i.id));
      for (const id of deps.memo.keys()) if (!ids.has(id)) deps.memo.delete(id);
    }
    for (const inquiry of open) {
      try {
        await escalateOne(deps, notices, inquiry, now, report);
      } catch (err) {
        deps.log.error(
          { component: 'sla', inquiry: inquiry.id, err: describeError(err) },
          'escalation failed',
        );
        report.skipped.push({ inquiryId: inquiry.id, level: 'escalation', reason: describeError(err) });
      }
    }
    return report;
  } finally {
    transports.close();
  }
}

async function escalateOne(
  deps: SlaJobDeps,
  notices: NoticeDeps,
  inquiry: OpenInquiry,
  now: Date,
  report: EscalationReport,
): Promise<void> {
  const { config } = deps;
  const ownerEmail = inquiry.owner?.email ?? null;
  const owner = ownerEmail === null ? null : recipientOf(config, ownerEmail);
  const manager = managerOf(config, ownerEmail);
  const managerRecipient = manager === null ? null : recipientOf(config, manager.email);
  const calendar = calendarOf(config, ownerEmail);
  const recorded = inquiry.notifications.map((n) => n.level as EscalationLevel);
  // The plan only changes with the clock's inputs; until its next check time it stays empty.
  const key = `${ownerEmail}|${inquiry.deadlineAt!.getTime()}|${recorded.sort().join(',')}`;
  const memo = deps.memo?.get(inquiry.id);
  if (memo !== undefined && memo.key === key && now.getTime() < memo.nextCheckAt) return;
  // Without an owner in the config there is no one to remind; the manager still hears at breach.
  const sentLevels = owner === null ? [...recorded, 'reminder' as const] : recorded;
  const plan = dueEscalations(
    { calendar, arrivedAt: inquiry.receivedAt, deadline: inquiry.deadlineAt!, answeredAt: null, sentLevels },
    now,
    {
      reminderShare: config.sla.reminderShare,
      recipientCalendars: {
        reminder: calendar,
        ...(manager === null ? {} : { escalation: calendarOf(config, manager.email) }),
      },
    },
  );
  report.deferred += plan.deferred.length;
  if (plan.due.length === 0) {
    deps.memo?.set(inquiry.id, { key, nextCheckAt: plan.nextCheckAt?.getTime() ?? Number.POSITIVE_INFINITY });
  } else {
    deps.memo?.delete(inquiry.id);
  }
  for (const level of plan.due) {
    const to: Recipient | null = level === 'reminder' ? owner : managerRecipient;
    if (to === null) {
      report.skipped.push({
        inquiryId: inquiry.id,
        level,
        reason: 'no manager in salespeople to escalate to',
      });
      continue;
    }
    const route = noticeRoute(config, ownerEmail);
    if (route === null) {
      report.skipped.push({
        inquiryId: inquiry.id,
        level,
        reason: 'no mailbox with an smtp section to send from',
      });
      continue;
    }
    const rendered = renderSlaNotice(deps.templates, level, noticeInquiry(inquiry), to);
    const messageId = noticeMessageId(route.from);
    const raw = await composeNotice({
      from: { name: config.company.name, address: route.from },
      to: { name: to.name, address: to.email },
      messageId,
      date: now,
      rendered,
    });
    let id: number;
    try {
      id = await deps.db.$transaction(async (tx) => {
        await tx.slaNotification.create({ data: { inquiryId: inquiry.id, level, createdAt: now } });
        const outboundId = await insertNotice(
          tx,
          {
            idempotencyKey: `sla:${inquiry.id}:${level}`,
            kind: level === 'reminder' ? 'sla_reminder' : 'sla_escalation',
            leadId: inquiry.leadId,
            from: route.from,
            to: to.email,
            subject: rendered.subject,
            messageId,
            raw,
          },
          deps.worker,
          now,
        );
        await tx.activity.create({
          data: {
            leadId: inquiry.leadId,
            outboundMailId: outboundId,
            type: level === 'reminder' ? 'sla_reminder' : 'sla_escalation',
            direction: 'internal',
            summary: `${level === 'reminder' ? 'Reminder' : 'Escalation'} sent to ${to.name} <${to.email}>`,
            occurredAt: now,
          },
        });
        return outboundId;
      });
    } catch (err) {
      // Another process recorded this level first: it sends it.
      if (isUniqueViolation(err)) continue;
      throw err;
    }
    const outcome = await deliverNotice(notices, id, now);
    if (outcome === 'sent') report.sent.push({ inquiryId: inquiry.id, level, to: to.email });
    else report.notSent.push({ inquiryId: inquiry.id, level, outcome });
  }
}
