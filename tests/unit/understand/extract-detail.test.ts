import { describe, expect, it } from 'vitest';
import { countDetailFacts } from '../../../src/understand/extract/detail.ts';

const NOTHING_KNOWN = {
  product: false,
  quantity: false,
  incoterm: false,
  port: false,
  certification: false,
  targetPrice: false,
  payment: false,
};

describe('countDetailFacts', () => {
  it('counts each kind of specification once, up to four kinds', () => {
    expect(countDetailFacts('Panel 40W, 40W or 36W', NOTHING_KNOWN)).toBe(1);
    expect(countDetailFacts('Panel 40W, AC220V', NOTHING_KNOWN)).toBe(2);
    // power, electrical, dimensions, material, colour, rating, model: seven kinds, four count.
    expect(
      countDetailFacts('40W AC220V 600x600mm aluminium frame, white, IP65, model LP-600', NOTHING_KNOWN),
    ).toBe(4);
  });

  it('adds the packaging, delivery and warranty facts and what other extractors found', () => {
    const text = '40W AC220V 600x600mm aluminium frame, white, IP65. Packing: carton. 3 years warranty.';
    expect(countDetailFacts(text, NOTHING_KNOWN)).toBe(6);
    expect(countDetailFacts(text, { ...NOTHING_KNOWN, product: true, quantity: true })).toBe(8);
  });
});
