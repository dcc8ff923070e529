/**
 * The dashboard's chart data over the seeded week, on both databases, and the funnel's rules
 * on their own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FunnelLead, funnelChart, furthestStage } from '../../src/reports/charts/funnel.ts';
import { chartData } from '../../src/reports/index.ts';
import type { Store } from '../../src/store/client.ts';
import { NOW, type Seeded, seedConfig, seedWeek, WEEK_START } from '../api/seed.ts';
import { testDatabases } from '../helpers/db.ts';

for (const make of testDatabases()) {
  const database = make();
  describe(`chart data on ${database.name}`, () => {
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

    it('counts the week for everyone', async () => {
      const c = await chartData(store.db, config, { leads: {}, start: WEEK_START, end: NOW, now: NOW });
      expect(c.firstResponse).toEqual({
        buckets: [
          { label: '< 1 h', count: 0 },
          { label: '1-2 h', count: 1 },
          { label: '2-4 h', count: 0 },
          { label: '4-8 h', count: 0 },
          { label: '8-24 h', count: 0 },
          { label: '24-48 h', count: 1 },
          { label: '> 48 h', count: 0 },
        ],
        answered: 2,
        unanswered: 2,
        medianMinutes: 810,
      });
      expect(c.sla).toEqual({ inquiries: 4, answered: 2, met: 1, late: 1, breachedOpen: 2, metPercent: 25 });
      expect(c.replyRateByStep).toEqual([
        { sequence: 'prospecting', position: 0, stepKey: 'first', sent: 1, replied: 0, replyRate: 0 },
        {
          sequence: 'quotation-followup',
          position: 0,
          stepKey: 'quote-received',
          sent: 1,
          replied: 1,
          replyRate: 1,
        },
      ]);
      expect(c.funnel).toEqual([
        { stage: 'inquiry', leads: 4 },
        { stage: 'quotation', leads: 2 },
        { stage: 'sample', leads: 1 },
        { stage: 'order', leads: 1 },
      ]);
      expect(c.byCountry).toEqual([
        { country: 'AE', count: 1 },
        { country: 'BR', count: 1 },
        { country: 'DE', count: 1 },
        { country: 'SE', count: 1 },
      ]);
      expect(c.byProduct).toEqual([
        { product: 'LED panel light', count: 3 },
        { product: 'LED high bay', count: 2 },
      ]);
    });

    it("counts only a salesperson's own leads for them", async () => {
      const c = await chartData(store.db, config, {
        leads: { ownerId: s.people.lily },
        start: new Date('2025-02-20T00:00:00Z'),
        end: NOW,
        now: NOW,
      });
      expect(c.sla).toEqual({
        inquiries: 3,
        answered: 1,
        met: 1,
        late: 0,
        breachedOpen: 2,
        metPercent: 33.3,
      });
      expect(c.byCountry.map((b) => b.country)).toEqual(['BR', 'CZ', 'DE']);
      expect(c.funnel.map((f) => f.leads)).toEqual([3, 1, 1, 1]);
    });
  });
}

describe('funnel rules', () => {
  const base: FunnelLead = {
    leadId: 1,
    firstInquiryAt: new Date('2025-03-01T00:00:00Z'),
    enrolledInQuotationAt: [],
    outbound: [],
    mail: [],
    askedForSamples: false,
    orderDates: [],
  };
  const after = new Date('2025-03-02T00:00:00Z');
  const before = new Date('2025-02-01T00:00:00Z');

  it('reads each stage from the timeline after the first inquiry', () => {
    expect(furthestStage(base)).toBe('inquiry');
    expect(furthestStage({ ...base, outbound: [{ subject: 'Our quotation Q-12', at: after }] })).toBe(
      'quotation',
    );
    expect(furthestStage({ ...base, outbound: [{ subject: '报价单 LED', at: after }] })).toBe('quotation');
    expect(furthestStage({ ...base, outbound: [{ subject: 'Our quotation Q-12', at: before }] })).toBe(
      'inquiry',
    );
    expect(furthestStage({ ...base, outbound: [{ subject: 'Quick question', at: after }] })).toBe('inquiry');
    expect(furthestStage({ ...base, enrolledInQuotationAt: [after] })).toBe('quotation');
    expect(furthestStage({ ...base, mail: [{ subject: 'Re: samples shipped by DHL', at: after }] })).toBe(
      'sample',
    );
    expect(furthestStage({ ...base, askedForSamples: true })).toBe('sample');
    expect(furthestStage({ ...base, orderDates: [after] })).toBe('order');
    expect(furthestStage({ ...base, orderDates: [before] })).toBe('inquiry');
  });

  it('counts a lead at its furthest stage and every stage before it', () => {
    expect(
      funnelChart([
        base,
        { ...base, leadId: 2, orderDates: [after] },
        { ...base, leadId: 3, askedForSamples: true },
      ]),
    ).toEqual([
      { stage: 'inquiry', leads: 3 },
      { stage: 'quotation', leads: 2 },
      { stage: 'sample', leads: 2 },
      { stage: 'order', leads: 1 },
    ]);
  });
});
