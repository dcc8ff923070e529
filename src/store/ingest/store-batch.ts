/**
 * Raw first: stores fetched or imported messages, their locations, and the logical Message
 * rows in ONE transaction that also advances the folder cursor. After a crash either all of a
 * batch and its cursor are stored, or none is and the batch is fetched again; the unique keys
 * (location, import key, Message-ID dedupe key, content hash) make that second fetch a no-op.
 */
import type { MessageKey } from '../../ingest/raw/message-key.ts';
import type { Db } from '../client.ts';

export interface RawItem {
  key: MessageKey;
  compressed: Buffer;
  size: number;
  /** IMAP UID, for messages fetched from a folder */
  uid?: bigint;
  /** stable key for imported files */
  importKey?: string;
}

export interface BatchTarget {
  folderId?: number;
  uidValidity?: bigint;
  /** advance the cursor to this UID (and modseq) in the same transaction */
  cursor?: { lastUid: bigint; highestModseq?: bigint | null };
}

export interface BatchResult {
  /** Message ids created by this batch: new logical messages, to be processed */
  created: number[];
  /** locations seen before (a re-fetch after a crash or a re-import) */
  knownLocations: number;
  /** new locations of a message already stored (same Message-ID or content elsewhere) */
  duplicates: number;
}

export async function storeRawBatch(
  db: Db,
  target: BatchTarget,
  items: RawItem[],
  now: Date,
): Promise<BatchResult> {
  return db.$transaction(
    async (tx) => {
      const result: BatchResult = { created: [], knownLocations: 0, duplicates: 0 };
      for (const item of items) {
        const known =
          item.importKey !== undefined
            ? await tx.messageSource.findUnique({
                where: { importKey: item.importKey },
                select: { id: true },
              })
            : await tx.messageSource.findFirst({
                where: {
                  folderId: target.folderId ?? null,
                  uidValidity: target.uidValidity ?? null,
                  uid: item.uid ?? null,
                },
                select: { id: true },
              });
        if (known) {
          result.knownLocations++;
          continue;
        }
        const raw =
          (await tx.rawMessage.findUnique({ where: { sha256: item.key.sha256 }, select: { id: true } })) ??
          (await tx.rawMessage.create({
            data: { sha256: item.key.sha256, size: item.size, compressed: new Uint8Array(item.compressed) },
            select: { id: true },
          }));
        await tx.messageSource.create({
          data: {
            rawMessageId: raw.id,
            folderId: target.folderId ?? null,
            uidValidity: target.uidValidity ?? null,
            uid: item.uid ?? null,
            importKey: item.importKey ?? null,
          },
        });
        const existing = await tx.message.findUnique({
          where: { dedupeKey: item.key.dedupeKey },
          select: { id: true },
        });
        if (existing) {
          result.duplicates++;
          continue;
        }
        const message = await tx.message.create({
          data: {
            dedupeKey: item.key.dedupeKey,
            rawMessageId: raw.id,
            messageId: item.key.messageId,
            stageEnteredAt: now,
          },
          select: { id: true },
        });
        result.created.push(message.id);
      }
      if (target.folderId !== undefined && target.cursor) {
        // Only ever forward: a slower concurrent writer must not move the cursor back.
        await tx.mailboxFolder.updateMany({
          where: {
            id: target.folderId,
            uidValidity: target.uidValidity ?? null,
            lastUid: { lt: target.cursor.lastUid },
          },
          data: { lastUid: target.cursor.lastUid },
        });
        await tx.mailboxFolder.update({
          where: { id: target.folderId },
          data: {
            lastSyncAt: now,
            ...(target.cursor.highestModseq != null ? { highestModseq: target.cursor.highestModseq } : {}),
          },
        });
      }
      return result;
    },
    { timeout: 120_000, maxWait: 60_000 },
  );
}
