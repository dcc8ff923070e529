/**
 * The exact RFC 5322 bytes of an internal notice, built once with its final Message-ID and
 * stored in the outbox before SMTP is called, so a retry sends the very same message.
 */
import { randomUUID } from 'node:crypto';
import { mailComposer } from '../../lazy-packages.ts';
import type { RenderedMail } from '../../templates/types.ts';

export interface NoticeMail {
  readonly from: { name: string; address: string };
  readonly to: { name: string; address: string };
  readonly messageId: string;
  readonly date: Date;
  readonly rendered: Pick<RenderedMail, 'subject' | 'text' | 'html'>;
}

/** RFC 5322 3.6.4: unique, with our sending domain on the right. */
export function noticeMessageId(from: string): string {
  return `<notice.${randomUUID()}@${from.slice(from.lastIndexOf('@') + 1)}>`;
}

export async function composeNotice(mail: NoticeMail): Promise<Buffer> {
  const composer = new (mailComposer())({
    from: { name: mail.from.name, address: mail.from.address },
    to: { name: mail.to.name, address: mail.to.address },
    subject: mail.rendered.subject,
    text: mail.rendered.text,
    html: mail.rendered.html,
    messageId: mail.messageId,
    date: mail.date,
    // RFC 3834: automatic notices must not trigger auto-replies.
    headers: { 'Auto-Submitted': 'auto-generated', 'X-Auto-Response-Suppress': 'All' },
  });
  return composer.compile().build();
}
