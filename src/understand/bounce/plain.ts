/**
 * Failed recipients of non-standard (plain-text) bounces: qmail, Exim, Postfix and
 * Sendmail bodies, Exchange/Outlook and Gmail notices, Chinese providers. Each MTA dialect
 * names the failed address in a recognisable place; when none matches, the addresses left
 * in the notice after removing the mail system's and the sender's own are taken, and as a
 * last resort the To of the returned original message.
 */
import type { ParsedMail } from '../../ingest/mail.ts';
import { matchesOf } from '../matches.ts';
import { addressesIn, isSystemAddress, normaliseAddress } from './addresses.ts';
import { ANCHORED_PATTERNS, LIST_INTRODUCTIONS } from './patterns.ts';
import { returnedMessageText, withoutReturnedMessage } from './text.ts';

export interface PlainRecipient {
  recipient: string;
  /** "(expanded from <x>)", "(generated from x)": the address the sender used. */
  originalRecipient: string | null;
  /** The lines that describe this recipient's failure. */
  context: string;
}

/**
 * Header-like lines whose addresses are senders, ids or the original message's header
 * summary ("To: ... Subject: ... Sent: ..."), not a failed recipient as such.
 */
const NON_RECIPIENT_LINE =
  /^\s*(?:>+\s*)?(?:from|to|cc|subject|date|sent|return-path|reply-to|sender|message-id|in-reply-to|references|received|reporting-mta|x-postfix-sender|envelope-from|x-[a-z0-9-]+|mail from|>>> mail from|arrival-date|sent by|sender address)\s*:/i;

function ownAddresses(mail: ParsedMail): Set<string> {
  const own = new Set<string>();
  for (const a of [mail.from, mail.sender, ...mail.to, ...mail.cc, ...mail.replyTo]) {
    if (a?.address) own.add(a.address);
  }
  return own;
}

function unique(addresses: Array<string | null>): string[] {
  const out: string[] = [];
  for (const a of addresses) if (a && !out.includes(a)) out.push(a);
  return out;
}

/** Addresses named by MTA-specific phrasing (see patterns.ts). */
function anchored(notice: string): string[] {
  const found: Array<string | null> = [];
  for (const pattern of ANCHORED_PATTERNS) {
    for (const m of matchesOf(pattern, notice)) found.push(normaliseAddress(m[1] ?? ''));
  }
  return unique(found).filter((a) => !/^(?:mailer-daemon|mail-daemon)@/.test(a));
}

/**
 * A list line: the address first ("user@example.com", "<user@example.com>: reason",
 * "'user@example.com' on 4/29/2010"), or alone after a display name
 * ("Jane Doe (jane@example.com)").
 */
