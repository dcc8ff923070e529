import { describe, expect, it } from 'vitest';
import {
  type Catalogue,
  extractInquiry,
  GRADE_B_MIN_DETAIL,
  gradeInquiry,
  type InquiryFields,
} from '../../../src/understand/extract/index.ts';

const CATALOGUE: Catalogue = {
  products: [
    { name: 'LED panel light', synonyms: ['LED panel', 'panel light'] },
    { name: 'LED floodlight', synonyms: ['flood light'] },
    { name: 'office chair', synonyms: ['mesh chair', 'ergonomic chair'] },
  ],
  related: ['solar panel', 'LED strip', 'sofa'],
};

const base: InquiryFields = {
  products: ['LED panel light'],
  quantity: null,
  unit: null,
  incoterm: null,
  incotermPlace: null,
  port: null,
  targetPrice: null,
  currency: null,
  certifications: [],
  paymentTerms: null,
  sampleRequest: false,
  urgency: 'normal',
  language: 'en',
  detailScore: 0,
  genericRequest: false,
  relatedOnly: false,
};

describe('gradeInquiry rules', () => {
  it('A for a sample request, even when otherwise generic', () => {
    expect(gradeInquiry({ ...base, sampleRequest: true, genericRequest: true })).toBe('A');
  });

  it('D before A: samples of a product we do not make', () => {
    expect(gradeInquiry({ ...base, sampleRequest: true, relatedOnly: true })).toBe('D');
  });

  it('B needs a named product and at least the B detail threshold', () => {
    expect(GRADE_B_MIN_DETAIL).toBe(0.375);
    expect(gradeInquiry({ ...base, detailScore: 0.375 })).toBe('B');
    expect(gradeInquiry({ ...base, detailScore: 0.25 })).toBe('C');
    expect(gradeInquiry({ ...base, products: [], detailScore: 0.9 })).toBe('C');
  });

  it('C for a generic request whatever its score', () => {
    expect(gradeInquiry({ ...base, detailScore: 0.8, genericRequest: true })).toBe('C');
  });
});

describe('gradeInquiry on real-looking inquiries', () => {
  const grade = (body: string, subject = 'Inquiry') => gradeInquiry(extractInquiry(body, subject, CATALOGUE));

  it('A: a buyer asking for samples of our panels', () => {
    expect(
      grade(
        'Hi, we are a lighting distributor in Poland. Can you send 2 samples of your 36W LED panel for testing? We pay the freight.',
      ),
    ).toBe('A');
  });

  it('B: a careful question about one specific product', () => {
    expect(
      grade(
        'Dear Lisa,\nFor our warehouse project we need 120 pcs LED floodlight 200W, IP66, 5000K, with 5 years warranty. Please quote CIF Durban and advise the lead time.\nRegards,\nPieter',
      ),
    ).toBe('B');
  });

  it('C: catalogue and price list of everything', () => {
    expect(
      grade(
        'Dear Sir/Madam,\nWe are interested in your products. Kindly send us your latest catalogue and full price list.\nBest regards',
      ),
    ).toBe('C');
  });

  it('C: a one-line question with no detail', () => {
    expect(grade('How much is your LED panel?')).toBe('C');
  });

  it('D: asks only about products we do not make', () => {
    expect(grade('Do you sell 3-seater sofas and solar panels? We need 2 containers.', 'Sofa inquiry')).toBe(
      'D',
    );
  });

  it('not A when samples are explicitly not needed', () => {
    expect(
      grade(
        'We need 3000 pcs mesh chairs, black, nylon base, FOB Ningbo, target USD 28/pc. We do not need samples, we bought from you before.',
      ),
    ).toBe('B');
  });
});
