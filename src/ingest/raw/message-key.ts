/**
 * Identity of a raw message, computed from bytes without a full MIME parse so it can be
 * stored (raw first) before anything that might fail looks at it.
 *
 * dedupeKey: the Message-ID (RFC 5322 3.6.4) when present, else "sha256:<content hash>". Two
 * copies of one mail (INBOX and the drop box, or before and after a UIDVALIDITY reset) share
 * it, so the mail is processed once. A different mail under a stored mail's Message-ID gets a
 * key of its own (reusedIdKey), so it is processed too.
 */
import { createHash } from 'node:crypto';

export function sha256(raw: Buffer): string {
  return createHash('sha256').update(raw).digest('hex');
}

/** The header block: everything before the first empty line (CRLF or bare LF). */
export function headerBlock(raw: Buffer): string {
  const limit = Math.min(raw.length, 256 * 1024);
  let end = limit;
  for (let i = 0; i < limit - 1; i++) {
    if (raw[i] === 0x0a && (raw[i + 1] === 0x0a || (raw[i + 1] === 0x0d && raw[i + 2] === 0x0a))) {
      end = i;
      break;
    }
  }
  return raw.subarray(0, end).toString('latin1');
}

/** Reads one header, unfolding continuation lines (RFC 5322 2.2.3). */
export function rawHeader(block: string, name: string): string | null {
  const re = new RegExp(`^${name}[ \\t]*:(.*(?:\\r?\\n[ \\t].*)*)`, 'im');
  const m = re.exec(block);
  return m ? m[1]!.replace(/\r?\n[ \t]+/g, ' ').trim() : null;
}

/** The sender's address as the From header writes it, before any parse (null: none). */
export function rawFromAddress(block: string): string | null {
  return rawHeader(block, 'from')?.match(/[^\s<>"]+@[^\s<>"]+/)?.[0] ?? null;
}

export function extractMessageId(raw: Buffer): string | null {
  return messageIdOf(headerBlock(raw));
}

/** The Message-ID of a header block (headerBlock), as the store keeps it. */
export function messageIdOf(block: string): string | null {
  const value = rawHeader(block, 'message-id');
  if (!value) return null;
  const bracketed = /<[^<>\s]+>/.exec(value);
  if (bracketed) return bracketed[0];
  // Some senders omit the angle brackets; keep a bare token that looks like an id.
  const bare = /^[^\s<>]+@[^\s<>]+$/.exec(value);
  return bare ? `<${bare[0]}>` : null;
}

export interface MessageKey {
  sha256: string;
  messageId: string | null;
  dedupeKey: string;
  /** Who wrote it when (originOf): tells a copy of a mail from another mail under its Message-ID. */
  origin: string | null;
}

export function messageKey(raw: Buffer): MessageKey {
  const hash = sha256(raw);
  // Every fetched mail comes through here: its header block is found once.
  const block = headerBlock(raw);
  const messageId = messageIdOf(block);
  return { sha256: hash, messageId, dedupeKey: messageId ?? `sha256:${hash}`, origin: originIn(block) };
}

/**
 * The sender's address and the moment in the Date header. Copies of one mail (the INBOX's and
 * the drop box's, a Sent copy, a refetch after a UIDVALIDITY reset) differ in their trace
 * headers but share both. A different mail that reuses a Message-ID, as some form scripts and
 * mailers do, almost never does. Null when the mail has neither.
 */
export function originOf(raw: Buffer): string | null {
  return originIn(headerBlock(raw));
}

function originIn(block: string): string | null {
  const from = rawFromAddress(block)?.toLowerCase() ?? '';
  // The header's own text: relays never rewrite it, and a parse would read a Date without a
  // zone in the process's time zone, so that two hosts would disagree on the key.
  const date = (rawHeader(block, 'date') ?? '').replace(/\s+/g, ' ');
  return from === '' && date === '' ? null : `${from} ${date}`;
}

/** The dedupe key of a mail that reuses a stored mail's Message-ID: its own, by origin. */
export function reusedIdKey(key: MessageKey): string {
  return `${key.dedupeKey}#${sha256(Buffer.from(key.origin ?? '')).slice(0, 16)}`;
}
