/**
 * Privacy requests on both databases. Export gives everything held about a person; after
 * erase, no table holds their address or name (every text column of every model is read,
 * raw mail decompressed and decoded) except the one suppression entry that keeps them from
 * being mailed again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Prisma } from '../../generated/sqlite/client.ts';
import { writeAudit } from '../../src/api/audit.ts';
import { decompressRaw } from '../../src/ingest/raw/compress.ts';
import {
  addressHash,
  decodedText,
  ERASURE_PLAN,
  erasePerson,
  exportPerson,
  toJson,
} from '../../src/privacy/index.ts';
import { sendWeeklyReports } from '../../src/reports/index.ts';
import type { Db, Store } from '../../src/store/client.ts';
import { isSuppressed } from '../../src/store/suppressions.ts';
import { BUYERS, NOW, PEOPLE, type Seeded, seedConfig, seedWeek } from '../api/seed.ts';
import { testDatabases } from '../helpers/db.ts';

/** Every place a needle occurs in the store, as "Model#id.field". */
async function findEverywhere(db: Db, needles: readonly string[]): Promise<string[]> {
  const hits: string[] = [];
  const lower = needles.map((n) => n.toLowerCase());
  for (const model of Object.values(Prisma.ModelName)) {
    const delegate = (db as unknown as Record<string, { findMany(): Promise<Record<string, unknown>[]> }>)[
      model.charAt(0).toLowerCase() + model.slice(1)
    ]!;
    for (const row of await delegate.findMany()) {
      for (const [field, value] of Object.entries(row)) {
        let texts: string[] = [];
        if (typeof value === 'string') texts = [value];
        else if (value instanceof Uint8Array) {
          const bytes = model === 'RawMessage' ? decompressRaw(value) : Buffer.from(value);
          texts = [bytes.toString('utf8'), bytes.toString('latin1'), await decodedText(bytes)];
        }
        const where = `${model}#${String(row['id'] ?? row['team'])}.${field}`;
        for (const t of texts) {
          if (lower.some((n) => t.toLowerCase().includes(n)) && !hits.includes(where)) hits.push(where);
        }
      }
    }
  }
  return hits;
}

