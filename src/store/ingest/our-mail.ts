/**
 * Look-ups into what we sent, prepared per batch so the pure stages get plain functions:
 * which Message-IDs are ours (outbox and our own mail seen in Sent / the drop box), and which
 * of our mails went to a buyer under a subject (for clients that drop In-Reply-To).
 */
import type { Db } from '../client.ts';

export async function ourMessageIds(db: Db, candidates: string[]): Promise<Set<string>> {
  if (candidates.length === 0) return new Set();
  const unique = [...new Set(candidates)];
  const [outbox, logged] = await Promise.all([
    db.outboundMail.findMany({ where: { messageId: { in: unique } }, select: { messageId: true } }),
    db.message.findMany({
      where: { messageId: { in: unique }, direction: 'outbound' },
      select: { messageId: true },
    }),
  ]);
  return new Set([...outbox.map((o) => o.messageId), ...logged.map((m) => m.messageId!).filter(Boolean)]);
}

export interface SentThread {
  to: string;
  subject: string;
  messageId: string;
}

export async function sentThreadsTo(db: Db, addresses: string[]): Promise<SentThread[]> {
  if (addresses.length === 0) return [];
  const unique = [...new Set(addresses.map((a) => a.toLowerCase()))];
  // What we sent: the outbox, and our own mail seen in a Sent folder or the drop box (its
  // lead is the recipient).
  const [outbox, logged] = await Promise.all([
    db.outboundMail.findMany({
      where: { toAddress: { in: unique }, state: 'sent' },
      select: { toAddress: true, subject: true, messageId: true },
      orderBy: { id: 'desc' },
    }),
    db.message.findMany({
      where: { direction: 'outbound', messageId: { not: null }, lead: { email: { in: unique } } },
      select: { subject: true, messageId: true, lead: { select: { email: true } } },
      orderBy: { id: 'desc' },
    }),
  ]);
  return [
    ...outbox.map((r) => ({ to: r.toAddress, subject: r.subject, messageId: r.messageId })),
    ...logged.map((m) => ({ to: m.lead!.email!, subject: m.subject, messageId: m.messageId! })),
  ];
}
