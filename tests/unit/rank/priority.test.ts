/** The priority score: described inquiries land in the users' tiers, and every point is explained. */
import { describe, expect, it } from 'vitest';
import { rankInquiry } from '../../../src/rank/priority.ts';
import { DEFAULT_RANKING, rankingSchema } from '../../../src/rank/ranking-schema.ts';
import { DESCRIBED, inquiry } from './inquiries.ts';

const config = rankingSchema.parse({ targetMarkets: ['US', 'DE', 'FR', 'GB'] });
const order = { P1: 0, P2: 1, P3: 2 } as const;

describe('ranking of described inquiries', () => {
  const ranked = DESCRIBED.map((d) => ({ ...d, result: rankInquiry(d.input, config) }));

  for (const d of ranked) {
    it(`${d.expected}: ${d.description}`, () => {
      expect(d.result.tier).toBe(d.expected);
    });
  }

  it('covers all three tiers with several inquiries each', () => {
    for (const tier of ['P1', 'P2', 'P3'] as const) {
      expect(ranked.filter((d) => d.expected === tier).length).toBeGreaterThanOrEqual(3);
    }
  });

  it('orders every P1 above every P2 above every P3 when sorted by score', () => {
    const sorted = [...ranked].sort((a, b) => b.result.score - a.result.score);
    const tiers = sorted.map((d) => order[d.result.tier]);
    expect(tiers).toEqual([...tiers].sort((a, b) => a - b));
    const min = (t: 'P1' | 'P2') =>
      Math.min(...ranked.filter((d) => d.expected === t).map((d) => d.result.score));
    const max = (t: 'P2' | 'P3') =>
      Math.max(...ranked.filter((d) => d.expected === t).map((d) => d.result.score));
    expect(min('P1')).toBeGreaterThan(max('P2'));
    expect(min('P2')).toBeGreaterThan(max('P3'));
  });

  it('gives P1 the 2 h clock and everything else the 24 h floor', () => {
    for (const d of ranked) {
      const customerTierC = d.input.customer?.tier === 'C';
      expect(d.result.slaHours).toBe(d.result.tier === 'P1' || customerTierC ? 2 : 24);
    }
  });

  it('keeps scores whole numbers in 0..100 that are the exact sum of the factors', () => {
    for (const d of ranked) {
      expect(Number.isInteger(d.result.score)).toBe(true);
      expect(d.result.score).toBeGreaterThanOrEqual(0);
      expect(d.result.score).toBeLessThanOrEqual(100);
      expect(d.result.factors.reduce((s, f) => s + f.points, 0)).toBe(d.result.score);
    }
  });
});

describe('reasons', () => {
  it('lead with the biggest effect, in the "reason: +points" form', () => {
    const r = rankInquiry(
      inquiry({ grade: 'A', sampleRequest: true, buyer: { email: 'a@gmail.com', domainIsFreeMail: true } }),
    );
    expect(r.reasons[0]).toBe(`Asked for samples (grade A): +${DEFAULT_RANKING.weights.grade.A}`);
    expect(r.reasons).toContain(
      `Writes from a free-mail address (gmail.com): ${DEFAULT_RANKING.weights.freeMailDomain}`,
    );
    const magnitudes = r.factors.filter((f) => f.name !== 'clamp').map((f) => Math.abs(f.points));
    expect(magnitudes).toEqual([...magnitudes].sort((a, b) => b - a));
  });

  it('show a capped score as a clamp factor so the points still add up', () => {
    const r = rankInquiry(DESCRIBED[1]!.input, config);
    expect(r.score).toBe(100);
    const clamp = r.factors.find((f) => f.name === 'clamp');
    expect(clamp?.points).toBeLessThan(0);
    expect(r.reasons.some((s) => s.startsWith('Score capped'))).toBe(false);
  });

  it('name the customer SLA rule when a tier C customer gets 2 h outside P1', () => {
    const r = rankInquiry(inquiry({ customer: { tier: 'C', isReorder: false }, detailScore: 0.5 }));
    expect(r.tier).not.toBe('P1');
    expect(r.slaHours).toBe(2);
    expect(r.reasons.at(-1)).toBe('Tier C customer: answer within 2 h (customer rules)');
  });
});

