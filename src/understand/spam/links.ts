/**
 * Links in a message, with the text shown to the reader, so phishing can be recognised:
 * the shown text names one domain while the link goes to another, or a login page lives on
 * a domain unrelated to the sender.
 */
import { getDomain, getHostname } from 'tldts';
import type { ParsedMail } from '../../ingest/mail.ts';
import { matchesOf } from '../matches.ts';

export interface Link {
  href: string;
  /** Registrable domain of the target, or null for mailto:, relative or broken links. */
  domain: string | null;
  hostname: string | null;
  /** The anchor's visible text (empty for bare URLs found in plain text). */
  shown: string;
}

function linkOf(href: string, shown: string): Link {
  const hostname = /^https?:\/\//i.test(href) ? getHostname(href) : null;
  return { href, hostname, domain: hostname ? getDomain(hostname) : null, shown };
}

export function linksOf(mail: ParsedMail): Link[] {
  const out: Link[] = [];
  if (mail.html) {
    for (const m of matchesOf(/<a\b[^>]*\bhref\s*=\s*["']([^"']+)["'][^>]*>([\s\S]*?)<\/a>/gi, mail.html)) {
      out.push(linkOf(m[1]!.trim(), m[2]!.replace(/<[^>]+>/g, '').trim()));
    }
  }
  for (const m of matchesOf(/https?:\/\/[^\s<>"')\]]+/gi, mail.text)) out.push(linkOf(m[0], ''));
  return out;
}

/** A link whose visible text is itself a URL or domain on a different registrable domain. */
export function isDeceptive(link: Link): boolean {
  if (!link.domain) return false;
  const shownHost = /^(?:https?:\/\/)?(?:[a-z0-9-]+\.)+[a-z]{2,}(?:[/:?#]\S*)?$/i.test(link.shown)
    ? getHostname(link.shown.startsWith('http') ? link.shown : `http://${link.shown}`)
    : null;
  const shownDomain = shownHost ? getDomain(shownHost) : null;
  return shownDomain !== null && shownDomain !== link.domain;
}

/** Paths and words of credential pages. */
export const LOGIN_PATH =
  /(?:log-?in|sign-?in|signon|verify|verification|validate|account|webmail|owa|auth|password|secure|update-?info)/i;
