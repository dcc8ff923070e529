/**
 * The original message found inside a forward: who really wrote it (the buyer, not the
 * salesperson who forwarded it), to whom, and what it said.
 */
import type { MailAddress } from '../../ingest/mail.ts';

export interface ForwardedOriginal {
  /** Original sender; `address` is '' when the forward shows only a display name. */
  from: MailAddress | null;
  to: MailAddress[];
  cc: MailAddress[];
  subject: string | null;
  /** The date as the forwarding client printed it (localised, not parsed). */
  date: string | null;
  /** The original message's text, trimmed. A nested forward inside it is left in place. */
  body: string;
  via: 'inline' | 'attachment';
}

export type InlineOriginal = Omit<ForwardedOriginal, 'via'>;

export interface InlineForward {
  /** What the forwarder wrote above the forwarded message, trimmed, or null. */
  note: string | null;
  original: InlineOriginal;
  /** Character offset of the forward's separator (or header) in the normalised text. */
  offset: number;
}
