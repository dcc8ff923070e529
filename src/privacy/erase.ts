/**
 * `trademail privacy erase <email>`: removes the person's personal data and raw mail from every
 * table (GDPR art. 17, CCPA deletion) and keeps exactly one Suppression row (reason `erasure`)
 * so they are never mailed again. The audit row names them only by the SHA-256 of the address.
 *
 * Table by table (ERASURE_PLAN lists every model, so a new table needs a decision here):
 * raw mail that mentions the address goes with its message, sources, quarantine entry,
 * inquiry, SLA notices and timeline entries (all cascade from RawMessage); the lead goes with
 * its inquiries, activities and enrollments; our mail to them goes; our internal mail that
 * mentions them (weekly reports) keeps its outbox row, so it is not sent again, but loses its
 * bytes and has the mention cut from its subject; the company goes when no other lead uses it;
 * audit rows that name them are rewritten with the hash.
 */
import type { Prisma } from '../../generated/sqlite/client.ts';
import type { Db } from '../store/client.ts';
import { addressHash, locatePerson, type PersonKey } from './locate.ts';

/** What erasure does to each table (the test checks every model of the schema is listed). */
export const ERASURE_PLAN: Readonly<Record<Prisma.ModelName, string>> = {
  Salesperson: 'kept: our staff, not the person',
  Absence: 'kept: staff absences',
  Mailbox: 'kept: our mailboxes',
  MailboxFolder: 'kept: sync cursors',
  RawMessage: 'deleted when it mentions the address or belongs to the lead',
  MessageSource: 'deleted with its raw message',
  Message: 'deleted with its raw message',
  Quarantine: 'deleted with its raw message',
  Company: 'deleted when no other lead belongs to it',
  Lead: 'deleted',
  Inquiry: 'deleted with the lead or the message',
  SlaNotification: 'deleted with the inquiry',
  RoundRobin: 'kept: assignment rotation of our staff',
  Activity: 'deleted with the lead, the message or the outbound mail',
  Sequence: 'kept: definitions',
  SequenceStep: 'kept: definitions',
  Enrollment: 'deleted with the lead',
  OutboundMail:
    'deleted when addressed to the person; bytes dropped and subject cleaned when it mentions them',
  Suppression: 'exactly one row kept for the address, reason erasure, no detail',
  CustomerOrder: 'deleted with the company',
  ApiToken: 'kept: staff tokens',
  OAuthRefreshToken: "kept: our own mailboxes' sign-ins",
  AuditLog: 'rows naming the person rewritten with the hash; one row added for the erasure',
};

export interface ErasureReport {
  addressHash: string;
  lead: boolean;
  company: boolean;
  rawMessages: number;
  outboundMails: number;
  outboundMailsCleaned: number;
  auditRowsRewritten: number;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Replaces the address and the name (whole, case-insensitive) with the erasure mark. */
export function scrubPerson(text: string, key: PersonKey, mark: string): string {
  let out = text.replace(new RegExp(escapeRegExp(key.address), 'gi'), mark);
  if (key.name !== null && key.name.trim().length >= 3) {
    out = out.replace(new RegExp(escapeRegExp(key.name.trim()), 'gi'), mark);
  }
  return out;
}

export async function erasePerson(
  db: Db,
  email: string,
  options: { now: Date; actor: string },
): Promise<ErasureReport> {
  const found = await locatePerson(db, email);
  const { key } = found;
  const hash = addressHash(key.address);
  const mark = `[erased ${hash.slice(0, 12)}]`;
  const audits = await db.auditLog.findMany({ where: { id: { in: found.auditIds } } });
  const mentioning = await db.outboundMail.findMany({
    where: { id: { in: found.mentioningOutboundIds } },
    select: { id: true, subject: true },
  });

  return db.$transaction(
    async (tx) => {
      const report: ErasureReport = {
        addressHash: hash,
        lead: false,
        company: false,
        rawMessages: 0,
        outboundMails: 0,
        outboundMailsCleaned: 0,
        auditRowsRewritten: 0,
      };
      report.rawMessages = (
        await tx.rawMessage.deleteMany({ where: { id: { in: found.rawMessageIds } } })
      ).count;
      report.outboundMails = (
        await tx.outboundMail.deleteMany({ where: { id: { in: found.ownOutboundIds } } })
      ).count;
      for (const m of mentioning) {
        await tx.outboundMail.update({
          where: { id: m.id },
          data: { raw: null, subject: scrubPerson(m.subject, key, mark) },
        });
      }
      report.outboundMailsCleaned = mentioning.length;
      if (found.leadId !== null) {
        await tx.lead.delete({ where: { id: found.leadId } });
        report.lead = true;
      }
      if (
        found.companyId !== null &&
        (await tx.lead.count({ where: { companyId: found.companyId } })) === 0
      ) {
        await tx.company.delete({ where: { id: found.companyId } });
        report.company = true;
      }
      for (const a of audits) {
        await tx.auditLog.update({
          where: { id: a.id },
          data: {
            target: scrubPerson(a.target, key, mark),
            details: a.details === null ? null : scrubPerson(a.details, key, mark),
          },
        });
      }
      report.auditRowsRewritten = audits.length;
      // One row, whatever was there: an earlier reason's detail may quote the person's mail.
      // Its time is the erasure's: ingest forgets mail dated before it if it is fetched again.
      await tx.suppression.upsert({
        where: { address: key.address },
        create: { address: key.address, reason: 'erasure', detail: null, createdAt: options.now },
        update: { reason: 'erasure', detail: null, createdAt: options.now },
      });
      const { addressHash: _hash, ...counts } = report;
      await tx.auditLog.create({
        data: {
          actor: options.actor,
          action: 'privacy.erase',
          target: `person:sha256:${hash}`,
          details: JSON.stringify(counts),
          at: options.now,
        },
      });
      return report;
    },
    { timeout: 120_000, maxWait: 60_000 },
  );
}
