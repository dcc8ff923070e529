/**
 * Which stored raw mails are new logical messages. The dedupe key is the Message-ID (or, without
 * one, the content hash): a second copy of a mail (another folder, a refetch) is a duplicate.
 * But a different mail can reuse a Message-ID (form scripts and mailers that write a fixed
 * one): under the key alone it was stored raw and never processed. A mail whose origin (sender
 * and Date, originOf) differs from the stored mail's under the same key gets a key of its own,
 * so it is processed; its own copies then meet that key and are duplicates again.
 */
import { decompressRaw } from '../../ingest/raw/compress.ts';
import { originOf, reusedIdKey } from '../../ingest/raw/message-key.ts';
import type { Tx } from '../leads/upsert-lead.ts';
import type { RawItem } from './store-batch.ts';

const sameOrigin = (a: string | null | undefined, b: string | null) => a == null || b === null || a === b;

/**
 * The origins of the stored messages under these keys, in one statement. A raw mail is read
 * only for a key that is found: in a backfill, hardly ever.
 */
async function storedOrigins(tx: Tx, keys: string[]): Promise<Map<string, string | null>> {
  if (keys.length === 0) return new Map();
  const rows = await tx.message.findMany({
    where: { dedupeKey: { in: keys } },
    select: { dedupeKey: true, raw: { select: { compressed: true, size: true } } },
  });
  return new Map(rows.map((r) => [r.dedupeKey, originOf(decompressRaw(r.raw.compressed, r.raw.size))]));
}

export async function newMessages(
  tx: Tx,
  fresh: readonly RawItem[],
): Promise<{ created: Map<string, RawItem>; duplicates: number }> {
  const created = new Map<string, RawItem>();
  let duplicates = 0;
  // Each mail's own key too: a mail stored under a key of its own stays there, even if the mail
  // that held its Message-ID first is gone (forgotten on erasure).
  const ownKeys = new Map(
    fresh.flatMap((i) => (i.key.messageId === null ? [] : [[i, reusedIdKey(i.key)] as const])),
  );
  const stored = await storedOrigins(tx, [
    ...new Set([...fresh.map((i) => i.key.dedupeKey), ...ownKeys.values()]),
  ]);
  const reused: { key: string; item: RawItem }[] = [];
  for (const item of fresh) {
    const key = item.key.dedupeKey;
    const taken = stored.has(key) ? stored.get(key) : created.get(key)?.key.origin;
    // undefined for a mail without a Message-ID, whose key is its content hash
    const own = ownKeys.get(item);
    if (own !== undefined && stored.has(own)) duplicates++;
    else if (!stored.has(key) && !created.has(key)) created.set(key, item);
    else if (own === undefined || sameOrigin(taken, item.key.origin)) duplicates++;
    else reused.push({ key: own, item });
  }
  for (const { key, item } of reused) {
    if (created.has(key)) duplicates++;
    else created.set(key, item);
  }
  return { created, duplicates };
}
