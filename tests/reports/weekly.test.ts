/**
 * The weekly report for the seeded week, on both databases: a salesperson's own report field
 * by field, a manager's team report, a Berlin salesperson's week in their own zone, and the
 * Markdown and mail renderings.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIPPED_TEMPLATES_DIR } from '../../src/paths.ts';
import { reportUser } from '../../src/reports/index.ts';
import { buildWeeklyReport } from '../../src/reports/weekly/build.ts';
import { renderWeeklyMail, weeklyMarkdown } from '../../src/reports/weekly/render.ts';
import type { Store } from '../../src/store/client.ts';
import { loadTemplates } from '../../src/templates/index.ts';
import { NOW, PEOPLE, type Seeded, seedConfig, seedWeek } from '../api/seed.ts';
import { testDatabases } from '../helpers/db.ts';

for (const make of testDatabases()) {
  const database = make();
  describe(`weekly report on ${database.name}`, () => {
    let store: Store;
    let s: Seeded;
    const config = seedConfig(database.url);
    beforeAll(async () => {
      store = await database.open();
      s = await seedWeek(store.db, config);
    });
    afterAll(async () => {
      await store?.close();
      await database.drop();
    });

    const report = async (email: string, end = NOW) =>
      buildWeeklyReport(store.db, config, await reportUser(store.db, email), end);

    it("matches the seeded week for a salesperson's own leads, field by field", async () => {
      const r = await report(PEOPLE.lily.email);
      expect(r.user).toEqual({
        id: s.people.lily,
        email: 'lily@brightlux-lighting.com',
        name: 'Lily Wang',
        role: 'salesperson',
        timeZone: 'Asia/Shanghai',
      });
      expect(r.scope).toBe('own');
      expect(r.period).toEqual({
        start: '2025-03-03T00:00:00.000Z',
        end: '2025-03-10T00:00:00.000Z',
        timeZone: 'Asia/Shanghai',
        label: '2025-03-03 - 2025-03-10',
      });
      expect(r.keyProspects).toEqual([
        {
          leadId: s.leads.hans,
          company: 'Acme Licht GmbH',
          address: 'DE, acme-licht.de',
          contact: 'Hans Müller',
          phone: '+49 40 1234567',
          email: 'hans.mueller@acme-licht.de',
          status: 'replied',
          grade: 'A',
          owner: 'Lily Wang',
          lastActivityAt: '2025-03-05T09:00:00.000Z',
        },
        {
          leadId: s.leads.sara,
          company: 'Lumen Importa Ltda',
          address: 'BR, lumen-importa.com.br',
          contact: 'Sara Costa',
          phone: '+55 11 98765 4321',
          email: 'sara@lumen-importa.com.br',
          status: 'inquiry overdue',
          grade: 'B',
          owner: 'Lily Wang',
          lastActivityAt: '2025-03-06T01:00:00.000Z',
        },
        {
          leadId: s.leads.peter,
          company: 'Novak Svetla s.r.o.',
          address: 'CZ, novak-svetla.cz',
          contact: 'Peter Novak',
          phone: '+420 602 123 456',
          email: 'peter@novak-svetla.cz',
          status: 'inquiry overdue',
          grade: 'C',
          owner: 'Lily Wang',
          lastActivityAt: '2025-02-25T00:00:00.000Z',
        },
      ]);
      expect(r.sla).toEqual({
        inquiries: 2,
        answered: 1,
        answeredWithinSla: 1,
        answeredLate: 0,
        breachedOpen: 1,
        percent: 50,
      });
      expect(r.replies).toEqual({
        count: 1,
        items: [
          {
            leadId: s.leads.hans,
            company: 'Acme Licht GmbH',
            contact: 'Hans Müller',
            email: 'hans.mueller@acme-licht.de',
            phone: '+49 40 1234567',
            at: '2025-03-05T09:00:00.000Z',
            subject: 'Re: Following up on quotation Q-2025-031',
          },
        ],
      });
      expect(r.bounces).toEqual({ count: 0, hard: 0, soft: 0, items: [] });
      expect(r.overdue.inquiries.map((i) => [i.inquiryId, i.deadlineAt, i.subject, i.owner])).toEqual([
        [s.inquiries.peter, '2025-02-26T00:00:00.000Z', 'Price list please', 'Lily Wang'],
        [s.inquiries.sara, '2025-03-07T01:00:00.000Z', 'Cotização: LED high bay 150W', 'Lily Wang'],
      ]);
      expect(r.overdue.followUps).toEqual([
        {
          leadId: s.leads.sara,
          company: 'Lumen Importa Ltda',
          contact: 'Sara Costa',
          email: 'sara@lumen-importa.com.br',
          phone: '+55 11 98765 4321',
          enrollmentId: s.enrollments.sara,
          sequence: 'prospecting',
          dueAt: '2025-03-05T01:00:00.000Z',
        },
      ]);
      expect(r.perSalesperson).toEqual([]);
    });

    it("gives a manager their team's week with a line per salesperson", async () => {
      const r = await report(PEOPLE.mia.email);
      expect(r.scope).toBe('team');
      expect(r.sla).toEqual({
        inquiries: 4,
        answered: 2,
        answeredWithinSla: 1,
        answeredLate: 1,
        breachedOpen: 2,
        percent: 25,
      });
      expect(r.bounces).toEqual({
        count: 1,
        hard: 1,
        soft: 0,
        items: [
          {
            leadId: s.leads.lina,
            company: null,
            contact: 'Li Na',
            email: 'lina@qq.com',
            phone: '+86 139 1234 5678',
            at: '2025-03-07T00:00:00.000Z',
            permanent: true,
          },
        ],
      });
      expect(r.keyProspects.map((p) => [p.contact, p.status])).toEqual([
        ['Hans Müller', 'replied'],
        ['Sara Costa', 'inquiry overdue'],
        ['Anna Berg', 'inquiry overdue'],
        ['Omar Haddad', 'prospect'],
        ['Peter Novak', 'inquiry overdue'],
        ['Li Na', 'address bounced'],
      ]);
      expect(r.perSalesperson.map(({ id: _id, ...p }) => p)).toEqual([
        {
          name: 'Lily Wang',
          email: 'lily@brightlux-lighting.com',
          inquiries: 2,
          answeredWithinSla: 1,
          percent: 50,
          replies: 1,
          bounces: 0,
          overdue: 3,
        },
        {
          name: 'Mia Chen',
          email: 'mia@brightlux-lighting.com',
          inquiries: 0,
          answeredWithinSla: 0,
          percent: null,
          replies: 0,
          bounces: 0,
          overdue: 0,
        },
        {
          name: 'Tom Becker',
          email: 'tom@brightlux-lighting.com',
          inquiries: 2,
          answeredWithinSla: 0,
          percent: 0,
          replies: 0,
          bounces: 1,
          overdue: 1,
        },
      ]);
    });

    it("counts the week in the person's own zone and only what was known at its end", async () => {
      // Monday 10 March 08:00 in Berlin.
      const r = await report(PEOPLE.tom.email, new Date('2025-03-10T07:00:00Z'));
      expect(r.period).toMatchObject({ start: '2025-03-03T07:00:00.000Z', label: '2025-03-03 - 2025-03-10' });
      expect(r.sla).toMatchObject({ inquiries: 2, answeredWithinSla: 0, answeredLate: 1, breachedOpen: 1 });
      // At Thursday 6 March 09:00 UTC Omar's inquiry was past its deadline and not yet answered.
      const midweek = await report(PEOPLE.tom.email, new Date('2025-03-06T09:00:00Z'));
      expect(midweek.sla).toMatchObject({ inquiries: 2, answered: 0, breachedOpen: 1 });
      expect(midweek.overdue.inquiries.map((i) => i.inquiryId)).toEqual([s.inquiries.omar]);
    });

    it('renders as Markdown and as mail (HTML and text) with the same contents', async () => {
      const r = await report(PEOPLE.lily.email);
      const md = weeklyMarkdown(r);
      expect(md).toContain(
        '| Acme Licht GmbH | DE, acme-licht.de | Hans Müller | +49 40 1234567 | hans.mueller@acme-licht.de | replied | A | Lily Wang |',
      );
      expect(md).toContain('1 of 2 received (50% of those due)');
      expect(md).toContain(
        '- follow-up (prospecting) due 05/03/2025, 09:00: Lumen Importa Ltda <sara@lumen-importa.com.br>',
      );
      const mail = renderWeeklyMail(loadTemplates(SHIPPED_TEMPLATES_DIR), r);
      expect(mail.subject).toBe('Weekly report, week of 3 March 2025');
      expect(mail.text).toMatch(/^Dear Lily Wang,\n/);
      expect(mail.text).toContain('1 of 2 inquiries received (50% of those due)');
      expect(mail.text).toContain(
        'Contact: Hans Müller, phone +49 40 1234567, email hans.mueller@acme-licht.de',
      );
      expect(mail.html).toContain('<td>Acme Licht GmbH</td><td>DE, acme-licht.de</td><td>Hans Müller</td>');
      const zh = renderWeeklyMail(loadTemplates(SHIPPED_TEMPLATES_DIR), r, 'zh');
      expect(zh.subject).toBe('周报：2025年3月3日起的一周');
    });
  });
}
