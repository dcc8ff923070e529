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
import { headerBlock, messageIdOf, rawFromAddress, rawHeader } from './raw/message-key.ts';

const ID = /<[^<>\s]+>/g;

/**
 * Where our own sent mail in the batch is, to count it in the look-ups: a history export or a
 * drop box batch can hold a mail and the buyer's reply to it together, and the reply answers
 * mail not stored yet. Ours as we sent it: from one of our addresses, where our sent mail is
 * logged (a Sent folder, the drop box, an imported history: the roles classified as drop box).
 */
export interface OwnMailInBatch {
  ctx: Pick<UnderstandContext, 'ourAddresses' | 'dropboxAddresses' | 'ourDomains'>;
  /** each raw's mailbox role, in the order of `raws` */
  roles: readonly (MailboxRole | null)[];
}

/** Reads from the store what the batch's raw headers could refer to. */
export async function batchLookupData(db: Db, raws: Buffer[], own?: OwnMailInBatch): Promise<LookupData> {
  const ids: string[] = [];
  const senders: string[] = [];
  const sentInBatch: string[] = [];
  raws.forEach((raw, i) => {
    const block = headerBlock(raw);
    for (const h of ['in-reply-to', 'references']) ids.push(...(rawHeader(block, h)?.match(ID) ?? []));
    const from = rawFromAddress(block);
    if (from) senders.push(from.toLowerCase());
    if (own && own.roles[i] === 'dropbox' && isOurAddress(own.ctx, from)) {
      const id = messageIdOf(block);
      if (id) sentInBatch.push(id);
    }
  });
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

/** The per-batch look-ups, prepared from the raw headers of the batch. */
export async function batchLookups(db: Db, raws: Buffer[]): Promise<Lookups> {
  return lookupsFrom(await batchLookupData(db, raws));
}
