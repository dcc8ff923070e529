/** Described inquiries for the ranking tests, built from one neutral base. */
import type { RankInput } from '../../../src/rank/priority.ts';

export const base: RankInput = {
  kind: 'inquiry',
  grade: null,
  detailScore: 0.3,
  genericRequest: false,
  quantity: null,
  unit: null,
  targetPrice: null,
  currency: null,
  products: [],
  certifications: [],
  sampleRequest: false,
  urgency: 'normal',
  buyer: { email: null, domainIsFreeMail: false, hasWebsite: false, signatureCompleteness: 0, country: null },
  customer: null,
  repeatInquiryCount: 0,
  platform: null,
  spamSignals: [],
};

type Overrides = Omit<Partial<RankInput>, 'buyer'> & { buyer?: Partial<RankInput['buyer']> };

export function inquiry(overrides: Overrides): RankInput {
  return { ...base, ...overrides, buyer: { ...base.buyer, ...overrides.buyer } };
}

export interface Described {
  readonly description: string;
  readonly expected: 'P1' | 'P2' | 'P3';
  readonly input: RankInput;
}

const gmailBuyer = { email: 'tom.buyer@gmail.com', domainIsFreeMail: true, signatureCompleteness: 0.2 };
const germanImporter = {
  email: 'einkauf@lichtwerk-import.de',
  domainIsFreeMail: false,
  hasWebsite: true,
  signatureCompleteness: 0.9,
  country: 'DE',
};

export const DESCRIBED: readonly Described[] = [
  {
    description: 'sample request from a Gmail buyer with a thin signature, via Alibaba',
    expected: 'P1',
    input: inquiry({
      kind: 'platform_inquiry',
      platform: 'Alibaba',
      grade: 'A',
      sampleRequest: true,
      detailScore: 0.4,
      products: ['LED panel light 600x600'],
      buyer: { ...gmailBuyer, country: 'NG' },
    }),
  },
  {
    description: 'sample request from a German importer with full signature',
    expected: 'P1',
    input: inquiry({
      grade: 'A',
      sampleRequest: true,
      detailScore: 0.7,
      products: ['LED high bay 150W'],
      certifications: ['CE', 'RoHS'],
      buyer: germanImporter,
    }),
  },
  {
    description: 'sample request the classifier graded B (extraction saw the sample ask)',
    expected: 'P1',
    input: inquiry({
      grade: 'B',
      sampleRequest: true,
      detailScore: 0.5,
      products: ['solar street light'],
      buyer: gmailBuyer,
    }),
  },
  {
    description: 'detailed RFQ for two 40HQ containers with target price, grade B, free mail',
    expected: 'P1',
    input: inquiry({
      grade: 'B',
      detailScore: 0.8,
      quantity: 2,
      unit: "40'HQ",
      targetPrice: 3.2,
      currency: 'USD',
      products: ['PVC garden hose 1/2"'],
      buyer: { ...gmailBuyer, country: 'US' },
    }),
  },
  {
    description: 'detailed RFQ for 50,000 pcs at EUR 2.40 from a corporate buyer',
    expected: 'P1',
    input: inquiry({
      grade: 'B',
      detailScore: 0.85,
      quantity: 50_000,
      unit: 'pcs',
      targetPrice: 2.4,
      currency: 'EUR',
      products: ['silicone baking mat'],
      certifications: ['LFGB'],
      buyer: germanImporter,
    }),
  },
  {
    description: 'reorder from a tier C customer, ungraded, short mail',
    expected: 'P1',
    input: inquiry({
      customer: { tier: 'C', isReorder: true },
      detailScore: 0.2,
      buyer: { email: 'po@shop.fr', country: 'FR' },
    }),
  },
  {
    description: 'reorder from a tier A customer',
    expected: 'P1',
    input: inquiry({
      customer: { tier: 'A', isReorder: true },
      grade: null,
      detailScore: 0.5,
      buyer: germanImporter,
    }),
  },
  {
    description: 'grade B question about one product, moderate detail, corporate buyer',
    expected: 'P2',
    input: inquiry({
      grade: 'B',
      detailScore: 0.5,
      products: ['stainless steel tumbler 20oz'],
      buyer: { email: 'sourcing@homegoods.com', signatureCompleteness: 0.6, country: 'US' },
    }),
  },
  {
    description: 'grade B platform inquiry from Made-in-China with little detail',
    expected: 'P2',
    input: inquiry({
      kind: 'platform_inquiry',
      platform: 'Made-in-China',
      grade: 'B',
      detailScore: 0.3,
      products: ['office chair'],
      buyer: { country: 'IN' },
    }),
  },
  {
    description: 'tier A customer asking a general question (not a reorder)',
    expected: 'P2',
    input: inquiry({ customer: { tier: 'A', isReorder: false }, detailScore: 0.3, buyer: germanImporter }),
  },
  {
    description: 'ungraded website-form inquiry for 2,000 pcs from a corporate buyer, urgent',
    expected: 'P2',
    input: inquiry({
      kind: 'form_inquiry',
      detailScore: 0.4,
      quantity: 2_000,
      unit: 'pcs',
      urgency: 'high',
      buyer: { email: 'info@brightbuild.ae', hasWebsite: true, signatureCompleteness: 0.5, country: 'AE' },
    }),
  },
  {
    description: 'generic "send me your price list" from a free-mail address',
    expected: 'P3',
    input: inquiry({ grade: 'C', genericRequest: true, detailScore: 0.1, buyer: gmailBuyer }),
  },
  {
    description: 'generic mass RFQ on a platform asking for a catalogue of everything',
    expected: 'P3',
    input: inquiry({
      kind: 'platform_inquiry',
      platform: 'Alibaba',
      grade: 'C',
      genericRequest: true,
      detailScore: 0.15,
      products: ['all products'],
      buyer: { country: 'PK' },
    }),
  },
  {
    description: 'grade D: asks only about related products we do not make',
    expected: 'P3',
    input: inquiry({
      grade: 'D',
      detailScore: 0.4,
      products: ['car tyres'],
      buyer: { email: 'buy@autoparts.co.za', signatureCompleteness: 0.5, country: 'ZA' },
    }),
  },
  {
    description: 'sample request with fraud signals (link-only mail, mismatched Reply-To)',
    expected: 'P3',
    input: inquiry({
      grade: 'A',
      sampleRequest: true,
      detailScore: 0.2,
      buyer: gmailBuyer,
      spamSignals: ['link_only_body', 'reply_to_mismatch'],
    }),
  },
];
