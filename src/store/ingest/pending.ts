/**
 * Messages waiting for the pure stages: stored raw (stage "received"), or quarantined and
 * asked to be re-run. The folder's role tells classification where the mail arrived.
 */
import { Prisma } from '../../../generated/sqlite/client.ts';
import type { Db } from '../client.ts';

export interface PendingMessage {
  id: number;
  rawMessageId: number;
  stage: string;
  compressed: Uint8Array;
  /** The raw mail's length in bytes, before compression. */
  size: number;
  mailboxRole: string | null;
  folderPath: string | null;
  specialUse: string | null;
}

interface PendingRow {
  id: number | bigint;
  rawMessageId: number | bigint;
  stage: string;
  compressed: Uint8Array;
  size: number | bigint;
  mailboxRole: string | null;
  folderPath: string | null;
  specialUse: string | null;
}

export interface PendingQuery {
  stages?: string[];
  ids?: number[];
  limit: number;
  afterId?: number;
}

function where(options: PendingQuery) {
  const conditions = [Prisma.sql`m."stage" IN (${Prisma.join(options.stages ?? ['received'])})`];
  if (options.ids) conditions.push(Prisma.sql`m."id" IN (${Prisma.join(options.ids)})`);
  if (options.afterId !== undefined) conditions.push(Prisma.sql`m."id" > ${options.afterId}`);
  return Prisma.join(conditions, ' AND ');
}

/**
 * The same messages as pendingMessages, as ids and raw sizes only: enough to choose a batch
 * by bytes (ingest/batches.ts) before any raw mail is read.
 */
export async function pendingSizes(db: Db, options: PendingQuery): Promise<{ id: number; size: number }[]> {
  if (options.ids?.length === 0) return [];
  const rows = await db.$queryRaw<{ id: number | bigint; size: number | bigint }[]>`
    SELECT m."id", r."size"
    FROM "Message" m
    JOIN "RawMessage" r ON r."id" = m."rawMessageId"
    WHERE ${where(options)}
    ORDER BY m."id"
    LIMIT ${options.limit}`;
  return rows.map((r) => ({ id: Number(r.id), size: Number(r.size) }));
}

/**
 * One statement instead of Prisma's five (one per relation): this runs for every batch of the
 * ingest hot path. The folder is that of the message's first source, as it was stored first.
 */
export async function pendingMessages(db: Db, options: PendingQuery): Promise<PendingMessage[]> {
  if (options.ids?.length === 0) return [];
  const rows = await db.$queryRaw<PendingRow[]>`
    SELECT m."id", m."rawMessageId", m."stage", r."compressed", r."size",
           b."role" AS "mailboxRole", f."path" AS "folderPath", f."specialUse"
    FROM "Message" m
    JOIN "RawMessage" r ON r."id" = m."rawMessageId"
    LEFT JOIN "MessageSource" s
      ON s."id" = (SELECT MIN(s2."id") FROM "MessageSource" s2 WHERE s2."rawMessageId" = r."id")
    LEFT JOIN "MailboxFolder" f ON f."id" = s."folderId"
    LEFT JOIN "Mailbox" b ON b."id" = f."mailboxId"
    WHERE ${where(options)}
    ORDER BY m."id"
    LIMIT ${options.limit}`;
  return rows.map((r) => ({
    id: Number(r.id),
    rawMessageId: Number(r.rawMessageId),
    stage: r.stage,
    compressed: r.compressed,
    size: Number(r.size),
    mailboxRole: r.mailboxRole,
    folderPath: r.folderPath,
    specialUse: r.specialUse,
  }));
}
