/**
 * Stage: classify (header level). Decides from headers alone what the mail is before any
 * content is read: a delivery report (RFC 3464 multipart/report), an auto-reply (RFC 3834
 * Auto-Submitted and vendor headers), a reply to one of our mails (RFC 5322 3.6.4
 * In-Reply-To/References), or a copy of our own outbound mail that reached the drop box.
 * Content-level understanding (extract stage) refines this.
 */
import { headerLevelKind } from '../../understand/autoreply/index.ts';
import { isOurAddress } from '../../understand/context.ts';
import type { ParsedMail } from '../mail.ts';
import type { HeaderClassification, PipelineContext } from './types.ts';

export function ourThreadId(mail: ParsedMail, isOurMessageId: (id: string) => boolean): string | null {
  if (mail.inReplyTo && isOurMessageId(mail.inReplyTo)) return mail.inReplyTo;
  // References lists the thread oldest first; the newest of ours is the one answered.
  for (let i = mail.references.length - 1; i >= 0; i--) {
    const id = mail.references[i]!;
    if (isOurMessageId(id)) return id;
  }
  return null;
}

export function classifyHeaders(mail: ParsedMail, ctx: PipelineContext): HeaderClassification {
  const automatic = headerLevelKind(mail);
  const inReplyTo = ourThreadId(mail, ctx.understand.isOurMessageId);
  if (automatic === 'bounce') return { kind: 'bounce', inReplyTo, reason: 'delivery status report' };
  if (automatic === 'auto_reply') return { kind: 'auto_reply', inReplyTo, reason: 'automatic reply headers' };
  const fromUs = isOurAddress(ctx.understand, mail.from?.address);
  if (fromUs && ctx.mailboxRole === 'dropbox') {
    return { kind: 'bcc_outbound', inReplyTo, reason: 'our own mail copied to the drop box' };
  }
  if (inReplyTo && !fromUs) return { kind: 'reply', inReplyTo, reason: 'answers a message we sent' };
  return { kind: 'inbound', inReplyTo, reason: 'no automatic or threading headers' };
}
