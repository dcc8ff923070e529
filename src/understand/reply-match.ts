/**
 * Matching an inbound mail to a thread we started. First by header (RFC 5322 §3.6.4:
 * In-Reply-To and References carry the Message-IDs of the mails replied to); then, for the
 * clients that drop those headers (some webmail and mobile clients, QQ/163 in plain mode),
 * by sender plus the subject with its reply/forward prefixes removed.
 */
import type { ParsedMail } from '../ingest/mail.ts';
import type { UnderstandContext } from './context.ts';

/** Reply prefixes in the languages our buyers' clients use ("RE :" is French Outlook). */
const REPLY_PREFIX =
  /^(?:re|aw|antw|antwort|sv|vs|res|r|odp|ynt|yan[ıi]t|отв|ответ|رد|回复|回覆|答复|答覆|réf|ref)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]/iu;
const FORWARD_PREFIX =
  /^(?:fwd?|wg|tr|enc|rv|i|doorst|vb|pd|İlt|пересл|转发|轉寄|转寄|fw)\s*(?:\[\d+\])?\s*[:：]/iu;
/** Tags that gateways prepend: "[EXTERNAL]", "[SPAM?]", "【外部邮件】". */
const TAG_PREFIX = /^(?:\[[^\]]{1,30}\]|【[^】]{1,20}】)/u;

/** True when the subject starts (after gateway tags) with a reply prefix. */
export function hasReplyPrefix(subject: string): boolean {
  let s = subject.trim();
  while (TAG_PREFIX.test(s)) s = s.replace(TAG_PREFIX, '').trim();
  return REPLY_PREFIX.test(s);
}

/** The subject without any stack of reply/forward prefixes and gateway tags, lowercased. */
export function normaliseSubject(subject: string): string {
  let s = subject.normalize('NFKC').trim();
  for (;;) {
    const next = s.replace(TAG_PREFIX, '').replace(REPLY_PREFIX, '').replace(FORWARD_PREFIX, '').trim();
    if (next === s) break;
    s = next;
  }
  return s.replace(/\s+/g, ' ').toLowerCase();
}

export interface ReplyMatch {
  /** The Message-ID of our mail that this one answers. */
  messageId: string;
  via: 'header' | 'subject';
}

/** Finds the mail of ours this message replies to, or null. */
export function matchReply(mail: ParsedMail, ctx: UnderstandContext): ReplyMatch | null {
  // In-Reply-To names the direct parent; References is oldest-first, so the newest of ours wins.
  const candidates = [mail.inReplyTo, ...[...mail.references].reverse()];
  for (const id of candidates) {
    if (id && ctx.isOurMessageId(id)) return { messageId: id, via: 'header' };
  }
  const sender = mail.from?.address;
  if (!sender || !hasReplyPrefix(mail.subject)) return null;
  const found = ctx.findSentThread(sender, normaliseSubject(mail.subject));
  return found ? { messageId: found, via: 'subject' } : null;
}
