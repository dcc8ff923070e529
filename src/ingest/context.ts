/**
 * Builds the pure stages' context: the static part from config (our domains and addresses,
 * drop boxes, catalogue), the per-batch part from the store (which Message-IDs are ours, what
 * we sent to whom), so classification never queries the database itself.
 */
import type { Config } from '../config/schema.ts';
import type { MailboxRole } from '../domain/types.ts';
import type { Db } from '../store/client.ts';
import { ourMessageIds, sentThreadsTo } from '../store/ingest/our-mail.ts';
import type { UnderstandContext } from '../understand/context.ts';
import { normaliseSubject } from '../understand/reply-match.ts';
import { headerBlock, rawHeader } from './raw/message-key.ts';
import type { PipelineContext } from './stages/types.ts';

export function staticUnderstandContext(config: Config): UnderstandContext {
  const mailboxAddresses = config.mailboxes.map((m) => m.address);
  return {
    ourDomains: [...config.company.domains],
    ourAddresses: [
      ...new Set([
        ...config.company.addresses,
        ...mailboxAddresses,
        ...config.salespeople.map((s) => s.email),
      ]),
    ],
    dropboxAddresses: config.mailboxes.filter((m) => m.role === 'dropbox').map((m) => m.address),
    mailboxRole: null,
    catalogue: {
      products: config.catalogue.products.map((p) => ({ name: p.name, synonyms: [...p.synonyms] })),
      related: [...config.catalogue.related],
    },
    isOurMessageId: () => false,
    findSentThread: () => null,
    blacklist: [...config.blacklist],
  };
}

const ID = /<[^<>\s]+>/g;

/**
 * What the per-batch look-ups know, as plain data (no functions), so it can cross to a worker
 * thread by structured clone and be turned into the look-up functions there.
 */
export interface LookupData {
  /** The Message-IDs of the batch's In-Reply-To/References that are ours. */
  ourMessageIds: string[];
  /** `${to}\n${normalised subject}` -> the Message-ID we sent, first (newest) one per key. */
  sentThreads: [key: string, messageId: string][];
}

export type Lookups = Pick<UnderstandContext, 'isOurMessageId' | 'findSentThread'>;

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

/** The look-up functions the pure stages call, over data from batchLookupData. */
export function lookupsFrom(data: LookupData): Lookups {
  const ours = new Set(data.ourMessageIds);
  const byKey = new Map<string, string>();
  for (const [key, messageId] of data.sentThreads) if (!byKey.has(key)) byKey.set(key, messageId);
  return {
    isOurMessageId: (id) => ours.has(id),
    findSentThread: (buyer, subject) => byKey.get(`${buyer.toLowerCase()}\n${subject}`) ?? null,
  };
}

/** The per-batch look-ups, prepared from the raw headers of the batch. */
export async function batchLookups(db: Db, raws: Buffer[]): Promise<Lookups> {
  return lookupsFrom(await batchLookupData(db, raws));
}

/** A Sent folder is, for classification, a drop box of our own outbound mail. */
export function roleForFolder(role: string | null, specialUse: string | null): MailboxRole | null {
  if (specialUse === '\\Sent') return 'dropbox';
  return role === 'inquiries' || role === 'dropbox' || role === 'salesperson' ? role : null;
}

export function pipelineContext(
  base: UnderstandContext,
  lookups: Lookups,
  role: MailboxRole | null,
  now: Date,
): PipelineContext {
  return { now, mailboxRole: role, understand: { ...base, ...lookups, mailboxRole: role } };
}
