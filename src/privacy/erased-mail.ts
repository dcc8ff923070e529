/**
 * Mail of an erased person must not come back. Erasure deletes the stored mail but not the
 * mailbox's copy on the IMAP server, so a UIDVALIDITY resync (or an import of an old export)
 * fetches it again. The processor asks here, per batch, which of the addresses a mail names
 * (in its headers or its text) were erased, and forgets such a mail again if it is dated
 * before the erasure; mail the person writes after it is a new contact and is processed as
 * usual.
 */
import type { ParsedMail } from '../ingest/mail.ts';
import { matchInAddressRuns } from '../mail/address-runs.ts';
import type { Db } from '../store/client.ts';
import { inChunks } from '../store/in-chunks.ts';

/** An address written in text (a body, a quoted header block, a subject). */
const ADDRESS_IN_TEXT = /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/gi;

/**
 * Every address the mail names: in its headers, in its subject and body (erasure deleted mail
 * that mentions the person anywhere, see erase.ts), and the buyer it was understood to be from.
 */
export function addressesOf(mail: ParsedMail, leadEmail: string | null | undefined): string[] {
  const named = [mail.from, mail.sender, ...mail.replyTo, ...mail.to, ...mail.cc].flatMap((a) =>
    a?.address ? [a.address.toLowerCase()] : [],
  );
  const written = [mail.subject, mail.text].flatMap((t) =>
    matchInAddressRuns(t, ADDRESS_IN_TEXT).map((a) => a.toLowerCase()),
  );
  return [...new Set([...named, ...written, ...(leadEmail ? [leadEmail.toLowerCase()] : [])])];
}

/** The erased addresses among `addresses`, with when each was erased. */
export async function erasedAmong(db: Db, addresses: readonly string[]): Promise<Map<string, Date>> {
  const rows = await inChunks(addresses, (slice) =>
    db.suppression.findMany({
      where: { reason: 'erasure', address: { in: slice } },
      select: { address: true, createdAt: true },
    }),
  );
  return new Map(rows.map((r) => [r.address, r.createdAt]));
}

/** True when the mail names an erased person and was written before their erasure. */
export function predatesErasure(
  addresses: readonly string[],
  sentAt: Date,
  erased: ReadonlyMap<string, Date>,
): boolean {
  return addresses.some((a) => {
    const at = erased.get(a);
    return at !== undefined && sentAt.getTime() <= at.getTime();
  });
}

/** Forgets a stored mail again: its raw bytes, locations, message row and quarantine entry. */
export async function forgetMail(db: Db, rawMessageId: number): Promise<void> {
  await db.rawMessage.deleteMany({ where: { id: rawMessageId } });
}
