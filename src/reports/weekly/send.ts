/**
 * The weekly report job. Each salesperson and manager gets their report once per ISO week, from
 * Monday 08:00 in their own time zone, covering the seven days up to that Monday 08:00. Call it
 * as often as you like (every few minutes): before the slot nothing happens, after it the first
 * call sends and every later one finds the outbox row.
 *
 * Exactly once, as for every mail we send: the OutboundMail row (idempotencyKey
 * `weekly:<email>:<isoYear>-W<week>`, final Message-ID, the exact bytes) is written before SMTP
 * is called, and the row is claimed (queued -> sending) before the bytes are handed over; a
 * crash in between leaves it `sending`, which the sequence engine's recovery turns into
 * `uncertain` and settles from the Sent folder, never by sending blindly.
 */

import type { Config, MailboxConfig } from '../../config/schema.ts';
import { describeError, TrademailError } from '../../errors.ts';
import type { Logger } from '../../log/logger.ts';
import { silentLogger } from '../../log/logger.ts';
import { createSmtpTransport } from '../../mail/smtp.ts';
import { SHIPPED_TEMPLATES_DIR } from '../../paths.ts';
import { classifySmtpFailure, composeMessage, newMessageId } from '../../sequences/engine/index.ts';
import { syncSalespeople } from '../../sla/people.ts';
import type { Db } from '../../store/client.ts';
import { claimOutbound, insertOutbound, moveOutbound, recordSent } from '../../store/sequences/outbox.ts';
import { isUniqueViolation } from '../../store/write-conflicts.ts';
import { loadTemplates, type TemplateSet } from '../../templates/index.ts';
import { isoWeekKey, weeklySlot } from '../period.ts';
import { buildWeeklyReport } from './build.ts';
import { renderWeeklyMail } from './render.ts';
import type { ReportUser } from './types.ts';

/** Hands stored bytes to SMTP with an explicit envelope; resolves with the server's reply. */
export type Submit = (envelope: { from: string; to: string }, raw: Buffer) => Promise<string>;

export interface WeeklySendDeps {
  db: Db;
  config: Config;
  now: Date;
  log?: Logger;
  /** Default: the shipped templates folder. */
  templates?: TemplateSet;
  /** Mailbox the reports are sent from; default the first with SMTP settings, an `inquiries` one first. */
  mailboxName?: string;
  /** Default: the mailbox's SMTP server from the config. */
  submit?: Submit;
  /** Template language (en, es, zh); default en. */
  lang?: string;
  /** Name of this process in the outbox lock. */
  worker?: string;
}

export interface WeeklySendReport {
  sent: string[];
  /** already sent (or being sent) this week */
  alreadyDone: string[];
  /** before their Monday 08:00 */
  notDue: string[];
  /** left queued for a retry or failed; the outbox row says why */
  failed: Array<{ email: string; error: string }>;
}

const RETRY_AFTER_MS = 10 * 60_000;

export function weeklyKey(email: string, week: { year: number; week: number }): string {
  return `weekly:${email}:${isoWeekKey(week)}`;
}

function senderMailbox(
  config: Config,
  name: string | undefined,
): MailboxConfig & { smtp: NonNullable<MailboxConfig['smtp']> } {
  const candidates = config.mailboxes.filter((m) => m.smtp !== undefined);
  const chosen =
    name === undefined
      ? (candidates.find((m) => m.role === 'inquiries') ?? candidates[0])
      : candidates.find((m) => m.name === name);
  if (chosen?.smtp === undefined) {
    throw new TrademailError(
      'CONFIG_INVALID',
      name === undefined
        ? 'no mailbox has smtp settings: add mailboxes[].smtp to one mailbox to send the weekly reports'
        : `mailbox "${name}" is not configured or has no smtp settings`,
    );
  }
  return chosen as MailboxConfig & { smtp: NonNullable<MailboxConfig['smtp']> };
}