describe('factors', () => {
  const score = (overrides: Parameters<typeof inquiry>[0]) => rankInquiry(inquiry(overrides)).score;
  const factorOf = (overrides: Parameters<typeof inquiry>[0], name: string) =>
    rankInquiry(inquiry(overrides)).factors.find((f) => f.name === name) ?? null;

  it('fraud signals pull down, per signal up to the cap', () => {
    const clean = score({ grade: 'B' });
    expect(score({ grade: 'B', spamSignals: ['a'] })).toBe(clean - 25);
    expect(factorOf({ grade: 'B', spamSignals: ['a', 'b', 'c', 'd'] }, 'fraud')?.points).toBe(-75);
  });

  it('reads containers (40HQ, FCL, 20ft) but not cartons (CTN)', () => {
    expect(factorOf({ quantity: 1, unit: '40HQ' }, 'value')?.points).toBe(15);
    expect(factorOf({ quantity: 4, unit: 'FCL' }, 'value')?.points).toBe(20);
    expect(factorOf({ quantity: 1, unit: "20'" }, 'value')?.points).toBe(15);
    expect(factorOf({ quantity: 1, unit: '20 ft GP' }, 'value')?.points).toBe(15);
    expect(factorOf({ quantity: 200, unit: 'ctns' }, 'value')).toBeNull();
    expect(factorOf({ quantity: 40, unit: 'pcs' }, 'value')).toBeNull();
  });

  it('reads bulk weight and piece counts', () => {
    expect(factorOf({ quantity: 25, unit: 'tons' }, 'value')?.points).toBe(15);
    expect(factorOf({ quantity: 25_000, unit: 'kg' }, 'value')?.points).toBe(15);
    expect(factorOf({ quantity: 5, unit: 'MT' }, 'value')).toBeNull();
    expect(factorOf({ quantity: 12_000, unit: 'pcs' }, 'value')?.points).toBe(10);
    expect(factorOf({ quantity: 1_500, unit: null }, 'value')?.reason).toBe(
      'Sizeable quantity (1,500 pieces)',
    );
  });

  it('values price x quantity in USD and keeps only the strongest value signal', () => {
    // 3,000 pcs x CNY 60 = CNY 180,000, about USD 25,200: the 20k band beats "sizeable quantity".
    const f = factorOf({ quantity: 3_000, unit: 'pcs', targetPrice: 60, currency: 'CNY' }, 'value');
    expect(f?.points).toBe(12);
    expect(f?.reason).toBe('Order worth about USD 25,200');
    expect(
      factorOf({ quantity: 3_000, unit: 'pcs', targetPrice: 60, currency: 'XYZ' }, 'value')?.points,
    ).toBe(5);
    expect(factorOf({ quantity: 1_000, targetPrice: 25 }, 'value')?.reason).toMatch(/currency assumed USD/);
  });

  it('treats grade D and generic lists as not naming specific products', () => {
    expect(factorOf({ grade: 'B', products: ['mug'] }, 'products')).not.toBeNull();
    expect(factorOf({ grade: 'D', products: ['tyres'] }, 'products')).toBeNull();
    expect(factorOf({ grade: 'C', genericRequest: true, products: ['all'] }, 'products')).toBeNull();
    expect(factorOf({ grade: 'B', products: ['a', 'b', 'c', 'd'] }, 'products')).toBeNull();
  });

  it('ranks existing customers by tier, not by the new-buyer grade scale', () => {
    expect(factorOf({ customer: { tier: 'B', isReorder: false } }, 'grade')).toBeNull();
    expect(factorOf({}, 'grade')?.points).toBe(DEFAULT_RANKING.weights.grade.ungraded);
    expect(score({ customer: { tier: 'A', isReorder: false } })).toBeGreaterThan(
      score({ customer: { tier: 'C', isReorder: false } }),
    );
  });

  it('counts repeat inquiries up to the cap, urgency, target market and platform weights', () => {
    expect(factorOf({ repeatInquiryCount: 1 }, 'repeat')?.points).toBe(5);
    expect(factorOf({ repeatInquiryCount: 7 }, 'repeat')?.points).toBe(10);
    expect(factorOf({ urgency: 'high' }, 'urgency')?.points).toBe(8);
    expect(factorOf({ buyer: { country: 'DE' } }, 'market')).toBeNull(); // no target markets configured
    expect(
      rankInquiry(inquiry({ buyer: { country: 'de' } }), config).factors.find((f) => f.name === 'market')
        ?.points,
    ).toBe(4);
    expect(factorOf({ kind: 'forwarded_inquiry' }, 'source')?.points).toBe(3);
  });
});

