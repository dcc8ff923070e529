/**
 * Spam and fraud signals for inbound mail. Each detector adds a named signal; `isSpam` is true
 * when any strong signal fires. 'supplier_solicitation' is weak: someone selling to us is not
 * fraud, the classifier files it as 'other'. Real buyers must pass: a PDF drawing, a link to
 * their own website or a "purchase order" mentioned in passing are not signals.
 */
import { getDomain } from 'tldts';
import type { ParsedMail } from '../../ingest/mail.ts';
import { isBlacklisted, type UnderstandContext } from '../context.ts';
import { lookalikePlatform } from '../platform/domains.ts';
import { isDeceptive, type Link, LOGIN_PATH, linksOf } from './links.ts';
import {
  ADVANCE_FEE,
  ARCHIVE_EXTENSION,
  BUYER_ASK,
  DANGEROUS_EXTENSION,
  DOUBLE_EXTENSION,
  ORDER_LURE,
  PAGE_EXTENSION,
  PHISHING,
  SEO_SOLICITATION,
  SUPPLIER_INTRO,
} from './patterns.ts';

export type SpamSignal =
  | 'phishing'
  | 'deceptive_link'
  | 'lookalike_platform'
  | 'dangerous_attachment'
  | 'po_scam'
  | 'advance_fee'
  | 'seo_solicitation'
  | 'supplier_solicitation'
  | 'spoofed_sender'
  | 'blacklisted';

export interface SpamVerdict {
  isSpam: boolean;
  signals: SpamSignal[];
}

const WEAK: ReadonlySet<SpamSignal> = new Set(['supplier_solicitation']);

/**
 * How many of the patterns match the text, counting no further than `enough`: each pattern
 * scans the whole text, and a long mail's text is most of the cost of this module.
 */
function hits(patterns: readonly RegExp[], text: string, enough = Number.POSITIVE_INFINITY): number {
  let found = 0;
  for (const p of patterns) if (p.test(text) && ++found >= enough) break;
  return found;
}

function senderDomain(mail: ParsedMail): string | null {
  const address = mail.from?.address ?? '';
  return address.includes('@') ? getDomain(address.slice(address.lastIndexOf('@') + 1)) : null;
}

/** A login-looking link on a domain unrelated to the sender's. */
function foreignLoginLink(links: readonly Link[], domain: string | null): boolean {
  return links.some((l) => l.domain !== null && l.domain !== domain && LOGIN_PATH.test(l.href));
}

/** RFC 8601 Authentication-Results recorded by our own MX: DMARC failed for the From domain. */
function dmarcFailed(mail: ParsedMail): boolean {
  return (mail.headers['authentication-results'] ?? []).some((v) => /\bdmarc=fail\b/i.test(v));
}

function attachmentSignals(
  mail: ParsedMail,
  all: string,
  links: readonly Link[],
  domain: string | null,
): SpamSignal[] {
  const names = mail.attachments.map((a) => (a.filename ?? '').toLowerCase()).filter(Boolean);
  const dangerous = names.some((n) => DANGEROUS_EXTENSION.test(n) || DOUBLE_EXTENSION.test(n));
  const carrier = names.some((n) => ARCHIVE_EXTENSION.test(n) || PAGE_EXTENSION.test(n));
  const out: SpamSignal[] = [];
  if (dangerous) out.push('dangerous_attachment');
  const lureCarrier = dangerous || carrier || foreignLoginLink(links, domain);
  if (lureCarrier && hits(ORDER_LURE, all, 1) > 0) out.push('po_scam');
  return out;
}

/**
 * @param text the message text (whole body; phishing does not hide in quoted history)
 */
export function detectSpam(mail: ParsedMail, text: string, ctx: UnderstandContext): SpamVerdict {
  const signals: SpamSignal[] = [];
  const all = `${mail.subject}\n${text}`;
  const links = linksOf(mail);
  const domain = senderDomain(mail);

  const htmlAttachment = mail.attachments.some((a) => PAGE_EXTENSION.test(a.filename ?? ''));
  // A real platform or IT notice links to its own domain; a harvester to somewhere else.
  const foreignLink = links.some((l) => l.domain !== null && l.domain !== domain);
  if ((foreignLink || htmlAttachment) && hits(PHISHING, all, 1) > 0) signals.push('phishing');
  if (links.some(isDeceptive)) signals.push('deceptive_link');
  const imitated =
    lookalikePlatform(mail.from?.address) ??
    mail.replyTo.map((r) => lookalikePlatform(r.address)).find((p) => p !== null) ??
    links.map((l) => (l.hostname ? lookalikePlatform(l.hostname) : null)).find((p) => p !== null) ??
    null;
  if (imitated) signals.push('lookalike_platform');
  signals.push(...attachmentSignals(mail, all, links, domain));
  if (hits(ADVANCE_FEE, all, 2) >= 2) signals.push('advance_fee');
  if (hits(SEO_SOLICITATION, all, 2) >= 2) signals.push('seo_solicitation');
  else if (hits(SUPPLIER_INTRO, all, 2) >= 2 && hits(BUYER_ASK, all, 1) === 0)
    signals.push('supplier_solicitation');
  if (dmarcFailed(mail)) signals.push('spoofed_sender');
  const addresses = [mail.from?.address, mail.sender?.address, ...mail.replyTo.map((r) => r.address)];
  if (addresses.some((a) => isBlacklisted(ctx, a))) signals.push('blacklisted');
  return { isSpam: signals.some((s) => !WEAK.has(s)), signals };
}
