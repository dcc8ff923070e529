/**
 * What ingest reports, on SQLite and PostgreSQL: a reply (and the company-wide rule), a person
 * mailing the lead, a hard bounce, an unsubscribe, an out-of-office with or without a date.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  enroll,
  onHardBounce,
  onLeadReplied,
  onManualContact,
  onOutOfOffice,
  onUnsubscribe,
  type SchedulerDeps,
  syncSequences,
  tick,
} from '../../src/sequences/engine/index.ts';
import type { Db, Store } from '../../src/store/client.ts';
import { isSuppressed } from '../../src/store/suppressions.ts';
import { testDatabases } from '../helpers/db.ts';
import { code, createLead, notes, plainRenderer, SENDER, sequenceDef, timing } from './fixtures.ts';

/** Monday 3 March 2025, 10:00 in Berlin: inside the default send window for a German buyer. */
const NOW = new Date('2025-03-03T09:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

for (const make of testDatabases()) {
  const database = make();
  describe(`sequence signals on ${database.name}`, () => {
    let store: Store;
    let db: Db;
    let deps: SchedulerDeps;

    beforeAll(async () => {
      store = await database.open();
      db = store.db;
      await syncSequences(db, [
        sequenceDef('three', 3, 2),
        sequenceDef('other', 2, 1),
        sequenceDef('one', 1),
      ]);
    });
    afterAll(async () => {
      await store?.close();
      await database.drop();
    });
    beforeEach(() => {
      deps = { db, worker: 'w-test', render: plainRenderer, senders: () => SENDER, timing: timing() };
    });

    it('stops on a reply, and company-wide only where asked and the sequence says so', async () => {
      const company = await db.company.create({ data: { domain: `acme-${process.pid}.example` } });
      const a = await createLead(db, { companyId: company.id });
      const b = await createLead(db, { companyId: company.id });
      const ea = await enroll(db, { leadId: a.id, sequenceName: 'three', now: NOW }, timing());
      const eb = await enroll(db, { leadId: b.id, sequenceName: 'three', now: NOW }, timing());
      const own = await onLeadReplied(db, a.id, NOW);
      expect(own.stopped).toEqual([ea.id]);
      expect((await db.enrollment.findUniqueOrThrow({ where: { id: eb.id } })).state).toBe('active');
      expect((await onLeadReplied(db, a.id, NOW)).stopped).toEqual([]);
      const wide = await onLeadReplied(db, a.id, NOW, { companyWide: true });
      expect(wide.stopped).toEqual([eb.id]);
      expect(await db.enrollment.findUniqueOrThrow({ where: { id: eb.id } })).toMatchObject({
        state: 'stopped',
        stopReason: 'company_replied',
      });
    });

    it('pauses automated steps when a person mails the lead', async () => {
      const lead = await createLead(db);
      const e = await enroll(db, { leadId: lead.id, sequenceName: 'three', now: NOW }, timing());
      expect((await onManualContact(db, lead.id, NOW)).paused).toEqual([e.id]);
      const row = await db.enrollment.findUniqueOrThrow({ where: { id: e.id } });
      expect(row).toMatchObject({ state: 'paused', stopReason: 'manual_contact', pausedUntil: null });
      // An open-ended pause is not resumed by the scheduler.
      await tick(deps, new Date(NOW.getTime() + 30 * DAY));
      expect((await db.enrollment.findUniqueOrThrow({ where: { id: e.id } })).state).toBe('paused');
    });

    it('hard bounce: suppresses, marks the lead undeliverable, stops every sequence, cancels queued mail', async () => {
      const lead = await createLead(db);
      const e1 = await enroll(db, { leadId: lead.id, sequenceName: 'three', now: NOW }, timing());
      const e2 = await enroll(db, { leadId: lead.id, sequenceName: 'other', now: NOW }, timing());
      await tick(deps, NOW);
      expect(await db.outboundMail.count({ where: { leadId: lead.id, state: 'queued' } })).toBe(2);
      const result = await onHardBounce(db, lead.email!.toUpperCase(), NOW);
      expect(result.stopped.sort()).toEqual([e1.id, e2.id].sort());
      expect(await isSuppressed(db, lead.email!)).toBe(true);
      expect((await db.suppression.findUniqueOrThrow({ where: { address: lead.email! } })).reason).toBe(
        'hard_bounce',
      );
      expect((await db.lead.findUniqueOrThrow({ where: { id: lead.id } })).undeliverableAt?.getTime()).toBe(
        NOW.getTime(),
      );
      const mails = await db.outboundMail.findMany({ where: { leadId: lead.id } });
      expect(mails.map((m) => m.state)).toEqual(['failed', 'failed']);
      expect(mails[0]!.lastError).toMatch(/^cancelled: /);
    });

    it('unsubscribe: suppresses across sequences and stops them all', async () => {
      const lead = await createLead(db);
      await enroll(db, { leadId: lead.id, sequenceName: 'three', now: NOW }, timing());
      await enroll(db, { leadId: lead.id, sequenceName: 'other', now: NOW }, timing());
      const result = await onUnsubscribe(db, lead.email!, NOW);
      expect(result.stopped).toHaveLength(2);
      const rows = await db.enrollment.findMany({ where: { leadId: lead.id } });
      expect(rows.map((r) => [r.state, r.stopReason])).toEqual([
        ['stopped', 'unsubscribed'],
        ['stopped', 'unsubscribed'],
      ]);
      const err = await enroll(db, { leadId: lead.id, sequenceName: 'one', now: NOW }).catch((x) => x);
      expect(code(err)).toBe('NOT_MAILABLE');
    });

    it('out-of-office: pauses until the return date (or a default) and the scheduler resumes it', async () => {
      const lead = await createLead(db);
      const e = await enroll(db, { leadId: lead.id, sequenceName: 'three', now: NOW }, timing());
      await tick(deps, NOW);
      const back = new Date('2025-03-12T00:00:00Z');
      expect((await onOutOfOffice(db, lead.id, back, NOW)).paused).toEqual([e.id]);
      expect((await db.enrollment.findUniqueOrThrow({ where: { id: e.id } })).pausedUntil?.getTime()).toBe(
        back.getTime(),
      );
      // A later auto-reply with an earlier or missing date keeps the pause; a later date extends it.
      await onOutOfOffice(db, lead.id, new Date('2025-03-10T00:00:00Z'), NOW);
      expect((await db.enrollment.findUniqueOrThrow({ where: { id: e.id } })).pausedUntil?.getTime()).toBe(
        back.getTime(),
      );
      const due = (await db.enrollment.findUniqueOrThrow({ where: { id: e.id } })).nextStepAt!;
      expect(due.getTime()).toBeLessThan(back.getTime());
      const during = await tick(deps, new Date(due.getTime() + HOUR));
      expect(during.resumed).toBe(0);
      expect(await db.outboundMail.count({ where: { enrollmentId: e.id } })).toBe(1);
      const wednesday = new Date('2025-03-12T09:00:00Z'); // 10:00 Berlin
      const after = await tick(deps, wednesday);
      expect(after.resumed).toBeGreaterThanOrEqual(1);
      expect(await db.outboundMail.count({ where: { enrollmentId: e.id } })).toBe(2);
      expect(await notes(db, lead.id)).toContain(
        `sequence three: resumed (pause until ${back.toISOString()} ended)`,
      );
      // Without a usable date the default applies.
      const other = await createLead(db);
      const e2 = await enroll(db, { leadId: other.id, sequenceName: 'three', now: NOW }, timing());
      await onOutOfOffice(db, other.id, null, NOW, 3);
      expect((await db.enrollment.findUniqueOrThrow({ where: { id: e2.id } })).pausedUntil?.getTime()).toBe(
        NOW.getTime() + 3 * DAY,
      );
    });
  });
}