const LIST_ITEM = [
  /^([ \t]*)(?:[-*•][ \t]*)?['"<]?([^\s'"<>()[\]:]+@[^\s'"<>()[\]:,;]+?)['">]?(?=[\s:,;]|$)/,
  /^([ \t]*)[^@:\n]{1,60}?[(<]([^\s'"<>()[\]:]+@[^\s'"<>()[\]:,;]+?)[)>][ \t]*$/,
];

function listItem(line: string): { indent: number; address: string | null } | null {
  for (const item of LIST_ITEM) {
    const m = item.exec(line);
    if (m) return { indent: m[1]!.replace(/\t/g, '        ').length, address: normaliseAddress(m[2]!) };
  }
  return null;
}

function indentOf(line: string): number {
  return (/^[ \t]*/.exec(line)?.[0] ?? '').replace(/\t/g, '        ').length;
}

/**
 * Lists introduced by a sentence ("The following address(es) failed:", "did not reach
 * the following recipient(s):"). Items sit at the indentation of the first one; more
 * indented lines are details (which may quote other addresses, such as the sender's),
 * and a less indented line ends the list.
 */
function listed(notice: string): string[] {
  const found: Array<string | null> = [];
  for (const intro of LIST_INTRODUCTIONS) {
    for (const m of matchesOf(intro, notice)) {
      const lines = notice.slice((m.index ?? 0) + m[0].length).split('\n');
      let indent: number | null = null;
      for (const line of lines.slice(0, 80)) {
        if (line.trim() === '' || /^\s*[-=*_]{3,}/.test(line)) {
          if (/^\s*[-=*_]{3,}/.test(line) && indent !== null) break;
          continue;
        }
        const item = listItem(line);
        if (indent === null) {
          if (!item) break;
          indent = item.indent;
        }
        if (indentOf(line) < indent) break;
        if (item && item.indent === indent) found.push(item.address);
      }
    }
  }
  return unique(found);
}

/** Lines that hold nothing but an address: "user@example.com", "<user@example.com>:". */
function loneAddressLines(notice: string): string[] {
  const found: Array<string | null> = [];
  for (const m of matchesOf(/^[ \t]*['"<]?([^\s<>'"]+@[^\s<>'"]+?)['">]?:?[ \t]*$/gm, notice)) {
    found.push(normaliseAddress(m[1]!));
  }
  return unique(found);
}

function mentioned(notice: string): string[] {
  const kept = notice
    .split('\n')
    .filter((line) => !NON_RECIPIENT_LINE.test(line))
    .join('\n');
  return addressesIn(kept);
}

function failedRecipientsHeader(mail: ParsedMail): string[] {
  // Exim names the failed addresses in X-Failed-Recipients.
  return (mail.headers['x-failed-recipients'] ?? []).flatMap((v) => addressesIn(v));
}

/**
 * AOL names its own failed members by screen name only ("Your mail to the following
 * recipients could not be delivered ...:" then a tab and the name): they are @aol.com.
 */
function aolScreenNames(mail: ParsedMail, notice: string): string[] {
  if (!/@aol\.com$/.test(mail.from?.address ?? '')) return [];
  const m =
    /following recipients could not be delivered[^\n]*:[ \t]*\n((?:[ \t]+[A-Za-z0-9._-]+[ \t]*\n?)+)/i.exec(
      notice,
    );
  if (!m) return [];
  return m[1]!
    .split('\n')
    .map((name) => name.trim().toLowerCase())
    .filter((name) => name !== '')
    .map((name) => `${name}@aol.com`);
}

/** The To of the returned original message, when it names exactly one address. */
function returnedTo(mail: ParsedMail, text: string): string[] {
  const original = returnedMessageText(mail, text);
  const to = /^To:[ \t]*(.*(?:\n[ \t]+.*)*)/im.exec(original);
  const addresses = to ? addressesIn(to[1]!) : [];
  return addresses.length === 1 ? addresses : [];
}

/** The paragraph around one mention of an address (and the next one if it stands alone). */
function paragraphAt(notice: string, lower: string, at: number, address: string, others: string[]): string {
  // From the start of the line: Sendmail puts the reply code before the address.
  const start = lower.lastIndexOf('\n', at) + 1;
  let end = Math.min(notice.length, at + 700);
  for (const other of others) {
    if (other === address || other.includes(address)) continue;
    const next = lower.indexOf(other, at + address.length);
    if (next > 0 && next < end) end = lower.lastIndexOf('\n', next) + 1 || next;
  }
  const paragraphs = notice.slice(start, end).split(/\n[ \t]*\n/);
  const first = paragraphs[0] ?? '';
  const enough = first.replace(address, '').replace(/[\s<>:;,'"()]/g, '').length > 12;
  return enough ? first : paragraphs.slice(0, 2).join('\n');
}

/**
 * The lines that describe one recipient: the paragraph of each mention of it (Exchange
 * names the address again next to the remote server's code), up to the next recipient.
 */
function contextOf(notice: string, address: string, others: string[]): string {
  const lower = notice.toLowerCase();
  const parts: string[] = [];
  for (let at = lower.indexOf(address); at >= 0 && parts.length < 4; at = lower.indexOf(address, at + 1)) {
    const part = paragraphAt(notice, lower, at, address, others);
    if (!parts.some((p) => p.includes(part))) parts.push(part);
  }
  return parts.length > 0 ? parts.join('\n') : notice;
}

/** Postfix "(expanded from <x>)", Sendmail "(expanded from: x)", Exim "generated from x". */
function expandedFrom(context: string, recipient: string): string | null {
  const m = /\((?:ultimately )?(?:expanded|generated) from:?\s*<?([^\s<>()]+@[^\s<>()]+?)>?\)/i.exec(context);
  const original = m ? normaliseAddress(m[1]!) : null;
  return original && original !== recipient ? original : null;
}

export function plainRecipients(mail: ParsedMail, text: string): PlainRecipient[] {
  const notice = withoutReturnedMessage(text);
  const own = ownAddresses(mail);
  const notOwn = (a: string): boolean => !isSystemAddress(a) && !own.has(a);
  // Transcripts may quote the sender ("553 <sales@...>... sender rejected"); the bounce's
  // own addresses count only when nothing else is named (a mail sent to oneself).
  const othersFirst = (found: string[]): string[] => {
    const others = found.filter((a) => !own.has(a));
    return others.length > 0 ? others : found;
  };
  const strategies: Array<() => string[]> = [
    () => othersFirst(anchored(notice)),
    () => othersFirst(listed(notice)),
    () => failedRecipientsHeader(mail),
    () => aolScreenNames(mail, notice),
    () => loneAddressLines(notice).filter((a) => !own.has(a) && !/^(?:mailer-daemon)@/.test(a)),
    // Free-floating mentions are a guess; a notice naming many addresses (directory
    // suggestions, list addresses) gives no safe answer, and a wrong recipient would mark
    // the wrong contact as bounced.
    () => {
      const mentions = mentioned(notice).filter(notOwn);
      return mentions.length <= 2 ? mentions : [];
    },
    () => returnedTo(mail, text).filter(notOwn),
  ];
  for (const strategy of strategies) {
    const found = strategy();
    if (found.length > 0) {
      return found.map((recipient) => {
        const context = contextOf(notice, recipient, found);
        return { recipient, originalRecipient: expandedFrom(context, recipient), context };
      });
    }
  }
  return [];
}
