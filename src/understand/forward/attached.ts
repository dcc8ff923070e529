/**
 * Forward as attachment: the original travels as a message/rfc822 part (RFC 2046 section
 * 5.2.1), e.g. Outlook's "Forward as Attachment" or Thunderbird's "Forward As > Attachment".
 * The part's bytes are parsed with the same parse stage as any inbound mail.
 */
import type { MailAttachment, ParsedMail } from '../../ingest/mail.ts';
import { parseStage } from '../../ingest/stages/parse.ts';
import type { ForwardedOriginal } from './types.ts';

export function forwardedAttachment(mail: ParsedMail): MailAttachment | null {
  return mail.attachments.find((a) => a.contentType === 'message/rfc822' && a.content !== null) ?? null;
}

/** Parses the first attached message; a malformed one throws PARSE_FAILED (from parseStage). */
export async function readAttachedForward(mail: ParsedMail): Promise<ForwardedOriginal | null> {
  const attachment = forwardedAttachment(mail);
  if (!attachment?.content) return null;
  const inner = await parseStage(attachment.content);
  return {
    from: inner.from,
    to: inner.to,
    cc: inner.cc,
    subject: inner.subject === '' ? null : inner.subject,
    // The parse stage decodes the Date header; an unreadable one is kept as written.
    date: inner.date ? inner.date.toISOString() : (inner.headers['date']?.[0] ?? null),
    body: inner.text.trim(),
    via: 'attachment',
  };
}