for (const make of testDatabases()) {
  const database = make();
  describe(`privacy export and erase on ${database.name}`, () => {
    let store: Store;
    let s: Seeded;
    const config = seedConfig(database.url, { host: '127.0.0.1', port: 1 });
    const hans = BUYERS.hans;
    beforeAll(async () => {
      store = await database.open();
      s = await seedWeek(store.db, config);
      const db = store.db;
      // Mail about Hans that is not his own: the weekly reports to Lily and to her manager list him.
      const sent = await sendWeeklyReports({ db, config, now: NOW, submit: async () => '250 2.0.0 queued' });
      expect(sent.sent).toContain(PEOPLE.lily.email);
      // A mail from him that failed processing: raw and quarantine only, no lead link.
      const raw = Buffer.from(
        `From: =?UTF-8?B?${Buffer.from(hans.name).toString('base64')}?= <${hans.email.toUpperCase()}>\r\nTo: sales@brightlux-lighting.com\r\nSubject: broken\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n${Buffer.from('Tel +49 40 1234567').toString('base64')}\r\n`,
      );
      const { compressRaw } = await import('../../src/ingest/raw/compress.ts');
      const rawRow = await db.rawMessage.create({
        data: { sha256: 'f'.repeat(64), size: raw.length, compressed: new Uint8Array(compressRaw(raw)) },
      });
      await db.quarantine.create({
        data: { rawMessageId: rawRow.id, stage: 'parse', errorCode: 'PARSE_FAILED', errorMessage: 'broken' },
      });
      await db.suppression.create({
        data: { address: hans.email, reason: 'unsubscribe', detail: `Unsubscribe ${hans.name}` },
      });
      await writeAudit(db, {
        actor: PEOPLE.lily.email,
        action: 'lead.note',
        target: `lead:${s.leads.hans}`,
        details: { note: `called ${hans.name} at ${hans.email}` },
        at: NOW,
      });
    });
    afterAll(async () => {
      await store?.close();
      await database.drop();
    });

    it('lists a decision for every table of the schema', () => {
      expect(Object.keys(ERASURE_PLAN).sort()).toEqual(Object.values(Prisma.ModelName).sort());
    });

    it('exports everything held about the person as JSON', async () => {
      const doc = JSON.parse(toJson(await exportPerson(store.db, hans.email.toUpperCase(), NOW)));
      expect(doc.person).toBe(hans.email);
      expect(doc.lead).toMatchObject({ id: s.leads.hans, name: hans.name, phone: hans.phone });
      expect(doc.company).toMatchObject({
        name: 'Acme Licht GmbH',
        orders: [expect.objectContaining({ reference: 'SO-2025-118' })],
      });
      expect(doc.inquiries.map((i: { id: number }) => i.id)).toEqual([s.inquiries.hans]);
      expect(doc.inquiries[0].products).toEqual(['LED panel light']);
      expect(doc.activities.map((a: { type: string }) => a.type).sort()).toEqual([
        'bcc_outbound',
        'inquiry',
        'outbound',
        'reply',
      ]);
      const subjects = doc.messages.map(
        (m: { message: { subject: string } | null }) => m.message?.subject ?? null,
      );
      expect(subjects).toEqual([
        'Inquiry: LED panel light 600x600 samples',
        'Re: Inquiry: LED panel light 600x600 samples - quotation Q-2025-031',
        'Re: Following up on quotation Q-2025-031',
        'Order timeline',
        null,
      ]);
      expect(doc.messages[0].raw).toContain('would like 3 samples first');
      expect(doc.messages[0].decoded).toMatchObject({
        from: { address: hans.email, name: hans.name },
        subject: 'Inquiry: LED panel light 600x600 samples',
      });
      // The quarantined mail's base64 body and encoded name, decoded.
      expect(doc.messages[4].decoded.text).toContain('Tel +49 40 1234567');
      expect(doc.messages[4].decoded.from.name).toBe(hans.name);
      expect(doc.messages[0].message.understanding).toMatchObject({ kind: 'inquiry' });
      expect(doc.messages[4].quarantine).toMatchObject({ errorCode: 'PARSE_FAILED' });
      expect(doc.enrollments).toEqual([expect.objectContaining({ id: s.enrollments.hans })]);
      expect(doc.outboundMails.map((o: { id: number }) => o.id)).toEqual([s.outbound.hansStep]);
      expect(doc.outboundMails[0].raw).toContain('Following up on quotation Q-2025-031');
      expect(doc.mentionedInOutboundMails.map((m: { kind: string }) => m.kind)).toEqual([
        'weekly_report',
        'weekly_report',
      ]);
      expect(doc.suppression).toMatchObject({ reason: 'unsubscribe' });
      expect(doc.auditEntries.map((a: { action: string }) => a.action)).toEqual(['lead.note']);
    });

    it('erases the person from every table but the one suppression entry', async () => {
      const before = await findEverywhere(store.db, [hans.email, hans.name]);
      expect(before.length).toBeGreaterThan(10);
      const report = await erasePerson(store.db, hans.email, { now: NOW, actor: 'cli:test' });
      expect(report).toMatchObject({
        lead: true,
        company: false,
        rawMessages: 5,
        outboundMails: 1,
        outboundMailsCleaned: 2,
      });
      expect(await findEverywhere(store.db, [hans.email, hans.name])).toEqual([
        `Suppression#${(await store.db.suppression.findUniqueOrThrow({ where: { address: hans.email } })).id}.address`,
      ]);
      const suppression = await store.db.suppression.findMany({ where: { address: hans.email } });
      expect(suppression).toEqual([expect.objectContaining({ reason: 'erasure', detail: null })]);
      expect(await isSuppressed(store.db, hans.email)).toBe(true);
      const audit = await store.db.auditLog.findFirstOrThrow({ where: { action: 'privacy.erase' } });
      expect(audit.target).toBe(`person:sha256:${addressHash(hans.email)}`);
      expect(audit.details).not.toContain('acme-licht');
      // The colleague at the same company stays, and so does the company; the weekly report row
      // stays (so it is not sent again) without its bytes.
      expect(await store.db.lead.findUnique({ where: { id: s.leads.eva } })).not.toBeNull();
      expect(await store.db.company.findUnique({ where: { id: s.companies.acme } })).not.toBeNull();
      const weekly = await store.db.outboundMail.findUniqueOrThrow({
        where: { idempotencyKey: 'weekly:lily@brightlux-lighting.com:2025-W11' },
      });
      expect(weekly).toMatchObject({ state: 'sent', raw: null });
      expect(await store.db.message.findUnique({ where: { id: s.messages.evaCcHans } })).toBeNull();
      // Another person's data is untouched.
      expect(await store.db.inquiry.findUnique({ where: { id: s.inquiries.sara } })).not.toBeNull();
      const again = await exportPerson(store.db, hans.email, NOW);
      expect(again).toMatchObject({ lead: null, inquiries: [], messages: [], outboundMails: [] });
    });

    it('deletes the company with its last lead', async () => {
      const report = await erasePerson(store.db, BUYERS.sara.email, { now: NOW, actor: 'cli:test' });
      expect(report).toMatchObject({ lead: true, company: true, rawMessages: 1, outboundMails: 1 });
      expect(await store.db.company.findUnique({ where: { id: s.companies.lumen } })).toBeNull();
      expect(await findEverywhere(store.db, [BUYERS.sara.email, BUYERS.sara.name])).toEqual([
        `Suppression#${(await store.db.suppression.findUniqueOrThrow({ where: { address: BUYERS.sara.email } })).id}.address`,
      ]);
      expect(await store.db.suppression.count()).toBe(2);
    });
  });
}