describe('configuration', () => {
  it('retunes a weight and the thresholds', () => {
    const input = DESCRIBED[7]!.input; // grade B, P2 by default
    const keen = rankingSchema.parse({ weights: { grade: { B: 60 } } });
    expect(rankInquiry(input).tier).toBe('P2');
    expect(rankInquiry(input, keen).tier).toBe('P1');
    expect(rankInquiry(input, keen).score - rankInquiry(input).score).toBe(20);
    const strict = rankingSchema.parse({ thresholds: { P1: 95, P2: 70 } });
    expect(rankInquiry(input, strict).tier).toBe('P3');
  });

  it('gives platform-specific weights and custom SLA hours', () => {
    const cfg = rankingSchema.parse({
      weights: { platforms: { alibaba: 6 } },
      slaHours: { P1: 1, P2: 8, P3: 16 },
    });
    const r = rankInquiry(DESCRIBED[0]!.input, cfg);
    expect(r.factors.find((f) => f.name === 'source')?.points).toBe(6);
    expect(r.slaHours).toBe(1);
    expect(rankInquiry(DESCRIBED[11]!.input, cfg).slaHours).toBe(16);
  });

  it('defaults to P1 >= 70, P2 >= 40 and SLA 2/24/24 h', () => {
    expect(DEFAULT_RANKING.thresholds).toEqual({ P1: 70, P2: 40 });
    expect(DEFAULT_RANKING.slaHours).toEqual({ P1: 2, P2: 24, P3: 24 });
  });

  it('explains invalid settings with the field and the fix', () => {
    const r = rankingSchema.safeParse({
      targetMarkets: ['Germany'],
      thresholds: { P1: 30, P2: 40 },
      slaHours: { P1: 48 },
      weights: { platforms: { Alibaba: 3 } },
    });
    expect(r.success).toBe(false);
    const lines = r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(lines).toContain("targetMarkets.0: 'Germany' is not an ISO country code; write e.g. DE or US");
    expect(lines).toContain('thresholds: P1 must be above P2 (defaults: P1 70, P2 40); raise P1 or lower P2');
    expect(lines).toContain(
      'slaHours: a higher tier cannot get a longer SLA; keep P1 <= P2 <= P3 (defaults 2, 24, 24)',
    );
    expect(lines).toContain(
      "weights.platforms.Alibaba: platform names are matched in lower case; write 'alibaba'",
    );
  });

  it('refuses out-of-range inputs instead of guessing', () => {
    expect(() => rankInquiry(inquiry({ detailScore: 1.5 }))).toThrow(/detailScore/);
    expect(() => rankInquiry(inquiry({ buyer: { signatureCompleteness: -0.1 } }))).toThrow(
      /signatureCompleteness/,
    );
    expect(() => rankInquiry(inquiry({ repeatInquiryCount: 1.5 }))).toThrow(/repeatInquiryCount/);
    expect(() => rankInquiry(inquiry({ quantity: Number.NaN }))).toThrow(/quantity/);
  });
});
