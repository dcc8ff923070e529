import { describe, expect, it } from 'vitest';
import { countDetailFacts, FULL_DETAIL_FACTS } from '../../../src/understand/extract/detail.ts';

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

  it('counts no further than a full score, whatever is left to find', () => {
    const everything = {
      product: true,
      quantity: true,
      incoterm: true,
      port: true,
      certification: true,
      targetPrice: true,
      payment: true,
    };
    const text = '40W AC220V 600x600mm aluminium frame, white, IP65. Packing: carton. 3 years warranty.';
    expect(countDetailFacts(text, everything)).toBe(FULL_DETAIL_FACTS);
    // The seven found elsewhere are one short of full: a specification or a packaging line fills it.
    expect(countDetailFacts('Packing: carton.', everything)).toBe(FULL_DETAIL_FACTS);
    expect(countDetailFacts('Panel 40W', everything)).toBe(FULL_DETAIL_FACTS);
    expect(countDetailFacts('Nothing specific.', everything)).toBe(FULL_DETAIL_FACTS - 1);
    expect(countDetailFacts('Panel 40W', { ...everything, payment: false })).toBe(FULL_DETAIL_FACTS - 1);
  });
});
