/**
 * What the understanding stage needs to know about "us": our domains and addresses (to tell
 * our own salespeople from buyers), the CRM dropbox addresses (for BCC logging), the role of
 * the mailbox the message arrived in, the product catalogue (for grading), the blacklist of
 * problem buyers, and two look-ups into the outbox so replies can be matched to what we sent.
 *
 * Plain data plus two pure look-up functions; the caller builds it from config and the store.
 */
import type { MailboxRole } from '../domain/types.ts';
import type { Catalogue } from './extract/index.ts';

export interface UnderstandContext {
  /** Registrable domains we send from, e.g. 'brightlux-lighting.com' (subdomains count as ours). */
  ourDomains: string[];
  /** Individual addresses that are ours even on foreign domains (a salesperson's Gmail). */
  ourAddresses: string[];
  /** Addresses salespeople BCC or forward to so that mail gets logged. */
  dropboxAddresses: string[];
  mailboxRole: MailboxRole | null;
  catalogue: Catalogue;
  /** True when the Message-ID (with angle brackets) is one we sent. */
  isOurMessageId: (id: string) => boolean;
  /**
   * For clients that drop In-Reply-To/References: the Message-ID of the mail we sent to this
   * buyer under this normalised subject (see normaliseSubject), or null.
   */
  findSentThread: (buyerEmail: string, normalisedSubject: string) => string | null;
  /** Blacklisted buyers: full addresses or domains (lowercase). */
  blacklist: string[];
}

export function emptyContext(): UnderstandContext {
  return {
    ourDomains: [],
    ourAddresses: [],
    dropboxAddresses: [],
    mailboxRole: null,
    catalogue: { products: [], related: [] },
    isOurMessageId: () => false,
    findSentThread: () => null,
    blacklist: [],
  };
}

function domainOf(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? '' : address.slice(at + 1).toLowerCase();
}

function withinDomain(domain: string, parent: string): boolean {
  const p = parent.toLowerCase();
  return domain === p || domain.endsWith(`.${p}`);
}

/** True when the address is one of ours: a listed address or any address on one of our domains. */
export function isOurAddress(
  ctx: Pick<UnderstandContext, 'ourAddresses' | 'dropboxAddresses' | 'ourDomains'>,
  address: string | null | undefined,
): boolean {
  if (!address) return false;
  const a = address.toLowerCase();
  if (ctx.ourAddresses.some((o) => o.toLowerCase() === a)) return true;
  if (ctx.dropboxAddresses.some((o) => o.toLowerCase() === a)) return true;
  const d = domainOf(a);
  return d !== '' && ctx.ourDomains.some((o) => withinDomain(d, o));
}

/** True when the address, or its domain (or a parent domain), is on the blacklist. */
export function isBlacklisted(ctx: UnderstandContext, address: string | null | undefined): boolean {
  if (!address) return false;
  const a = address.toLowerCase();
  const d = domainOf(a);
  return ctx.blacklist.some((entry) => {
    const e = entry.toLowerCase().replace(/^@/, '');
    return e.includes('@') ? e === a : d !== '' && withinDomain(d, e);
  });
}

/** Envelope headers that name the mailbox a message was delivered to (BCC leaves no trace in To/Cc). */
const ENVELOPE_HEADERS = [
  'delivered-to',
  'x-original-to',
  'envelope-to',
  'x-envelope-to',
  'x-rcpt-to',
  'x-forwarded-to',
];

/**
 * True when the message was delivered to one of our dropbox addresses: it is read from a dropbox
 * mailbox, names the dropbox in To/Cc, or the receiving MTA recorded it as the envelope
 * recipient (Delivered-To, X-Original-To, or "for <...>" in Received, RFC 5321 §4.4).
 */
export function reachedDropbox(
  mail: { to: { address: string }[]; cc: { address: string }[]; headers: Record<string, string[]> },
  ctx: UnderstandContext,
): boolean {
  if (ctx.mailboxRole === 'dropbox') return true;
  const dropbox = new Set(ctx.dropboxAddresses.map((a) => a.toLowerCase()));
  if (dropbox.size === 0) return false;
  if ([...mail.to, ...mail.cc].some((a) => dropbox.has(a.address))) return true;
  const envelope = ENVELOPE_HEADERS.flatMap((h) => mail.headers[h] ?? []);
  const received = (mail.headers['received'] ?? []).map(
    (r) => /\bfor\s+<?([^\s<>;]+@[^\s<>;]+)>?/i.exec(r)?.[1] ?? '',
  );
  return [...envelope, ...received].some((v) => [...dropbox].some((d) => v.toLowerCase().includes(d)));
}
