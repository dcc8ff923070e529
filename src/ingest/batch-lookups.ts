/**
 * Reads from the store what a batch's raw headers could refer to: which of the Message-IDs in
 * In-Reply-To/References are ours, and what we sent to each sender. Kept apart from context.ts,
 * which the understanding worker loads, so that the worker never loads the store's client.
 */
import type { Db } from '../store/client.ts';
import { ourMessageIds, sentThreadsTo } from '../store/ingest/our-mail.ts';
import { normaliseSubject } from '../understand/reply-match.ts';
import { type LookupData, type Lookups, lookupsFrom } from './context.ts';
import { headerBlock, rawHeader } from './raw/message-key.ts';

const ID = /<[^<>\s]+>/g;

/** Reads from the store what the batch's raw headers could refer to. */
export async function batchLookupData(db: Db, raws: Buffer[]): Promise<LookupData> {
  const ids: string[] = [];
  const senders: string[] = [];
  for (const raw of raws) {
    const block = headerBlock(raw);
    for (const h of ['in-reply-to', 'references']) ids.push(...(rawHeader(block, h)?.match(ID) ?? []));
    const from = rawHeader(block, 'from')?.match(/[^\s<>"]+@[^\s<>"]+/)?.[0];
    if (from) senders.push(from.toLowerCase());
  }
  const [ours, threads] = await Promise.all([ourMessageIds(db, ids), sentThreadsTo(db, senders)]);
  const byKey = new Map<string, string>();
  for (const t of threads) {
    const key = `${t.to}\n${normaliseSubject(t.subject)}`;
    if (!byKey.has(key)) byKey.set(key, t.messageId);
  }
  return { ourMessageIds: [...ours], sentThreads: [...byKey] };
}

/** The per-batch look-ups, prepared from the raw headers of the batch. */
export async function batchLookups(db: Db, raws: Buffer[]): Promise<Lookups> {
  return lookupsFrom(await batchLookupData(db, raws));
}
