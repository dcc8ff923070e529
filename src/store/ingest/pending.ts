/**
 * Messages waiting for the pure stages: stored raw (stage "received"), or quarantined and
 * asked to be re-run. The folder's role tells classification where the mail arrived.
 */
import type { Db } from '../client.ts';

export interface PendingMessage {
  id: number;
  rawMessageId: number;
  stage: string;
  compressed: Uint8Array;
  mailboxRole: string | null;
  folderPath: string | null;
  specialUse: string | null;
}

export async function pendingMessages(
  db: Db,
  options: { stages?: string[]; ids?: number[]; limit: number; afterId?: number },
): Promise<PendingMessage[]> {
  const rows = await db.message.findMany({
    where: {
      stage: { in: options.stages ?? ['received'] },
      // One id condition: two spreads of `id` would let the second replace the first.
      id: {
        ...(options.ids ? { in: options.ids } : {}),
        ...(options.afterId !== undefined ? { gt: options.afterId } : {}),
      },
    },
    orderBy: { id: 'asc' },
    take: options.limit,
    select: {
      id: true,
      rawMessageId: true,
      stage: true,
      raw: {
        select: {
          compressed: true,
          sources: {
            take: 1,
            orderBy: { id: 'asc' },
            select: {
              folder: { select: { path: true, specialUse: true, mailbox: { select: { role: true } } } },
            },
          },
        },
      },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    rawMessageId: r.rawMessageId,
    stage: r.stage,
    compressed: r.raw.compressed,
    mailboxRole: r.raw.sources[0]?.folder?.mailbox.role ?? null,
    folderPath: r.raw.sources[0]?.folder?.path ?? null,
    specialUse: r.raw.sources[0]?.folder?.specialUse ?? null,
  }));
}
