/**
 * The SLA clock stops when the buyer is answered. A person's answer seen in a Sent folder or
 * the drop box stops it at ingest (src/ingest/stages/store.ts); a sequence mail, or any other
 * mail our outbox sent to the buyer, stops it here, checked before escalations are decided.
 */
import type { Db } from '../store/client.ts';

/** Outbox kinds that are an answer to the buyer (not notices to our own people). */
export const ANSWER_KINDS = ['sequence', 'manual'] as const;

const CHUNK = 500;

/** Marks open inquiries answered by a mail our outbox sent to the buyer after they arrived. */
export async function stopClocksOnSentMail(db: Db): Promise<number> {
  const open = await db.inquiry.findMany({
    where: { status: 'open', lead: { email: { not: null } } },
    select: { id: true, receivedAt: true, lead: { select: { email: true } } },
  });
  if (open.length === 0) return 0;
  const emails = [...new Set(open.map((i) => i.lead.email!))];
  const sent: { toAddress: string; sentAt: Date | null }[] = [];
  // In slices: SQLite takes at most 999 bound parameters per statement.
  for (let i = 0; i < emails.length; i += CHUNK) {
    sent.push(
      ...(await db.outboundMail.findMany({
        where: {
          toAddress: { in: emails.slice(i, i + CHUNK) },
          state: 'sent',
          kind: { in: [...ANSWER_KINDS] },
          sentAt: { not: null },
        },
        select: { toAddress: true, sentAt: true },
      })),
    );
  }
  sent.sort((a, b) => a.sentAt!.getTime() - b.sentAt!.getTime());
  let stopped = 0;
  for (const inquiry of open) {
    const answer = sent.find(
      (m) => m.toAddress === inquiry.lead.email && m.sentAt!.getTime() >= inquiry.receivedAt.getTime(),
    );
    if (answer === undefined) continue;
    const { count } = await db.inquiry.updateMany({
      where: { id: inquiry.id, status: 'open' },
      data: { status: 'answered', answeredAt: answer.sentAt },
    });
    stopped += count;
  }
  return stopped;
}
