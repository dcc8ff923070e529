/**
 * The readable text of a notification: the plain body (or the HTML body flattened when a
 * mailer sent HTML only, as Exchange and Gmail often do), plus any message/delivery-status
 * part that mailparser kept as an attachment instead of inlining it.
 */
import type { ParsedMail } from '../../ingest/mail.ts';
import { toLf } from '../../mail/line-breaks.ts';

const ENTITIES: Record<string, string> = {
  nbsp: ' ',
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  '#39': "'",
};

export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|head)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/(?:p|div|tr|li|h[1-6]|table|blockquote)>/gi, '\n')
    .replace(/<(?:td|th)\b[^>]*>/gi, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => {
      const lower = name.toLowerCase();
      if (ENTITIES[lower] !== undefined) return ENTITIES[lower];
      if (lower.startsWith('#x')) return String.fromCodePoint(Number.parseInt(lower.slice(2), 16));
      if (lower.startsWith('#')) return String.fromCodePoint(Number.parseInt(lower.slice(1), 10));
      return whole;
    })
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n');
}

/** The human-readable body: text part, or the flattened HTML when the text part is empty. */
export function bodyText(mail: ParsedMail): string {
  const text = toLf(mail.text);
  if (text.trim() !== '') return text;
  return mail.html ? htmlToText(mail.html) : '';
}

/** RFC 3464 / RFC 6533 machine-readable report parts kept as attachments. */
export function deliveryStatusParts(mail: ParsedMail): string[] {
  return mail.attachments
    .filter((a) => /^message\/(?:global-)?delivery-status$/.test(a.contentType) && a.content)
    .map((a) => toLf(a.content!.toString('utf8')));
}

/**
 * Lines that introduce the returned original message in plain-text bounces. Text after
 * them is the sender's own mail, whose addresses must not be taken for failed recipients.
 */
export const RETURNED_MESSAGE_MARKERS: readonly RegExp[] = [
  /^-+ ?This is a copy of the message/im,
  /^\s*-+ ?(?:Original|Returned|Unsent|Undelivered|Rejected) (?:message|mail)\b.*(?:follows|below)?/im,
  /^-+ ?Below this line is a copy of the message/im,
  /^-+ ?The (?:header|headers) of the original message/im,
  /^-+ ?(?:Original|Returned) message headers?\b/im,
  /^-+ ?Message header follows/im,
  /^-+ ?Start of (?:returned|original) message/im,
  /^-+ ?(?:Original|Returned) (?:message|mail) -+/im,
  /^\s*Original message follows\.?\s*$/im,
  /^\s*-+ ?Original message ?-+\s*$/im,
  /^Content-Type: message\/rfc822/im,
  /^Content-Type: text\/rfc822-headers?/im,
  /^\s*The original message was:?\s*$/im,
  /^\s*Original message:?\s*$/im,
  /^\s*-+ ?Message body follows/im,
  /^--- Below this line is a copy of the message/im,
  /^\s*-+\s*原(?:始)?邮件\s*-*/m,
  /^\s*Below is a copy of the original message/im,
  /^\|?-+ ?Message text follows/im,
  /^.{0,40}lines of (?:your|the) original message follow/im,
  /^\s*Message headers follow/im,
  /^\s*(?:The )?(?:original|returned) message (?:headers? )?(?:is|are|was|were|follows?)? ?(?:attached|included|below|follows?)/im,
  /^\s*-+ ?(?:The )?(?:original|returned|attached) message/im,
];

/**
 * The markers as one alternation. Its leftmost match is the earliest of the markers' own first
 * matches, so it finds the same cut; but it stops there, where each marker on its own read the
 * text to its end: the returned message, often most of a bounce, was read 23 times over.
 * Case-insensitivity changes nothing for the one marker written without it (CJK and dashes).
 */
const RETURNED_MESSAGE = new RegExp(RETURNED_MESSAGE_MARKERS.map((m) => `(?:${m.source})`).join('|'), 'im');

/** `text` up to the first returned-message marker (or whole when there is none). */
export function withoutReturnedMessage(text: string): string {
  const m = RETURNED_MESSAGE.exec(text);
  return m ? text.slice(0, m.index) : text;
}

/**
 * The returned original message: a message/rfc822 part, or the text after the first
 * returned-message marker of a plain-text bounce.
 */
export function returnedMessageText(mail: ParsedMail, text: string): string {
  const part = mail.attachments.find((a) => /^message\/(?:rfc822|global)$/.test(a.contentType) && a.content);
  if (part?.content && part.content.length > 0) return toLf(part.content.toString('utf8'));
  return text.slice(withoutReturnedMessage(text).length);
}

/** Everything a bounce detector reads: body text plus report parts. */
export function notificationText(mail: ParsedMail): string {
  return [bodyText(mail), ...deliveryStatusParts(mail)].join('\n\n');
}
