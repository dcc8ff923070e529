/**
 * Reads from the store what a batch's raw headers could refer to: which of the Message-IDs in
 * In-Reply-To/References are ours, and what we sent to each sender. Kept apart from context.ts,
 * which the understanding worker loads, so that the worker never loads the store's client.
 */

import type { MailboxRole } from '../domain/types.ts';
import type { Db } from '../store/client.ts';
import { ourMessageIds, sentThreadsTo } from '../store/ingest/our-mail.ts';
import { isOurAddress, type UnderstandContext } from '../understand/context.ts';
import { normaliseSubject } from '../understand/reply-match.ts';
import { type LookupData, type Lookups, lookupsFrom } from './context.ts';
import { headerBlock, rawFromAddress, rawHeader } from './raw/message-key.ts';

const ID = /<[^<>\s]+>/g;

/**
 * Reads from the store what the batch's raw headers could refer to. `sentInBatch` are the
 * Message-IDs of our own mail in the batch itself (ownMailIds): a reply later in the same
 * batch answers mail that is not stored yet.
 */
export async function batchLookupData(
  db: Db,
  raws: Buffer[],
  sentInBatch: readonly string[] = [],
): Promise<LookupData> {
  const ids: string[] = [];
  const senders: string[] = [];
  for (const raw of raws) {
    const block = headerBlock(raw);
    for (const h of ['in-reply-to', 'references']) ids.push(...(rawHeader(block, h)?.match(ID) ?? []));
    const from = rawFromAddress(block);
    if (from) senders.push(from.toLowerCase());
  }
  const [ours, threads] = await Promise.all([ourMessageIds(db, ids), sentThreadsTo(db, senders)]);
  const byKey = new Map<string, string>();
  for (const t of threads) {
    const key = `${t.to}\n${normaliseSubject(t.subject)}`;
    if (!byKey.has(key)) byKey.set(key, t.messageId);
  }
  const referenced = new Set(ids);
  for (const id of sentInBatch) if (referenced.has(id)) ours.add(id);
  return { ourMessageIds: [...ours], sentThreads: [...byKey] };
}

/**
 * The Message-IDs of the batch's mail that is ours as we sent it: from one of our addresses,
 * where our sent mail is logged (a Sent folder, the drop box, an imported history: the roles
 * classified as drop box). A history export or a drop box batch can hold a mail and the
 * buyer's reply to it together.
 */
export function ownMailIds(
  ctx: Pick<UnderstandContext, 'ourAddresses' | 'dropboxAddresses' | 'ourDomains'>,
  raws: readonly Buffer[],
  roles: readonly (MailboxRole | null)[],
): string[] {
  const out: string[] = [];
  raws.forEach((raw, i) => {
    if (roles[i] !== 'dropbox') return;
    const block = headerBlock(raw);
    const from = rawFromAddress(block);
    const id = rawHeader(block, 'message-id')?.match(ID)?.[0];
    if (id && isOurAddress(ctx, from)) out.push(id);
  });
  return out;
}

/** The per-batch look-ups, prepared from the raw headers of the batch. */
export async function batchLookups(db: Db, raws: Buffer[]): Promise<Lookups> {
  return lookupsFrom(await batchLookupData(db, raws));
}
