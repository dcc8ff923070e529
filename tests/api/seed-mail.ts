/** Helpers that store seeded mail the way ingest and the sequence engine would. */
import { createHash } from 'node:crypto';
import { compressRaw } from '../../src/ingest/raw/compress.ts';
import type { Db } from '../../src/store/client.ts';
import { type MessageSpec, makeMessage } from '../helpers/mailhost/index.ts';

export const SALES = 'BrightLux Sales <sales@brightlux-lighting.com>';
export const at = (iso: string) => new Date(iso);

export async function storeMail(
  db: Db,
  spec: MessageSpec & { date: Date; messageId: string },
  row: { kind: string; direction: 'inbound' | 'outbound'; leadId: number | null; understanding?: unknown },
): Promise<number> {
  const raw = Buffer.from(makeMessage(spec));
  const rawRow = await db.rawMessage.create({
    data: {
      sha256: createHash('sha256').update(raw).digest('hex'),
      size: raw.length,
      compressed: new Uint8Array(compressRaw(raw)),
    },
  });
  const from = /<([^>]+)>/.exec(spec.from)?.[1] ?? spec.from;
  const message = await db.message.create({
    data: {
      dedupeKey: spec.messageId,
      rawMessageId: rawRow.id,
      messageId: spec.messageId,
      subject: spec.subject,
      fromAddress: from.toLowerCase(),
      sentAt: spec.date,
      direction: row.direction,
      kind: row.kind,
      understanding: JSON.stringify(row.understanding ?? { kind: row.kind }),
      stage: 'processed',
      leadId: row.leadId,
    },
  });
  if (row.leadId !== null) {
    await db.activity.create({
      data: {
        leadId: row.leadId,
        messageId: message.id,
        type: row.kind.endsWith('inquiry') ? 'inquiry' : row.kind,
        direction: row.direction,
        summary: spec.subject,
        occurredAt: spec.date,
      },
    });
  }
  return message.id;
}

export function buyerMail(
  b: { name: string; email: string; phone: string },
  to: string,
  subject: string,
  date: string,
  body: string,
) {
  return {
    from: `${b.name} <${b.email}>`,
    to,
    subject,
    date: at(date),
    messageId: `<${createHash('sha1')
      .update(b.email + subject + date)
      .digest('hex')
      .slice(0, 16)}@buyer.test>`,
    body: `${body}\n\nBest regards,\n${b.name}\nTel: ${b.phone}\n${b.email}`,
  };
}

export async function storeInquiry(
  db: Db,
  leadId: number,
  ownerId: number,
  spec: ReturnType<typeof buyerMail>,
  data: Record<string, unknown>,
): Promise<{ id: number; messageId: number }> {
  const understanding = {
    kind: 'inquiry',
    lead: { email: spec.from, name: spec.from },
    extras: { bodyText: spec.body },
  };
  const messageId = await storeMail(db, spec, {
    kind: 'inquiry',
    direction: 'inbound',
    leadId,
    understanding,
  });
  const row = await db.inquiry.create({
    data: { messageId, leadId, ownerId, kind: 'inquiry', receivedAt: spec.date, ...data },
  });
  await db.lead.update({ where: { id: leadId }, data: { lastInquiryAt: spec.date } });
  return { id: row.id, messageId };
}

export async function storeStep(
  db: Db,
  enrollmentId: number,
  leadId: number,
  to: string,
  subject: string,
  sentAt: Date,
): Promise<number> {
  const raw = makeMessage({
    from: SALES,
    to,
    subject,
    body: `Dear customer,\n\n${subject}.`,
    date: sentAt,
  });
  const row = await db.outboundMail.create({
    data: {
      idempotencyKey: `enrollment:${enrollmentId}:0`,
      enrollmentId,
      stepPosition: 0,
      leadId,
      kind: 'sequence',
      mailboxName: 'inquiries',
      fromAddress: 'sales@brightlux-lighting.com',
      toAddress: to.toLowerCase(),
      subject,
      messageId: `<step-${enrollmentId}@brightlux-lighting.com>`,
      raw: new Uint8Array(Buffer.from(raw)),
      state: 'sent',
      sentAt,
      createdAt: sentAt,
    },
  });
  await db.activity.create({
    data: {
      leadId,
      outboundMailId: row.id,
      type: 'outbound',
      direction: 'outbound',
      summary: subject,
      occurredAt: sentAt,
    },
  });
  return row.id;
}
