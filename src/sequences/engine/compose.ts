/**
 * Builds the exact RFC 5322 bytes of a step with nodemailer's MailComposer. The bytes are stored
 * in the outbox and handed to SMTP unchanged, so what the buyer gets, what the Sent folder keeps
 * and what a crash check searches for are the same message with the same Message-ID.
 */
import { randomUUID } from 'node:crypto';
import { TrademailError } from '../../errors.ts';
import { mailComposer } from '../../lazy-packages.ts';

/** A fresh Message-ID on the sender's own domain (RFC 5322 3.6.4: globally unique, right side a domain). */
export function newMessageId(senderAddress: string): string {
  const domain = senderAddress.split('@')[1]?.trim().toLowerCase();
  if (!domain) {
    throw new TrademailError('USAGE', `sender address "${senderAddress}" has no domain for the Message-ID`);
  }
  return `<${randomUUID()}@${domain}>`;
}

/** "Re: <subject>" for a reply, without stacking prefixes ("Re: Re: ..."). */
export function replySubject(subject: string): string {
  return /^re:/i.test(subject.trim()) ? subject.trim() : `Re: ${subject.trim()}`;
}

/** RFC 5322 3.6.4: a reply's References are the parent's References followed by the parent's Message-ID. */
export function replyReferences(parent: { messageId: string; references: readonly string[] }): string[] {
  return [...parent.references.filter((r) => r !== parent.messageId), parent.messageId];
}

export interface ComposeInput {
  from: { name: string | null; address: string };
  to: { name: string | null; address: string };
  subject: string;
  text: string;
  html: string | null;
  messageId: string;
  inReplyTo: string | null;
  references: readonly string[];
  date: Date;
  headers: Record<string, string>;
}

const person = (p: { name: string | null; address: string }) =>
  p.name ? { name: p.name, address: p.address } : p.address;

export async function composeMessage(input: ComposeInput): Promise<Buffer> {
  const composer = new (mailComposer())({
    from: person(input.from),
    to: person(input.to),
    subject: input.subject,
    text: input.text,
    ...(input.html === null ? {} : { html: input.html }),
    messageId: input.messageId,
    ...(input.inReplyTo === null ? {} : { inReplyTo: input.inReplyTo }),
    ...(input.references.length === 0 ? {} : { references: [...input.references] }),
    date: input.date,
    headers: input.headers,
  });
  return composer.compile().build();
}
