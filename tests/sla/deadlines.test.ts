/**
 * Store-level SLA deadlines: an inquiry processed at its arrival gets deadlineAt counted in its
 * owner's working hours: split shifts, a night shift across midnight, weekends, the company's
 * holidays, a country's public holidays, and a salesperson in another time zone. Expected
 * instants are worked out by hand in the comments.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Config } from '../../src/config/schema.ts';
import type { Store } from '../../src/store/client.ts';
import { testDatabases } from '../helpers/db.ts';
import {
  BOB,
  cn,
  ingest,
  LILY,
  NINA,
  priceListRequest,
  sampleRequest,
  slaConfig,
  slaConfigDocument,
} from './helpers.ts';

/** Berlin time as an instant; `offset` is +01:00 in winter, +02:00 in summer. */
function berlin(local: string, offset: string): Date {
  return new Date(`${local.replace(' ', 'T')}:00${offset}`);
}

for (const make of testDatabases()) {
  const database = make();
  describe(`SLA deadlines in the store on ${database.name}`, () => {
    let store: Store;
    let config: Config;
    let n = 0;

    /** Processes one buyer mail at its own arrival time; returns its inquiry with the owner's email. */
    async function arrive(kind: 'P1' | 'P3', domain: string, at: Date) {
      n++;
      const from = `Buyer ${n} <buyer${n}@${domain}>`;
      await ingest(
        store.db,
        config,
        [kind === 'P1' ? sampleRequest(from, at) : priceListRequest(from, at)],
        at,
      );
      return store.db.inquiry.findFirstOrThrow({
        where: { lead: { email: `buyer${n}@${domain}` } },
        include: { owner: { select: { email: true } } },
      });
    }

    beforeAll(async () => {
      store = await database.open();
      const people = slaConfigDocument(database.url).salespeople.map((p) =>
        p.email === NINA ? { ...p, workingHours: { holidayCountry: 'DE' } } : p,
      );
      config = slaConfig(database.url, {
        salespeople: people,
        assignment: {
          rules: [
            { name: 'americas', when: { regions: ['AMERICAS'] }, assignTo: { user: BOB } },
            { name: 'europe', when: { regions: ['EUROPE'] }, assignTo: { user: NINA } },
          ],
          fallback: { user: LILY },
        },
      });
    });
    afterAll(async () => {
      await store?.close();
      await database.drop();
    });

    it('counts a split shift: lunch and the evening break do not count', async () => {
      // Lily: 09:00-11:30, 13:30-17:00, 18:00-20:00. 11:00 + 2 h = 30 min before lunch + 13:30-15:00.
      const morning = await arrive('P1', 'tradehouse.com.my', cn('2026-03-09 11:00'));
      expect(morning.owner?.email).toBe(LILY);
      expect([morning.priorityTier, morning.slaHours]).toEqual(['P1', 2]);
      expect(morning.deadlineAt?.toISOString()).toBe(cn('2026-03-09 15:00').toISOString());
      // 16:30 + 2 h = 16:30-17:00 + 18:00-19:30.
      const evening = await arrive('P1', 'lampco.com.my', cn('2026-03-09 16:30'));
      expect(evening.deadlineAt?.toISOString()).toBe(cn('2026-03-09 19:30').toISOString());
    });

    it('counts a night shift that crosses midnight, and the night that ends on Saturday morning', async () => {
      // Bob: 20:00-04:00 starting Monday to Friday. Tuesday 03:00 is in Monday's shift: 1 h left
      // of it, then Tuesday 20:00-21:00.
      const early = await arrive('P1', 'iluminacao.com.br', cn('2026-03-10 03:00'));
      expect(early.owner?.email).toBe(BOB);
      expect(early.deadlineAt?.toISOString()).toBe(cn('2026-03-10 21:00').toISOString());
      // Saturday 01:00 is still Friday's shift: deadline Saturday 03:00.
      const saturday = await arrive('P1', 'luminarias.com.mx', cn('2026-03-14 01:00'));
      expect(saturday.deadlineAt?.toISOString()).toBe(cn('2026-03-14 03:00').toISOString());
      // Saturday 05:00: nothing until Monday's shift, 20:00-22:00.
      const weekend = await arrive('P1', 'electro.com.ar', cn('2026-03-14 05:00'));
      expect(weekend.deadlineAt?.toISOString()).toBe(cn('2026-03-16 22:00').toISOString());
    });

    it("skips the weekend in the owner's own time zone", async () => {
      // Nina, Berlin, 09:00-12:00 and 13:30-18:00: Friday 17:00 + 2 h = 1 h on Friday, Monday 09:00-10:00.
      const friday = await arrive('P1', 'lichtwerk.de', berlin('2026-03-13 17:00', '+01:00'));
      expect(friday.owner?.email).toBe(NINA);
      expect(friday.deadlineAt?.toISOString()).toBe(berlin('2026-03-16 10:00', '+01:00').toISOString());
    });

    it("skips the company's holidays and keeps the 24 h floor for a generic request", async () => {
      // 1 May 2026 (a Friday) is a company holiday. Thursday 19:00 + 2 h: 19:00-20:00, then Monday 09:00-10:00.
      const p1 = await arrive('P1', 'trading.com.sg', cn('2026-04-30 19:00'));
      expect(p1.deadlineAt?.toISOString()).toBe(cn('2026-05-04 10:00').toISOString());
      // A price-list request is P3 with 24 working hours: Wednesday 8 h, Thursday 8 h, Friday off,
      // Monday 8 h until 20:00.
      const p3 = await arrive('P3', 'yahoo.com', cn('2026-04-29 09:00'));
      expect(p3.owner?.email).toBe(LILY);
      expect([p3.priorityTier, p3.slaHours]).toEqual(['P3', 24]);
      expect(p3.deadlineAt?.toISOString()).toBe(cn('2026-05-04 20:00').toISOString());
    });

    it("skips a country's public holidays (Nina: Germany, Good Friday and Easter Monday 2026)", async () => {
      // Thursday 2 April 17:30 + 2 h: 30 min on Thursday, 3 and 6 April are holidays, Tuesday 09:00-10:30.
      const easter = await arrive('P1', 'leuchten.de', berlin('2026-04-02 17:30', '+02:00'));
      expect(easter.deadlineAt?.toISOString()).toBe(berlin('2026-04-07 10:30', '+02:00').toISOString());
    });

    it('starts the clock when we saw the mail if its Date header lies in the future', async () => {
      const seen = cn('2026-03-18 10:00');
      n++;
      const from = `Buyer ${n} <buyer${n}@skewed.com.my>`;
      await ingest(store.db, config, [sampleRequest(from, cn('2026-03-18 16:00'))], seen);
      const inquiry = await store.db.inquiry.findFirstOrThrow({
        where: { lead: { email: `buyer${n}@skewed.com.my` } },
      });
      expect(inquiry.receivedAt.toISOString()).toBe(seen.toISOString());
      expect(inquiry.deadlineAt?.toISOString()).toBe(cn('2026-03-18 14:00').toISOString());
    });
  });
}
