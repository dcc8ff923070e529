/**
 * Finds everything the store holds about one person (GDPR art. 15/17, CCPA access and
 * deletion requests), keyed on their email address: their lead, every raw mail they sent,
 * received or are copied on (found by reading every stored raw message, so mail that was never
 * linked to the lead and quarantined mail are found too), our outbound mail to them or
 * mentioning them, and audit entries that name them.
 */
import { createHash } from 'node:crypto';
import { TrademailError } from '../errors.ts';
import { decompressRaw } from '../ingest/raw/compress.ts';
import { parseStage } from '../ingest/stages/parse.ts';
import type { Db } from '../store/client.ts';

export interface PersonKey {
  /** lowercased address */
  address: string;
  /** the lead's name, if the store knows one */
  name: string | null;
}

export interface Located {
  key: PersonKey;
  leadId: number | null;
  companyId: number | null;
  /** raw messages that contain the address anywhere (headers or body) or belong to the lead */
  rawMessageIds: number[];
  /** outbound mails to the person, or of their lead or its enrollments */
  ownOutboundIds: number[];
  /** other outbound mails whose bytes or subject mention them (e.g. a weekly report to a salesperson) */
  mentioningOutboundIds: number[];
  /** audit rows whose target or details mention the address or name */
  auditIds: number[];
}

const ADDRESS = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const BATCH = 200;

export function normaliseAddress(email: string): string {
  const address = email.trim().toLowerCase();
  if (!ADDRESS.test(address)) throw new TrademailError('USAGE', `"${email}" is not an email address`);
  return address;
}

/** What the audit log keeps instead of the address: its SHA-256, so the erasure can be proven later. */
export function addressHash(address: string): string {
  return createHash('sha256').update(address, 'utf8').digest('hex');
}

/** True when the text mentions the person: the address anywhere, the name as whole words. */
export function mentions(text: string, key: PersonKey): boolean {
  const lower = text.toLowerCase();
  if (lower.includes(key.address)) return true;
  return key.name !== null && key.name.trim().length >= 3 && lower.includes(key.name.trim().toLowerCase());
}

/**
 * Everything a reader sees in a message, decoded: bodies may be base64 or quoted-printable (a
 * soft line break can split an address) and header words RFC 2047-encoded, so the bytes alone
 * can hide a name or an address.
 */
export async function decodedText(raw: Buffer): Promise<string> {
  const mail = await parseStage(raw);
  const people = [mail.from, mail.sender, ...mail.replyTo, ...mail.to, ...mail.cc]
    .filter((p) => p !== null)
    .map((p) => `${p.name} <${p.address}>`);
  const headers = Object.entries(mail.headers).map(([k, v]) => `${k}: ${v.join(' ')}`);
  return [mail.subject, ...people, ...headers, mail.text, mail.html ?? ''].join('\n');
}

/** The raw bytes first (cheap), then the decoded message. */
export async function rawMentions(raw: Buffer, key: PersonKey, byName: boolean): Promise<boolean> {
  const probe = { address: key.address, name: byName ? key.name : null };
  if (mentions(raw.toString('latin1'), probe) || mentions(raw.toString('utf8'), probe)) return true;
  try {
    return mentions(await decodedText(raw), probe);
  } catch {
    // Unparseable mail was already searched byte for byte above.
    return false;
  }
}

async function rawMessagesMentioning(db: Db, key: PersonKey): Promise<number[]> {
  const found: number[] = [];
  let afterId = 0;
  for (;;) {
    const rows = await db.rawMessage.findMany({
      where: { id: { gt: afterId } },
      orderBy: { id: 'asc' },
      take: BATCH,
      select: { id: true, compressed: true },
    });
    if (rows.length === 0) break;
    for (const r of rows) {
      // Addresses compare case-insensitively in practice (RFC 5321 2.4 leaves the local part to the host).
      if (await rawMentions(decompressRaw(r.compressed), key, false)) found.push(r.id);
    }
    afterId = rows.at(-1)!.id;
    if (rows.length < BATCH) break;
  }
  return found;
}

export async function locatePerson(db: Db, email: string): Promise<Located> {
  const address = normaliseAddress(email);
  const lead = await db.lead.findUnique({ where: { email: address } });
  const key: PersonKey = { address, name: lead?.name ?? null };
  const linked = await db.message.findMany({
    where: { OR: [{ fromAddress: address }, ...(lead ? [{ leadId: lead.id }] : [])] },
    select: { rawMessageId: true },
  });
  const scanned = await rawMessagesMentioning(db, key);
  const rawMessageIds = [...new Set([...linked.map((m) => m.rawMessageId), ...scanned])].sort(
    (a, b) => a - b,
  );

  const own = await db.outboundMail.findMany({
    where: {
      OR: [
        { toAddress: address },
        ...(lead ? [{ leadId: lead.id }, { enrollment: { is: { leadId: lead.id } } }] : []),
      ],
    },
    select: { id: true },
  });
  const ownIds = new Set(own.map((o) => o.id));
  const mentioning: number[] = [];
  let afterId = 0;
  for (;;) {
    const rows = await db.outboundMail.findMany({
      where: { id: { gt: afterId } },
      orderBy: { id: 'asc' },
      take: BATCH,
      select: { id: true, subject: true, raw: true },
    });
    if (rows.length === 0) break;
    for (const r of rows) {
      if (ownIds.has(r.id)) continue;
      const hit =
        mentions(r.subject, key) || (r.raw !== null && (await rawMentions(Buffer.from(r.raw), key, true)));
      if (hit) mentioning.push(r.id);
    }
    afterId = rows.at(-1)!.id;
    if (rows.length < BATCH) break;
  }

  const audit = await db.auditLog.findMany({ select: { id: true, target: true, details: true } });
  const auditIds = audit.filter((a) => mentions(`${a.target}\n${a.details ?? ''}`, key)).map((a) => a.id);
  return {
    key,
    leadId: lead?.id ?? null,
    companyId: lead?.companyId ?? null,
    rawMessageIds,
    ownOutboundIds: [...ownIds].sort((a, b) => a - b),
    mentioningOutboundIds: mentioning,
    auditIds,
  };
}
