/**
 * Forward understanding: find the original message inside a forward, so the lead is the buyer
 * who wrote it and not the salesperson who forwarded it.
 *
 * `parseForward` is async because a forward-as-attachment is parsed with the parse stage
 * (mailparser). It tries the inline forward in the text first (a forwarded message may itself
 * carry an attached .eml, which is then the original's attachment, not the forward), then the
 * first message/rfc822 attachment. Nested forwards: the outermost original is returned; call
 * `parseInlineForward` on its body to go one level deeper.
 */
import type { ParsedMail } from '../../ingest/mail.ts';
import { readAttachedForward } from './attached.ts';
import { readInlineForward } from './inline.ts';
import type { ForwardedOriginal, InlineOriginal } from './types.ts';

export { parseMailbox, parseMailboxList } from './addresses.ts';
export { readInlineForward } from './inline.ts';
export type { SubjectKind } from './subject.ts';
export { stripForwardPrefix, subjectKind } from './subject.ts';
export type { ForwardedOriginal, InlineForward, InlineOriginal } from './types.ts';

/**
 * Inline forward in plain text. `subject` is the forwarding mail's subject: it fills in the
 * original subject when the header block has none (Outlook 2019 plain text), lets an unlabelled
 * header block count under "FW:" / "转发:", and a reply subject ("Re:", "回复:") means no forward.
 */
export function parseInlineForward(text: string, subject?: string): InlineOriginal | null {
  return readInlineForward(text, subject)?.original ?? null;
}

/** Throws PARSE_FAILED when an attached message/rfc822 part cannot be parsed. */
export async function parseForward(mail: ParsedMail): Promise<ForwardedOriginal | null> {
  const inline = readInlineForward(mail.text, mail.subject);
  if (inline) return { ...inline.original, via: 'inline' };
  return readAttachedForward(mail);
}