export async function sendWeeklyReports(deps: WeeklySendDeps): Promise<WeeklySendReport> {
  const { db, config, now } = deps;
  const log = (deps.log ?? silentLogger).child({ component: 'weekly-report' });
  const worker = deps.worker ?? `weekly:${process.pid}`;
  const report: WeeklySendReport = { sent: [], alreadyDone: [], notDue: [], failed: [] };
  await syncSalespeople(db, config);
  const people = await db.salesperson.findMany({
    where: { active: true, role: { in: ['salesperson', 'manager'] } },
    orderBy: { id: 'asc' },
  });
  if (people.length === 0) return report;
  const mailbox = senderMailbox(config, deps.mailboxName);
  let transport: ReturnType<typeof createSmtpTransport> | null = null;
  const submit: Submit =
    deps.submit ??
    (async (envelope, raw) => {
      transport ??= createSmtpTransport(mailbox.smtp, false);
      const info = await transport.sendMail({ envelope: { from: envelope.from, to: [envelope.to] }, raw });
      return info.response;
    });
  let templates: TemplateSet | null = deps.templates ?? null;
  try {
    for (const person of people) {
      const user: ReportUser = {
        id: person.id,
        email: person.email,
        name: person.name,
        role: person.role,
        timeZone: person.timeZone,
      };
      const slot = weeklySlot(now, user.timeZone);
      if (now < slot.dueAt) {
        report.notDue.push(user.email);
        continue;
      }
      const key = weeklyKey(user.email, slot.week);
      try {
        let row = await db.outboundMail.findUnique({ where: { idempotencyKey: key } });
        if (row === null) {
          templates ??= loadTemplates(SHIPPED_TEMPLATES_DIR);
          const data = await buildWeeklyReport(db, config, user, slot.dueAt);
          const mail = renderWeeklyMail(templates, data, deps.lang ?? 'en');
          const messageId = newMessageId(mailbox.address);
          const raw = await composeMessage({
            from: { name: `${config.company.name} trademail`, address: mailbox.address },
            to: { name: user.name, address: user.email },
            subject: mail.subject,
            text: mail.text,
            html: mail.html,
            messageId,
            inReplyTo: null,
            references: [],
            date: now,
            // RFC 3834: a machine-made mail; auto-responders must not answer it.
            headers: { 'Auto-Submitted': 'auto-generated' },
          });
          try {
            const { id } = await insertOutbound(db, {
              idempotencyKey: key,
              enrollmentId: null,
              stepPosition: null,
              leadId: null,
              kind: 'weekly_report',
              mailboxName: mailbox.name,
              fromAddress: mailbox.address,
              toAddress: user.email,
              subject: mail.subject,
              messageId,
              inReplyTo: null,
              references: [],
              raw,
              now,
            });
            row = await db.outboundMail.findUniqueOrThrow({ where: { id } });
          } catch (err) {
            if (!isUniqueViolation(err)) throw err;
            // Another process wrote this week's row first: it sends it.
            report.alreadyDone.push(user.email);
            continue;
          }
        }
        const due = row.state === 'queued' && (row.notBefore === null || row.notBefore <= now);
        if (!due) {
          if (row.state === 'failed')
            report.failed.push({ email: user.email, error: row.lastError ?? 'failed' });
          else report.alreadyDone.push(user.email);
          continue;
        }
        const outcome = await deliver(db, row, { submit, worker, now, log });
        if (outcome === 'sent') report.sent.push(user.email);
        else if (outcome === 'lost') report.alreadyDone.push(user.email);
        else report.failed.push({ email: user.email, error: outcome });
      } catch (err) {
        log.error({ err, user: user.email }, 'weekly report not sent');
        report.failed.push({ email: user.email, error: describeError(err) });
      }
    }
  } finally {
    (transport as ReturnType<typeof createSmtpTransport> | null)?.close();
  }
  return report;
}

interface DeliverDeps {
  submit: Submit;
  worker: string;
  now: Date;
  log: Logger;
}

async function deliver(
  db: Db,
  row: { id: number; fromAddress: string; toAddress: string; subject: string; raw: Uint8Array | null },
  d: DeliverDeps,
): Promise<'sent' | 'lost' | string> {
  if (!(await claimOutbound(db, row.id, d.worker, d.now))) return 'lost';
  const from = { from: 'sending' as const, worker: d.worker, now: d.now };
  if (row.raw === null) {
    await moveOutbound(db, row.id, { ...from, to: 'failed', data: { lastError: 'no stored message bytes' } });
    return 'no stored message bytes';
  }
  try {
    const response = await d.submit({ from: row.fromAddress, to: row.toAddress }, Buffer.from(row.raw));
    await recordSent(
      db,
      { id: row.id, leadId: null, subject: row.subject },
      { ...from, data: { smtpResponse: response } },
    );
    return 'sent';
  } catch (err) {
    const f = classifySmtpFailure(err);
    d.log.warn(
      { outboundId: row.id, kind: f.kind, responseCode: f.responseCode },
      'weekly report: SMTP failed',
    );
    if (f.kind === 'uncertain') {
      await moveOutbound(db, row.id, { ...from, to: 'uncertain', data: { lastError: f.message } });
    } else if (f.kind === 'retry') {
      const notBefore = new Date(d.now.getTime() + RETRY_AFTER_MS);
      await moveOutbound(db, row.id, { ...from, to: 'queued', data: { notBefore, lastError: f.message } });
    } else {
      await moveOutbound(db, row.id, { ...from, to: 'failed', data: { lastError: f.message } });
    }
    return `${f.kind}: ${f.message}`;
  }
}
