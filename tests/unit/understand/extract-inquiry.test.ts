import { describe, expect, it } from 'vitest';
import { extractInquiry } from '../../../src/understand/extract/index.ts';
import { EMPTY, LIGHTING, SOLAR } from './extract-catalogues.ts';

describe('extractInquiry: a detailed LED inquiry', () => {
  const body = `Dear Sir/Madam,

We are an importer in Brazil. We are looking for 20W LED panel lights 600x600mm, 4000K, with CE and RoHS.
Quantity: 5,000 pcs. Please quote FOB Ningbo and CIF Santos. Target price USD 3.20/pc.
Payment: T/T 30/70. Please send samples ASAP.

Best regards,
Carlos Silva
Purchasing Manager
Luz Brasil Importadora Ltda.
Tel: +55 11 3456 7890`;
  const f = extractInquiry(body, 'RE: Inquiry for LED panel', LIGHTING);

  it('reads every trade fact', () => {
    expect(f).toEqual({
      products: ['LED panel light'],
      quantity: 5000,
      unit: 'pcs',
      incoterm: 'FOB',
      incotermPlace: 'Ningbo',
      port: 'Santos',
      targetPrice: 3.2,
      currency: 'USD',
      certifications: ['CE', 'RoHS'],
      paymentTerms: 'T/T 30/70',
      sampleRequest: true,
      urgency: 'high',
      language: 'en',
      detailScore: 1,
      genericRequest: false,
      relatedOnly: false,
    });
  });
});

describe('extractInquiry: products', () => {
  it('matches synonyms case-insensitively and in the plural, keeping catalogue order of mention', () => {
    const f = extractInquiry(
      'Please quote 200 UFO high bays 150W and 300 flood lights 100W.',
      'Quotation request',
      LIGHTING,
    );
    expect(f.products).toEqual(['LED high bay', 'LED floodlight']);
    // "200 UFO high bays": a count right before the product counts pieces.
    expect(f.quantity).toBe(200);
    expect(f.unit).toBe('pcs');
  });

  it('needs whole words: "paneling" is not a panel light', () => {
    const f = extractInquiry(
      'We make wood paneling lightweight boards, please send your offer.',
      '',
      LIGHTING,
    );
    expect(f.products).toEqual([]);
  });

  it('matches Chinese synonyms without word boundaries', () => {
    const f = extractInquiry('您好，我们想采购LED面板灯5000个，请报FOB宁波价格。', '询价', LIGHTING);
    expect(f.products).toEqual(['LED panel light']);
    expect(f.quantity).toBe(5000);
    expect(f.unit).toBe('pcs');
    expect(f.incoterm).toBe('FOB');
    expect(f.incotermPlace).toBe('宁波');
    expect(f.language).toBe('zh');
  });

  it('falls back to a free-text product phrase when the catalogue has no match', () => {
    const f = extractInquiry(
      'Hello, we are looking for 20W LED panel lights for an office project in Dubai.',
      'Inquiry',
      EMPTY,
    );
    expect(f.products).toEqual(['20W LED panel lights']);
  });

  it('reads the product from a subject line such as "RFQ: ..."', () => {
    const f = extractInquiry(
      'Please see the details below and send your best offer.',
      'RFQ: stainless steel sink',
      EMPTY,
    );
    expect(f.products).toEqual(['stainless steel sink']);
  });

  it('takes a quoted listing title from a platform-style inquiry', () => {
    const f = extractInquiry(
      'Dear Supplier,\nI\'m interested in your product "Hot Sale 40W LED Panel Light 600x600 Ceiling Recessed". Please send me the price for 3000 pieces, delivery to Jeddah, Saudi Arabia.',
      'Inquiry from Alibaba',
      EMPTY,
    );
    expect(f.products).toEqual(['Hot Sale 40W LED Panel Light 600x600 Ceiling Recessed']);
    expect([f.quantity, f.unit, f.port]).toEqual([3000, 'pcs', 'Jeddah']);
  });

  it('reads platform and form fields ("Product:", "Quantity:")', () => {
    const f = extractInquiry(
      'Product: Outdoor Waterproof 100W LED Flood Light\nQuantity: 500 Piece/Pieces\nHi, please send best price with CE.',
      'New inquiry',
      EMPTY,
    );
    expect(f.products).toEqual(['Outdoor Waterproof 100W LED Flood Light']);
    expect([f.quantity, f.unit]).toEqual([500, 'pcs']);
    expect(f.certifications).toEqual(['CE']);
  });

  it('keeps "10,000" whole and strips the quantity from a free-text phrase', () => {
    const f = extractInquiry(
      'Hello,\nWe need 10,000 meters of 100% polyester fabric, 150cm width, 120gsm, navy blue. Price CIF Chittagong. L/C at sight.',
      '',
      EMPTY,
    );
    expect(f.products).toEqual(['100% polyester fabric']);
    expect([f.quantity, f.unit]).toEqual([10000, 'meters']);
    expect(f.paymentTerms).toBe('L/C at sight');
    expect(f.language).toBe('en');
  });

  it('reads "please quote ..." and a Chinese request mixing Latin product names', () => {
    expect(extractInquiry('Please quote 250 pcs 150W LED street lights, IP66.', '', EMPTY).products).toEqual([
      '150W LED street lights',
    ]);
    const zh = extractInquiry(
      '你好，我们需要 LED panel 600x600 40W 2000pcs，请报 FOB Shenzhen 价格。',
      '',
      EMPTY,
    );
    expect(zh.products).toEqual(['LED panel 600x600 40W']);
    expect([zh.quantity, zh.unit, zh.incoterm, zh.incotermPlace]).toEqual([2000, 'pcs', 'FOB', 'Shenzhen']);
  });

  it('strips Portuguese determiners and leaves container sizes out of the product', () => {
    const f = extractInquiry(
      'Temos interesse nos seus painéis solares de 550W. Precisamos de 2 contêineres de 40 pés, CIF Santos.',
      '',
      EMPTY,
    );
    expect(f.products).toEqual(['painéis solares de 550W']);
    expect([f.quantity, f.unit, f.port]).toEqual([2, 'containers', 'Santos']);
  });

  it('does not take "a reliable supplier" as a product', () => {
    const f = extractInquiry('We are looking for a reliable supplier for our stores.', '', EMPTY);
    expect(f.products).toEqual([]);
  });

  it('flags an inquiry that names only related products we do not make', () => {
    const f = extractInquiry('Do you have 5 meter LED strips, 12V, IP65? We need 2000 rolls.', '', LIGHTING);
    expect(f.relatedOnly).toBe(true);
    expect(f.products).toEqual(['LED strip']);
    expect(f.quantity).toBe(2000);
    expect(f.unit).toBe('rolls');
  });

  it('reads a count written before the product with spec words between ("40 DC ceiling fans")', () => {
    const f = extractInquiry("I'm after 40 DC ceiling fans with an LED light kit, 52 inch.", '', LIGHTING);
    expect([f.products, f.quantity, f.unit, f.relatedOnly]).toEqual([['ceiling fan'], 40, null, true]);
  });

  it('is not relatedOnly when one of ours is named too', () => {
    const f = extractInquiry('We need LED panels and LED strips for a hotel.', '', LIGHTING);
    expect(f.relatedOnly).toBe(false);
    expect(f.products).toEqual(['LED panel light']);
  });

  it('matches plural catalogue entries against a singular mention ("batteries" vs "battery")', () => {
    const f = extractInquiry('Need one 48V 100Ah battery with hybrid inverter 5kW.', '', SOLAR);
    expect(f.products).toEqual(['lithium battery', 'solar inverter']);
  });
});
