/**
 * Quarantine: a stored raw message whose processing failed, with the stage, error code and
 * message. It is listed, counted per folder, and re-run by `trademail reprocess`; it never
 * blocks the messages behind it.
 */
import type { Db } from '../client.ts';

export interface QuarantineInput {
  rawMessageId: number;
  messageRowId: number | null;
  stage: string;
  errorCode: string;
  errorMessage: string;
}

export async function quarantine(db: Db, q: QuarantineInput, now: Date): Promise<void> {
  await db.$transaction(async (tx) => {
    await tx.quarantine.upsert({
      where: { rawMessageId: q.rawMessageId },
      create: {
        rawMessageId: q.rawMessageId,
        stage: q.stage,
        errorCode: q.errorCode,
        errorMessage: q.errorMessage.slice(0, 2000),
      },
      update: {
        stage: q.stage,
        errorCode: q.errorCode,
        errorMessage: q.errorMessage.slice(0, 2000),
        attempts: { increment: 1 },
        resolvedAt: null,
      },
    });
    if (q.messageRowId !== null) {
      await tx.message.updateMany({
        where: { id: q.messageRowId, stage: { not: 'processed' } },
        data: { stage: 'quarantined', stageEnteredAt: now },
      });
    }
  });
}

export interface QuarantineEntry {
  id: number;
  messageRowId: number | null;
  messageId: string | null;
  stage: string;
  errorCode: string;
  errorMessage: string;
  attempts: number;
  createdAt: Date;
  size: number;
}

export async function listQuarantine(
  db: Db,
  options: { includeResolved?: boolean } = {},
): Promise<QuarantineEntry[]> {
  const rows = await db.quarantine.findMany({
    where: options.includeResolved ? {} : { resolvedAt: null },
    orderBy: { id: 'asc' },
    include: { raw: { select: { size: true, message: { select: { id: true, messageId: true } } } } },
  });
  return rows.map((r) => ({
    id: r.id,
    messageRowId: r.raw.message?.id ?? null,
    messageId: r.raw.message?.messageId ?? null,
    stage: r.stage,
    errorCode: r.errorCode,
    errorMessage: r.errorMessage,
    attempts: r.attempts,
    createdAt: r.createdAt,
    size: r.raw.size,
  }));
}
