/**
 * The schema on both databases: migrations apply to an empty database and are idempotent,
 * IMAP numbers keep their full unsigned 32-bit range, and the unique keys that carry
 * idempotency refuse duplicates.
 */
import { describe, expect, it } from 'vitest';
import { parseDatabaseUrl } from '../../src/store/database-url.ts';
import { applyMigrations, readMigrations } from '../../src/store/migrate.ts';
import { testDatabases } from '../helpers/db.ts';
import { useStore } from '../helpers/store-hooks.ts';

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: string }).code === 'P2002';
}

for (const make of testDatabases()) {
  const database = make();
  describe(`store schema on ${database.name}`, () => {
    const store = useStore(database);

    it('applies every committed migration once; a second run applies nothing', async () => {
      const target = parseDatabaseUrl(database.url);
      const again = await applyMigrations(target);
      expect(again.applied).toEqual([]);
      expect(again.alreadyApplied).toBe(readMigrations(target.provider).length);
      const [a, b] = await Promise.all([applyMigrations(target), applyMigrations(target)]);
      expect([...a.applied, ...b.applied]).toEqual([]);
    });

    it('keeps UIDVALIDITY and UIDs up to 2^32-1 and HIGHESTMODSEQ beyond 2^53', async () => {
      const mailbox = await store.db.mailbox.create({ data: { name: 'big', role: 'inquiries' } });
      const folder = await store.db.mailboxFolder.create({
        data: {
          mailboxId: mailbox.id,
          path: 'INBOX',
          uidValidity: 4294967295n,
          lastUid: 4294967294n,
          highestModseq: 9007199254740993n,
        },
      });
      const read = await store.db.mailboxFolder.findUniqueOrThrow({ where: { id: folder.id } });
      expect(read.uidValidity).toBe(4294967295n);
      expect(read.lastUid).toBe(4294967294n);
      expect(read.highestModseq).toBe(9007199254740993n);
    });

    it('refuses a second copy of the same IMAP location, Message-ID dedupe key, and live enrollment', async () => {
      const mailbox = await store.db.mailbox.create({ data: { name: 'dup', role: 'inquiries' } });
      const folder = await store.db.mailboxFolder.create({
        data: { mailboxId: mailbox.id, path: 'INBOX', uidValidity: 7n },
      });
      const raw = await store.db.rawMessage.create({
        data: { sha256: 'a'.repeat(64), size: 3, compressed: new Uint8Array([1, 2, 3]) },
      });
      const location = { rawMessageId: raw.id, folderId: folder.id, uidValidity: 7n, uid: 1n };
      await store.db.messageSource.create({ data: location });
      await expect(store.db.messageSource.create({ data: location })).rejects.toSatisfy(isUniqueViolation);

      await store.db.message.create({ data: { dedupeKey: '<m1@x>', rawMessageId: raw.id } });
      const raw2 = await store.db.rawMessage.create({
        data: { sha256: 'b'.repeat(64), size: 3, compressed: new Uint8Array([4]) },
      });
      await expect(
        store.db.message.create({ data: { dedupeKey: '<m1@x>', rawMessageId: raw2.id } }),
      ).rejects.toSatisfy(isUniqueViolation);

      const lead = await store.db.lead.create({ data: { email: 'buyer@example.de' } });
      const sequence = await store.db.sequence.create({ data: { name: 'prospecting', definition: '{}' } });
      const liveKey = `${lead.id}:${sequence.id}`;
      await store.db.enrollment.create({ data: { leadId: lead.id, sequenceId: sequence.id, liveKey } });
      await expect(
        store.db.enrollment.create({ data: { leadId: lead.id, sequenceId: sequence.id, liveKey } }),
      ).rejects.toSatisfy(isUniqueViolation);
      // Ended enrollments release the key (NULL is never equal to NULL in a unique index).
      await store.db.enrollment.create({
        data: { leadId: lead.id, sequenceId: sequence.id, liveKey: null, state: 'stopped' },
      });
      await store.db.enrollment.create({
        data: { leadId: lead.id, sequenceId: sequence.id, liveKey: null, state: 'completed' },
      });
      expect(await store.db.enrollment.count({ where: { leadId: lead.id } })).toBe(3);
    });

    it('sends each SLA notification level and each enrollment step at most once', async () => {
      const lead = await store.db.lead.create({ data: { email: 'once@example.ae' } });
      const raw = await store.db.rawMessage.create({
        data: { sha256: 'c'.repeat(64), size: 1, compressed: new Uint8Array([0]) },
      });
      const message = await store.db.message.create({ data: { dedupeKey: '<q@x>', rawMessageId: raw.id } });
      const inquiry = await store.db.inquiry.create({
        data: { messageId: message.id, leadId: lead.id, kind: 'inquiry', receivedAt: new Date() },
      });
      await store.db.slaNotification.create({ data: { inquiryId: inquiry.id, level: 'reminder' } });
      await expect(
        store.db.slaNotification.create({ data: { inquiryId: inquiry.id, level: 'reminder' } }),
      ).rejects.toSatisfy(isUniqueViolation);
      const sequence = await store.db.sequence.create({ data: { name: 'once', definition: '{}' } });
      const enrollment = await store.db.enrollment.create({
        data: { leadId: lead.id, sequenceId: sequence.id },
      });
      const mail = (n: number) => ({
        idempotencyKey: `enrollment:${enrollment.id}:0:${n}`,
        enrollmentId: enrollment.id,
        stepPosition: 0,
        kind: 'sequence',
        fromAddress: 'anna@example.com',
        toAddress: 'once@example.ae',
        subject: 'LED panels for your projects',
        messageId: `<step-${n}@example.com>`,
      });
      await store.db.outboundMail.create({ data: mail(1) });
      await expect(store.db.outboundMail.create({ data: mail(2) })).rejects.toSatisfy(isUniqueViolation);
    });

    it("reads each company's latest owned lead from an index, not from the company's leads", async () => {
      // The ingest asks this once per batch (sla/open-inquiry-batch.ts). Answered from the rows,
      // its cost grew with every lead a company had: 0.8 ms a batch at first, 19 ms after
      // 30,000 inquiries from 50 companies.
      const latest =
        'SELECT "companyId", MAX("assignedAt"), COUNT("assignedAt"), COUNT(*) FROM "Lead" ' +
        'WHERE "companyId" IN (1, 2) AND "ownerId" IS NOT NULL GROUP BY "companyId"';
      const plan =
        database.name === 'sqlite'
          ? await store.db.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${latest}`)
          : await store.db.$transaction(async (tx) => {
              // An empty table is read whole whatever its indexes: ask for the plan with an index.
              await tx.$executeRawUnsafe('SET LOCAL enable_seqscan = off');
              return tx.$queryRawUnsafe<{ 'QUERY PLAN': string }[]>(`EXPLAIN ${latest}`);
            });
      const text = plan.map((row) => Object.values(row).join(' ')).join('\n');
      expect(text).toContain('Lead_companyId_ownerId_assignedAt_idx');
      // SQLite's plan says whether the rows themselves are read at all.
      if (database.name === 'sqlite') expect(text).toMatch(/COVERING INDEX/);
    });
  });
}
