/**
 * Look-ups into what we sent, prepared per batch so the pure stages get plain functions:
 * which Message-IDs are ours (outbox and our own mail seen in Sent / the drop box), and which
 * of our mails went to a buyer under a subject (for clients that drop In-Reply-To).
 */
import { Prisma } from '../../../generated/sqlite/client.ts';
import type { Db } from '../client.ts';
import { inChunks } from '../in-chunks.ts';

export async function ourMessageIds(db: Db, candidates: string[]): Promise<Set<string>> {
  // One statement (this runs for every batch) unless the batch's References are very long:
  // the outbox, and our mail logged in Sent or the drop box.
  const rows = await inChunks(candidates, (slice) => {
    const ids = Prisma.join(slice);
    return db.$queryRaw<{ messageId: string }[]>`
      SELECT "messageId" FROM "OutboundMail" WHERE "messageId" IN (${ids})
      UNION
      SELECT "messageId" FROM "Message" WHERE "messageId" IN (${ids}) AND "direction" = 'outbound'`;
  });
  return new Set(rows.map((r) => r.messageId));
}

export interface SentThread {
  to: string;
  subject: string;
  messageId: string;
}

export async function sentThreadsTo(db: Db, addresses: string[]): Promise<SentThread[]> {
  // What we sent: the outbox, newest first, then our own mail seen in a Sent folder or the
  // drop box (its lead is the recipient), newest first. One statement: this runs every batch.
  // (In slices, each address's rows stay together and in that order, which is all readers need.)
  const rows = await inChunks(
    addresses.map((a) => a.toLowerCase()),
    (slice) => {
      const unique = Prisma.join(slice);
      return db.$queryRaw<(SentThread & { source: number; id: number })[]>`
        SELECT o."toAddress" AS "to", o."subject", o."messageId", 0 AS "source", o."id"
        FROM "OutboundMail" o
        WHERE o."toAddress" IN (${unique}) AND o."state" = 'sent'
        UNION ALL
        SELECT l."email" AS "to", m."subject", m."messageId", 1 AS "source", m."id"
        FROM "Message" m JOIN "Lead" l ON l."id" = m."leadId"
        WHERE m."direction" = 'outbound' AND m."messageId" IS NOT NULL AND l."email" IN (${unique})
        ORDER BY "source", "id" DESC`;
    },
  );
  return rows.map((r) => ({ to: r.to, subject: r.subject, messageId: r.messageId }));
}
