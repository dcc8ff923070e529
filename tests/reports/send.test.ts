/**
 * The weekly report job against the private SMTP sink, on both databases: each salesperson and
 * manager gets one mail per ISO week, from Monday 08:00 in their own time zone, however often
 * and at whatever times the job runs, and also when two runs race.
 */
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIPPED_TEMPLATES_DIR } from '../../src/paths.ts';
import { sendWeeklyReports, weeklyKey } from '../../src/reports/index.ts';
import type { Store } from '../../src/store/client.ts';
import { loadTemplates } from '../../src/templates/index.ts';
import { PEOPLE, seedConfig, seedWeek } from '../api/seed.ts';
import { testDatabases } from '../helpers/db.ts';
import { type SmtpSink, startSmtpSink } from '../helpers/mailhost/index.ts';

const templates = loadTemplates(SHIPPED_TEMPLATES_DIR);

for (const make of testDatabases()) {
  const database = make();
  describe(`weekly report mail on ${database.name}`, () => {
    let store: Store;
    let smtp: SmtpSink;
    beforeAll(async () => {
      smtp = await startSmtpSink();
      store = await database.open();
      await seedWeek(store.db, seedConfig(database.url, smtp));
    });
    afterAll(async () => {
      await store?.close();
      await smtp?.stop();
      await database.drop();
    });

    const run = (iso: string) =>
      sendWeeklyReports({
        db: store.db,
        config: seedConfig(database.url, smtp),
        now: new Date(iso),
        templates,
      });
    const recipients = () => smtp.messages.map((m) => m.to.join(','));

    it('sends nothing before Monday 08:00 local, then once per person as each zone reaches it', async () => {
      // Monday 07:00 in Shanghai, midnight in Berlin.
      let r = await run('2025-03-09T23:00:00Z');
      expect(r.sent).toEqual([]);
      expect(r.notDue.sort()).toEqual([PEOPLE.lily.email, PEOPLE.mia.email, PEOPLE.tom.email].sort());
      // Monday 08:00 in Shanghai (01:00 in Berlin): the two Shanghai people.
      r = await run('2025-03-10T00:00:00Z');
      expect(r.sent.sort()).toEqual([PEOPLE.lily.email, PEOPLE.mia.email].sort());
      expect(r.notDue).toEqual([PEOPLE.tom.email]);
      await smtp.waitFor(2);
      // The same clock again, and later that morning in Berlin before 08:00: nothing new.
      expect((await run('2025-03-10T00:00:00Z')).sent).toEqual([]);
      expect((await run('2025-03-10T06:59:00Z')).sent).toEqual([]);
      expect(smtp.messages).toHaveLength(2);
      // 08:00 in Berlin.
      r = await run('2025-03-10T07:00:00Z');
      expect(r.sent).toEqual([PEOPLE.tom.email]);
      expect(r.alreadyDone.sort()).toEqual([PEOPLE.lily.email, PEOPLE.mia.email].sort());
      // Later in the week: all done. The read-only user never gets one.
      expect((await run('2025-03-13T12:00:00Z')).sent).toEqual([]);
      expect(recipients().sort()).toEqual([PEOPLE.lily.email, PEOPLE.mia.email, PEOPLE.tom.email].sort());
      expect(recipients()).not.toContain(PEOPLE.rita.email);
    });

    it('starts again the next ISO week', async () => {
      const r = await run('2025-03-17T00:30:00Z');
      expect(r.sent.sort()).toEqual([PEOPLE.lily.email, PEOPLE.mia.email].sort());
      const keys = (
        await store.db.outboundMail.findMany({ where: { kind: 'weekly_report' }, orderBy: { id: 'asc' } })
      ).map((m) => [m.idempotencyKey, m.state]);
      expect(keys.sort()).toEqual(
        [
          [weeklyKey(PEOPLE.lily.email, { year: 2025, week: 11 }), 'sent'],
          [weeklyKey(PEOPLE.mia.email, { year: 2025, week: 11 }), 'sent'],
          [weeklyKey(PEOPLE.tom.email, { year: 2025, week: 11 }), 'sent'],
          [weeklyKey(PEOPLE.lily.email, { year: 2025, week: 12 }), 'sent'],
          [weeklyKey(PEOPLE.mia.email, { year: 2025, week: 12 }), 'sent'],
        ].sort(),
      );
      expect(keys[0]![0]).toBe('weekly:lily@brightlux-lighting.com:2025-W11');
      expect(smtp.messages).toHaveLength(5);
    });

    it('sends each report once when two runs race', async () => {
      const [a, b] = await Promise.all([run('2025-03-24T01:00:00Z'), run('2025-03-24T01:00:00Z')]);
      expect([...a.sent, ...b.sent].sort()).toEqual([PEOPLE.lily.email, PEOPLE.mia.email].sort());
      expect(smtp.messages).toHaveLength(7);
    });

    it('keeps a report refused with 4xx queued and sends it on a later run, still once', async () => {
      smtp.rejectRecipient(PEOPLE.lily.email, 451, 'try again later');
      const first = await run('2025-03-31T00:00:00Z');
      expect(first.sent).toEqual([PEOPLE.mia.email]);
      expect(first.failed.map((f) => f.email)).toEqual([PEOPLE.lily.email]);
      const row = await store.db.outboundMail.findUniqueOrThrow({
        where: { idempotencyKey: 'weekly:lily@brightlux-lighting.com:2025-W14' },
      });
      expect(row.state).toBe('queued');
      expect(row.notBefore?.toISOString()).toBe('2025-03-31T00:10:00.000Z');
      smtp.acceptRecipient(PEOPLE.lily.email);
      expect((await run('2025-03-31T00:05:00Z')).sent).toEqual([]);
      expect((await run('2025-03-31T00:10:00Z')).sent).toEqual([PEOPLE.lily.email]);
      expect((await run('2025-03-31T00:20:00Z')).sent).toEqual([]);
      expect(smtp.messages.filter((m) => m.to.includes(PEOPLE.lily.email))).toHaveLength(4);
    });

    it('mails the report as HTML and text, with the week of the recipient', async () => {
      const lily = smtp.messages.find((m) => m.to.includes(PEOPLE.lily.email))!;
      const mail = await simpleParser(lily.raw);
      expect(mail.subject).toBe('Weekly report, week of 3 March 2025');
      expect(mail.from?.value[0]?.address).toBe('sales@brightlux-lighting.com');
      expect(mail.headers.get('auto-submitted')).toBe('auto-generated');
      expect(mail.text).toContain(
        'Contact: Hans Müller, phone +49 40 1234567, email hans.mueller@acme-licht.de',
      );
      expect(mail.text).toContain('1 of 2 inquiries received (50% of those due)');
      expect(mail.html).toContain('<td>Lumen Importa Ltda</td>');
      const stored = await store.db.outboundMail.findUniqueOrThrow({
        where: { idempotencyKey: 'weekly:lily@brightlux-lighting.com:2025-W11' },
      });
      expect(mail.messageId).toBe(stored.messageId);
      expect(stored.sentAt?.toISOString()).toBe('2025-03-10T00:00:00.000Z');
      const tom = await simpleParser(smtp.messages.find((m) => m.to.includes(PEOPLE.tom.email))!.raw);
      // Tom's week ends Monday 08:00 in Berlin.
      expect(tom.text).toContain('3 March 2025 at 08:00 CET to 10 March 2025 at 08:00 CET');
    });
  });
}
