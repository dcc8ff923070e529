/**
 * `trademail privacy export <email>`: everything held about a person, as one JSON document
 * (GDPR art. 15 access, art. 20 portability; CCPA right to know). Raw mail is included decoded
 * as text, with the parsed understanding trademail took from each message.
 */
import { decompressRaw } from '../ingest/raw/compress.ts';
import { parseStage } from '../ingest/stages/parse.ts';
import type { Db } from '../store/client.ts';
import { locatePerson } from './locate.ts';

function parseJson(text: string | null): unknown {
  if (text === null || text === '') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Not every text column holds JSON (audit details written by hand): give it as it is.
    return text;
  }
}

/** BigInt (IMAP UIDs) as strings and bytes as UTF-8 text, so the document is plain JSON. */
export function toJson(value: unknown): string {
  return JSON.stringify(
    value,
    (_key, v: unknown) => {
      if (typeof v === 'bigint') return v.toString();
      if (v instanceof Uint8Array) return Buffer.from(v).toString('utf8');
      return v;
    },
    2,
  );
}

/** The message as a reader sees it; null when even mailparser cannot read it (the raw text is still there). */
async function decoded(raw: Buffer) {
  try {
    const m = await parseStage(raw);
    return {
      subject: m.subject,
      date: m.date,
      from: m.from,
      to: m.to,
      cc: m.cc,
      replyTo: m.replyTo,
      text: m.text,
    };
  } catch {
    return null;
  }
}

export async function exportPerson(db: Db, email: string, now: Date) {
  const found = await locatePerson(db, email);
  const { key, leadId } = found;
  const lead = leadId === null ? null : await db.lead.findUnique({ where: { id: leadId } });
  const company =
    lead?.companyId == null
      ? null
      : await db.company.findUnique({ where: { id: lead.companyId }, include: { orders: true } });
  const raws = await db.rawMessage.findMany({
    where: { id: { in: found.rawMessageIds } },
    orderBy: { id: 'asc' },
    include: { message: true, sources: true, quarantine: true },
  });
  const byLead = leadId === null ? { id: -1 } : { leadId };
  const [inquiries, activities, enrollments, outbound, mentioning, suppression, audit] = await Promise.all([
    db.inquiry.findMany({ where: byLead, orderBy: { id: 'asc' } }),
    db.activity.findMany({ where: byLead, orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }] }),
    db.enrollment.findMany({
      where: byLead,
      orderBy: { id: 'asc' },
      include: { sequence: { select: { name: true } } },
    }),
    db.outboundMail.findMany({ where: { id: { in: found.ownOutboundIds } }, orderBy: { id: 'asc' } }),
    db.outboundMail.findMany({ where: { id: { in: found.mentioningOutboundIds } }, orderBy: { id: 'asc' } }),
    db.suppression.findUnique({ where: { address: key.address } }),
    db.auditLog.findMany({ where: { id: { in: found.auditIds } }, orderBy: { id: 'asc' } }),
  ]);
  const messages = [];
  for (const r of raws) {
    const raw = decompressRaw(r.compressed);
    messages.push({
      rawMessageId: r.id,
      sha256: r.sha256,
      size: r.size,
      message:
        r.message === null ? null : { ...r.message, understanding: parseJson(r.message.understanding) },
      seenAt: r.sources.map((s) => ({
        folderId: s.folderId,
        uidValidity: s.uidValidity,
        uid: s.uid,
        importKey: s.importKey,
        seenAt: s.seenAt,
      })),
      quarantine: r.quarantine,
      decoded: await decoded(raw),
      raw: raw.toString('utf8'),
    });
  }
  return {
    exportedAt: now.toISOString(),
    person: key.address,
    lead,
    company,
    inquiries: inquiries.map((i) => ({
      ...i,
      products: parseJson(i.products),
      certifications: parseJson(i.certifications),
      reasons: parseJson(i.reasons),
    })),
    activities,
    messages,
    enrollments,
    outboundMails: outbound,
    /** our internal mail that mentions the person (weekly reports, SLA notices to staff) */
    mentionedInOutboundMails: mentioning.map((m) => ({
      id: m.id,
      kind: m.kind,
      subject: m.subject,
      sentAt: m.sentAt,
      raw: m.raw,
    })),
    suppression,
    auditEntries: audit.map((a) => ({ ...a, details: parseJson(a.details) })),
  };
}
