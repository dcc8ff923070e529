/**
 * The plain-data shape of a parsed message that flows through the pure middle of the
 * ingest pipeline (classify, extract, rank). Built once by the parse stage from mailparser's
 * output; no Buffers except attachment content, no class instances, so stages are easy to
 * test from fixture .eml files and to serialise.
 */
export interface MailAddress {
  /** Lowercased address, or '' when the header had only a display name. */
  address: string;
  name: string;
}

export interface MailAttachment {
  filename: string | null;
  contentType: string;
  size: number;
  /** message/rfc822 attachments are kept so forwarded-as-attachment mail can be unwrapped. */
  content: Buffer | null;
}

export interface ParsedMail {
  messageId: string | null;
  inReplyTo: string | null;
  references: string[];
  subject: string;
  date: Date | null;
  from: MailAddress | null;
  sender: MailAddress | null;
  replyTo: MailAddress[];
  to: MailAddress[];
  cc: MailAddress[];
  /** All headers, lowercased names, each value as the decoded string(s) in order. */
  headers: Record<string, string[]>;
  /** Top-level Content-Type, lowercased, without parameters (e.g. 'multipart/report'). */
  contentType: string;
  /** Report type parameter for multipart/report (RFC 6522), e.g. 'delivery-status'. */
  reportType: string | null;
  text: string;
  /** HTML body when present (as sent: untrusted). */
  html: string | null;
  attachments: MailAttachment[];
}
