/**
 * One mail trademail sent or is about to send (a sequence step, an SLA notice, a weekly
 * report): where it is in the outbox (queued, sending, sent, failed, uncertain), what the
 * server answered, and the mail itself, parsed from the exact bytes that were submitted.
 */
import { parseStage } from '../../ingest/stages/parse.ts';
import type { Db } from '../../store/client.ts';
import { type Actor, canSeeLead, notFound, seesAll } from '../access.ts';
import { parseJsonList } from './json.ts';

export async function outboundDetail(db: Db, actor: Actor, id: number) {
  const row = await db.outboundMail.findUnique({ where: { id } });
  const lead =
    row?.leadId == null
      ? null
      : await db.lead.findUnique({ where: { id: row.leadId }, select: { ownerId: true } });
  // Mail tied to no lead (notices and reports to our own staff) is for managers only.
  const visible = row !== null && (lead === null ? seesAll(actor) : canSeeLead(actor, lead));
  if (!visible) throw notFound('outbound mail', id);
  const mail = row.raw === null ? null : await parseStage(Buffer.from(row.raw));
  return {
    outbound: {
      id: row.id,
      kind: row.kind,
      leadId: row.leadId,
      enrollmentId: row.enrollmentId,
      stepPosition: row.stepPosition,
      mailboxName: row.mailboxName,
      fromAddress: row.fromAddress,
      toAddress: row.toAddress,
      subject: row.subject,
      messageId: row.messageId,
      inReplyTo: row.inReplyTo,
      references: parseJsonList(row.references),
      state: row.state,
      stateEnteredAt: row.stateEnteredAt,
      attempts: row.attempts,
      notBefore: row.notBefore,
      lastError: row.lastError,
      smtpResponse: row.smtpResponse,
      sentAt: row.sentAt,
      createdAt: row.createdAt,
      text: mail?.text ?? null,
      html: mail?.html ?? null,
    },
  };
}
