/** Customer tiers from purchase data, review cadence and the 3-month wake-up rule. */
import { describe, expect, it } from 'vitest';
import { customerTier, needsWakeUp, nextReviewAt, regradeDue } from '../../../src/rank/customer-tier.ts';

const now = new Date('2026-06-30T00:00:00Z');
const at = (s: string) => new Date(`${s}T00:00:00Z`);

function purchases(previousYear: number, lastYear: number) {
  return [
    { at: at('2024-09-01'), amount: previousYear / 2 },
    { at: at('2025-03-01'), amount: previousYear / 2 },
    { at: at('2025-09-01'), amount: lastYear / 2 },
    { at: at('2026-03-01'), amount: lastYear / 2 },
  ];
}

describe('customerTier', () => {
  it('A: over 30% of annual purchases and 2+ years of cooperation', () => {
    const d = customerTier(
      { purchaseShare: 0.35, customerSince: at('2023-05-01'), purchases: purchases(100, 100) },
      now,
    );
    expect(d.tier).toBe('A');
    expect(d.reasons[0]).toBe('35% of annual purchases (over 30%)');
    expect(d.reasons[1]).toBe('Cooperating for 3 years (2+ required)');
  });

  it('not A at exactly 30%, nor with a big share but under 2 years', () => {
    expect(
      customerTier({ purchaseShare: 0.3, customerSince: at('2020-01-01'), purchases: [] }, now).tier,
    ).toBe('C');
    const young = customerTier({ purchaseShare: 0.5, customerSince: at('2024-07-15'), purchases: [] }, now);
    expect(young.tier).toBe('C');
    expect(young.reasons).toContain('Not A: cooperating 1 of 2 years needed');
    expect(
      customerTier({ purchaseShare: 0.5, customerSince: at('2024-06-30'), purchases: [] }, now).tier,
    ).toBe('A');
  });

  it('B: purchases rising over the previous 12 months', () => {
    const d = customerTier(
      { purchaseShare: 0.05, customerSince: at('2024-01-01'), purchases: purchases(100, 150) },
      now,
    );
    expect(d.tier).toBe('B');
    expect(d.reasons[0]).toBe('Purchases rising: 50% over the previous 12 months');
  });

  it('C: flat, falling, or no earlier year to compare with', () => {
    expect(
      customerTier({ purchaseShare: 0.05, customerSince: null, purchases: purchases(100, 105) }, now).tier,
    ).toBe('C');
    expect(
      customerTier({ purchaseShare: 0.05, customerSince: null, purchases: purchases(100, 60) }, now).tier,
    ).toBe('C');
    const fresh = customerTier(
      { purchaseShare: null, customerSince: at('2026-01-01'), purchases: purchases(0, 500) },
      now,
    );
    expect(fresh.tier).toBe('C');
    expect(fresh.reasons[0]).toBe('No purchase history before the last 12 months to show a rise');
  });

  it('takes custom thresholds and refuses a share outside 0..1', () => {
    const input = { purchaseShare: 0.25, customerSince: at('2023-01-01'), purchases: purchases(100, 105) };
    expect(customerTier(input, now, { coreShare: 0.2 }).tier).toBe('A');
    expect(customerTier(input, now, { risingGrowth: 0.03 }).tier).toBe('B');
    expect(() => customerTier({ ...input, purchaseShare: 30 }, now)).toThrow(/between 0 and 1/);
  });
});

describe('review cadence', () => {
  it('revisits A quarterly, B half-yearly, C yearly', () => {
    expect(nextReviewAt('A', at('2026-01-31')).toISOString().slice(0, 10)).toBe('2026-04-30');
    expect(nextReviewAt('B', at('2026-01-15')).toISOString().slice(0, 10)).toBe('2026-07-15');
    expect(nextReviewAt('C', at('2026-01-15')).toISOString().slice(0, 10)).toBe('2027-01-15');
  });

  it('re-grades every six months', () => {
    expect(regradeDue(at('2026-01-01'), now)).toBe(false);
    expect(regradeDue(at('2025-12-30'), now)).toBe(true);
    expect(regradeDue(null, now)).toBe(true);
  });
});

describe('needsWakeUp', () => {
  it('is due after 3 months without an inquiry, with the reason', () => {
    expect(needsWakeUp(at('2026-04-01'), now)).toBeNull();
    expect(needsWakeUp(at('2026-03-31'), now)).toBe(
      'No inquiry for 3 months (last on 2026-03-31): send a wake-up mail',
    );
    expect(needsWakeUp(at('2025-12-01'), now)).toBe(
      'No inquiry for 6 months (last on 2025-12-01): send a wake-up mail',
    );
  });

  it('handles month ends (30 Nov + 3 months = 28 Feb) and a custom period', () => {
    expect(needsWakeUp(at('2025-11-30'), at('2026-02-27'))).toBeNull();
    expect(needsWakeUp(at('2025-11-30'), at('2026-02-28'))).not.toBeNull();
    expect(needsWakeUp(at('2026-05-01'), now, 1)).toMatch(/^No inquiry for 1 months/);
    expect(() => needsWakeUp(at('2026-05-01'), now, 0)).toThrow(/above 0/);
  });

  it('asks for a wake-up when no inquiry was ever recorded', () => {
    expect(needsWakeUp(null, now)).toBe('No inquiry on record: send a wake-up mail');
  });
});
