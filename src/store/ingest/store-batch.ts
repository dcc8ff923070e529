/**
 * Raw first: stores fetched or imported messages, their locations, and the logical Message
 * rows in ONE transaction that also advances the folder cursor. After a crash either all of a
 * batch and its cursor are stored, or none is and the batch is fetched again; the unique keys
 * (location, import key, Message-ID dedupe key, content hash) make that second fetch a no-op.
 *
 * Set-based: a handful of queries per batch, not per message (a backfill stores thousands).
 */
import { compressRaw } from '../../ingest/raw/compress.ts';
import { type MessageKey, messageKey } from '../../ingest/raw/message-key.ts';
import { insertRows, insertRowsReturning } from '../bulk-insert.ts';
import type { Db } from '../client.ts';
import { transaction } from '../direct-sqlite.ts';
import { retryOnWriteConflict } from '../write-conflicts.ts';
import { newMessages } from './new-messages.ts';

export interface RawItem {
  key: MessageKey;
  compressed: Buffer;
  size: number;
  /** IMAP UID, for messages fetched from a folder */
  uid?: bigint;
  /** stable key for imported files */
  importKey?: string;
}

/** `raw` as the batch store takes it, found at `location`: a folder UID or an import key. */
export function rawItem(raw: Buffer, location: Pick<RawItem, 'uid' | 'importKey'>): RawItem {
  return { key: messageKey(raw), compressed: compressRaw(raw), size: raw.length, ...location };
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

function locationKey(item: { uid?: bigint | null; importKey?: string | null }): string {
  return item.importKey ? `i:${item.importKey}` : `u:${String(item.uid)}`;
}

/** Runs of a batch that another writer's rows may fail; each finds more of them stored. */
const CONFLICT_ATTEMPTS = 3;

/**
 * On PostgreSQL two transactions may store the same mail at once: two watched mailboxes that
 * both received it (same Message-ID), or two processes on one folder. Each reads that the mail
 * is new, and the unique index then fails the one that inserts second, once the first has
 * committed (a deadlock between them fails one the same way). The failed batch was rolled
 * back whole, so it is simply run again: it now finds the other's rows and counts the mail as
 * a duplicate, as it would have a moment later. SQLite runs one transaction at a time.
 */
export async function storeRawBatch(
  db: Db,
  target: BatchTarget,
  items: RawItem[],
  now: Date,
): Promise<BatchResult> {
  return retryOnWriteConflict(() => storeRawBatchOnce(db, target, items, now), CONFLICT_ATTEMPTS);
}

function storeRawBatchOnce(db: Db, target: BatchTarget, items: RawItem[], now: Date): Promise<BatchResult> {
  return transaction(
    db,
    async (tx) => {
      const result: BatchResult = { created: [], knownLocations: 0, duplicates: 0 };
      const importKeys = items.flatMap((i) => (i.importKey ? [i.importKey] : []));
      const uids = items.flatMap((i) => (i.uid !== undefined ? [i.uid] : []));
      const known = new Set(
        (
          await tx.messageSource.findMany({
            where: {
              OR: [
                ...(importKeys.length ? [{ importKey: { in: importKeys } }] : []),
                ...(uids.length
                  ? [
                      {
                        folderId: target.folderId ?? null,
                        uidValidity: target.uidValidity ?? null,
                        uid: { in: uids },
                      },
                    ]
                  : []),
              ],
            },
            select: { uid: true, importKey: true },
          })
        ).map(locationKey),
      );
      const fresh: RawItem[] = [];
      const seenInBatch = new Set<string>();
      for (const item of items) {
        const k = locationKey(item);
        if (known.has(k) || seenInBatch.has(k)) result.knownLocations++;
        else {
          seenInBatch.add(k);
          fresh.push(item);
        }
      }
      if (fresh.length > 0) {
        const hashes = [...new Set(fresh.map((i) => i.key.sha256))];
        const rawIds = new Map(
          (
            await tx.rawMessage.findMany({
              where: { sha256: { in: hashes } },
              select: { id: true, sha256: true },
            })
          ).map((r) => [r.sha256, r.id]),
        );
        const newRaws = new Map<string, RawItem>();
        for (const i of fresh)
          if (!rawIds.has(i.key.sha256) && !newRaws.has(i.key.sha256)) newRaws.set(i.key.sha256, i);
        if (newRaws.size > 0) {
          const created = await insertRowsReturning<{ id: number; sha256: string }>(
            tx,
            'RawMessage',
            [...newRaws.values()].map((i) => ({
              sha256: i.key.sha256,
              size: i.size,
              compressed: new Uint8Array(i.compressed),
            })),
            ['id', 'sha256'],
            { stamp: ['createdAt'] },
          );
          for (const r of created) rawIds.set(r.sha256, r.id);
        }
        await insertRows(
          tx,
          'MessageSource',
          fresh.map((i) => ({
            rawMessageId: rawIds.get(i.key.sha256)!,
            folderId: target.folderId ?? null,
            uidValidity: target.uidValidity ?? null,
            uid: i.uid ?? null,
            importKey: i.importKey ?? null,
          })),
          { stamp: ['seenAt'] },
        );
        const { created: logical, duplicates } = await newMessages(tx, fresh);
        result.duplicates += duplicates;
        if (logical.size > 0) {
          // One logical message per raw: two dedupe keys can share a raw only if the bytes are
          // identical, and identical bytes have identical keys.
          const created = await insertRowsReturning<{ id: number }>(
            tx,
            'Message',
            [...logical].map(([dedupeKey, i]) => ({
              dedupeKey,
              rawMessageId: rawIds.get(i.key.sha256)!,
              messageId: i.key.messageId,
              stageEnteredAt: now,
            })),
            ['id'],
            { stamp: ['createdAt'] },
          );
          result.created.push(...created.map((m) => m.id).sort((a, b) => a - b));
        }
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
