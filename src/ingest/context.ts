/**
 * Builds the pure stages' context: the static part from config (our domains and addresses,
 * drop boxes, catalogue), the per-batch part from what batch-lookups.ts read from the store
 * (which Message-IDs are ours, what we sent to whom), so classification never queries the
 * database itself. Nothing here touches the store: the understanding worker loads this module,
 * and would load Prisma's client with it.
 */
import type { Config } from '../config/schema.ts';
import type { MailboxRole } from '../domain/types.ts';
import type { UnderstandContext } from '../understand/context.ts';
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

/** The look-up functions the pure stages call, over data from batchLookupData (batch-lookups.ts). */
export function lookupsFrom(data: LookupData): Lookups {
  const ours = new Set(data.ourMessageIds);
  const byKey = new Map<string, string>();
  for (const [key, messageId] of data.sentThreads) if (!byKey.has(key)) byKey.set(key, messageId);
  return {
    isOurMessageId: (id) => ours.has(id),
    findSentThread: (buyer, subject) => byKey.get(`${buyer.toLowerCase()}\n${subject}`) ?? null,
  };
}

/** A Sent folder is, for classification, a drop box of our own outbound mail. */
export function roleForFolder(
  role: string | null,
  specialUse: string | null,
  imported = false,
): MailboxRole | null {
  // A Sent folder, and an exported mail history (an mbox of a whole mailbox holds its Sent
  // mail too), hold our own mail as we sent it: logged outbound, like a BCC to the drop box,
  // so the buyer's replies in the same history are read as replies, not as new inquiries.
  if (specialUse === '\\Sent' || imported) return 'dropbox';
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
