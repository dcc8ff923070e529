/**
 * Finding mail addresses inside bounce text. Bounce bodies are free text written by
 * hundreds of MTAs, so addresses are found by pattern and then filtered: the bounce's own
 * system addresses (MAILER-DAEMON, postmaster) and addresses inside URLs are never the
 * failed recipient.
 */
import { matchesOf } from '../matches.ts';

/**
 * A permissive addr-spec (RFC 5322 section 3.4.1 atext in the local part). The domain
 * allows '#' because some MTAs report mangled domains verbatim ("user@#example.net"), and
 * IP literals ("user@[192.0.2.1]"). Quoted local parts and the consecutive dots some
 * providers accept ("neko....nyaan"@example.org) are kept as written.
 */
const ADDRESS_SOURCE = String.raw`(?:"[^"\r\n<>@]+"|[A-Za-z0-9!#$%&'*+/=?^_\`{|}~-]+(?:\.+[A-Za-z0-9!#$%&'*+/=?^_\`{|}~-]+)*\.*)@(?:[A-Za-z0-9#](?:[A-Za-z0-9#-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+|\[[0-9.:A-Fa-f]+\])`;

const ADDRESS_PATTERN = new RegExp(ADDRESS_SOURCE);
/** The same, for scanning a whole text (matchesOf leaves its lastIndex at 0 between uses). */
const ADDRESS_SCAN = new RegExp(ADDRESS_SOURCE, 'g');

/**
 * Apostrophes and backquotes around an address are quoting, not part of the local part;
 * X.400 gateways (old Exchange) prefix the SMTP address with "SMTP=".
 */
function unquote(address: string): string {
  return address
    .replace(/^['`]+/, '')
    .replace(/^(?:smtp|rfc822)=/i, '')
    .toLowerCase();
}

/** Mailboxes of mail software itself: the senders of bounces. */
const MAIL_SYSTEM_LOCAL_PARTS =
  /^(?:mailer-daemon|post_?master|mail-daemon|maildaemon|mailerdaemon|mdaemon|double-bounce|mail\.delivery\.system)$/i;

/** Automated mailboxes that never receive mail: not a failed recipient when merely mentioned. */
const UNATTENDED_LOCAL_PARTS = /^(?:bounce|bounces|nobody|noreply|no-reply|do-not-reply|donotreply|daemon)$/i;

function localPart(address: string): string {
  return address.slice(0, address.lastIndexOf('@'));
}

export function isMailSystemAddress(address: string): boolean {
  return MAIL_SYSTEM_LOCAL_PARTS.test(localPart(address));
}

export function isSystemAddress(address: string): boolean {
  return isMailSystemAddress(address) || UNATTENDED_LOCAL_PARTS.test(localPart(address));
}

/** Lowercases and strips the wrapping that MTAs put around addresses. */
export function normaliseAddress(raw: string): string | null {
  const match = ADDRESS_PATTERN.exec(raw.replace(/^(?:rfc822|smtp|x400|unknown)\s*;\s*/i, ''));
  if (!match) return null;
  return unquote(match[0]);
}

/** Every address in `text` outside URLs, in order of appearance, without duplicates. */
export function addressesIn(text: string): string[] {
  const withoutUrls = text.replace(/\b(?:https?|ftp|mailto):[^\s<>"')]+/gi, (url) =>
    url.toLowerCase().startsWith('mailto:') ? ` ${url.slice(7)} ` : ' ',
  );
  const out: string[] = [];
  for (const m of matchesOf(ADDRESS_SCAN, withoutUrls)) {
    const address = unquote(m[0]);
    if (!out.includes(address)) out.push(address);
  }
  return out;
}
