/**
 * What the store stage makes of understood mail, on SQLite and PostgreSQL: the fixture mails
 * imported through the real pipeline. Leads are keyed on the real buyer (never on our own
 * people), deduplicated by email; companies by domain except free-mail; junk, auto-replies,
 * bounces and notifications create no lead; a hard bounce and an unsubscribe suppress.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importPath } from '../../src/ingest/import/import.ts';
import { silentLogger } from '../../src/log/logger.ts';
import type { Store } from '../../src/store/client.ts';
import { DROPBOX, LED_CATALOGUE, OUR_DOMAIN } from '../fixtures/mails/context.ts';
import { FIXTURE_MAILS_DIR, fixtureMails } from '../fixtures/mails/list.ts';
import { testConfig } from '../helpers/config.ts';
import { testDatabases } from '../helpers/db.ts';

interface Fixture {
  kind: string;
  name: string;
  expected: {
    kind: string;
    lead: { email: string | null } | null;
    bounce: { recipient: string; permanent: boolean } | null;
  };
  from: string;
}

/** Fixtures that need no per-fixture context (sent Message-IDs, mailbox role) behave the same when imported. */
function fixtures(): Fixture[] {
  const out: Fixture[] = [];
  for (const mail of fixtureMails()) {
    const spec = JSON.parse(readFileSync(mail.json, 'utf8'));
    if (spec.context) continue;
    const raw = readFileSync(mail.eml, 'latin1');
    const from = /^From:.*?([^\s<>"]+@[^\s<>"]+)/im.exec(raw)?.[1]?.toLowerCase() ?? '';
    out.push({ kind: mail.kind, name: mail.id, expected: spec.expected, from });
  }
  return out;
}

const FREE_MAIL = ['gmail.com', 'qq.com', 'yahoo.com', '163.com', 'hotmail.com', 'outlook.com', '126.com'];

for (const make of testDatabases()) {
  const database = make();
  describe(`understood mail in the ${database.name} store`, () => {
    let store: Store;
    const all = fixtures();
    beforeAll(async () => {
      store = await database.open();
      const config = testConfig(null, [], database.url, {
        company: { name: 'BrightLux', domains: [OUR_DOMAIN], addresses: [DROPBOX] },
        catalogue: LED_CATALOGUE,
      });
      const report = await importPath(
        { db: store.db, config, log: silentLogger, now: () => new Date('2026-11-24T08:00:00Z') },
        FIXTURE_MAILS_DIR,
      );
      expect(report.quarantined).toBe(0);
      expect(report.processed).toBe(report.created);
    });
    afterAll(async () => {
      await store?.close();
      await database.drop();
    });

    it('imports enough context-free fixtures of every kind to mean something', () => {
      const kinds = new Set(all.map((f) => f.expected.kind));
      for (const k of [
        'inquiry',
        'platform_inquiry',
        'form_inquiry',
        'forwarded_inquiry',
        'bounce',
        'spam',
        'unsubscribe',
        'other',
      ]) {
        expect(kinds, k).toContain(k);
      }
    });

    it('creates one lead per buyer, with an inquiry and an activity, never for our own people', async () => {
      for (const f of all.filter((x) => x.expected.kind.endsWith('inquiry') && x.expected.lead?.email)) {
        const lead = await store.db.lead.findUnique({
          where: { email: f.expected.lead!.email! },
          include: { inquiries: true, activities: true },
        });
        expect(lead, f.name).not.toBeNull();
        expect(lead!.inquiries.length, f.name).toBeGreaterThan(0);
        expect(
          lead!.activities.some((a) => a.type === 'inquiry'),
          f.name,
        ).toBe(true);
      }
      expect(await store.db.lead.count({ where: { email: { endsWith: `@${OUR_DOMAIN}` } } })).toBe(0);
      const forwarded = all.filter((x) => x.expected.kind === 'forwarded_inquiry' && x.expected.lead?.email);
      expect(forwarded.length).toBeGreaterThan(0);
      for (const f of forwarded)
        expect(f.from.endsWith(`@${OUR_DOMAIN}`) || f.from !== f.expected.lead!.email).toBe(true);
      const emails = (await store.db.lead.findMany({ select: { email: true } }))
        .map((l) => l.email)
        .filter(Boolean);
      expect(new Set(emails).size).toBe(emails.length);
    });

    it('creates no lead for junk, auto-replies, bounces and notifications', async () => {
      const buyers = new Set(all.filter((x) => x.expected.lead?.email).map((x) => x.expected.lead!.email));
      for (const f of all.filter((x) =>
        ['spam', 'auto_reply', 'bounce', 'other'].includes(x.expected.kind),
      )) {
        if (buyers.has(f.from)) continue;
        expect(await store.db.lead.findUnique({ where: { email: f.from } }), f.name).toBeNull();
      }
    });

    it('keys companies on corporate domains only', async () => {
      const companies = await store.db.company.findMany();
      expect(companies.length).toBeGreaterThan(3);
      for (const c of companies) expect(FREE_MAIL).not.toContain(c.domain);
      const corporate = all.find(
        (x) =>
          x.expected.kind === 'inquiry' &&
          x.expected.lead?.email &&
          !FREE_MAIL.includes(x.expected.lead.email.split('@')[1]!),
      );
      const lead = await store.db.lead.findUnique({
        where: { email: corporate!.expected.lead!.email! },
        include: { company: true },
      });
      expect(lead?.company?.domain).toBe(corporate!.expected.lead!.email!.split('@')[1]);
    });

    it('suppresses hard-bounced and unsubscribed addresses', async () => {
      const hard = all.filter((x) => x.expected.kind === 'bounce' && x.expected.bounce?.permanent);
      expect(hard.length).toBeGreaterThan(0);
      for (const f of hard) {
        const s = await store.db.suppression.findUnique({ where: { address: f.expected.bounce!.recipient } });
        expect(s?.reason, f.name).toBe('hard_bounce');
      }
      const unsubscribes = all.filter((x) => x.expected.kind === 'unsubscribe');
      expect(unsubscribes.length).toBeGreaterThan(0);
      for (const f of unsubscribes) {
        expect((await store.db.suppression.findUnique({ where: { address: f.from } }))?.reason, f.name).toBe(
          'unsubscribe',
        );
      }
    });

    it('records the understood kind on every message', async () => {
      const byId = new Map(
        (await store.db.message.findMany({ select: { messageId: true, kind: true, stage: true } })).map(
          (m) => [m.messageId, m],
        ),
      );
      expect([...byId.values()].every((m) => m.stage === 'processed')).toBe(true);
      const kinds = await store.db.message.groupBy({ by: ['kind'], _count: true });
      expect(kinds.find((k) => k.kind === 'inquiry')?._count).toBeGreaterThanOrEqual(
        all.filter((x) => x.expected.kind === 'inquiry').length,
      );
    });
  });
}
