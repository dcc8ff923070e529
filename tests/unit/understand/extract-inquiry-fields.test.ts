import { describe, expect, it } from 'vitest';
import { extractInquiry } from '../../../src/understand/extract/index.ts';
import { EMPTY, FURNITURE, LIGHTING, MACHINERY, SOLAR, TEXTILES } from './extract-catalogues.ts';

describe('extractInquiry: quantity and unit', () => {
  const cases: [string, number | null, string | null][] = [
    ['We need 5,000 pcs for the first order.', 5000, 'pcs'],
    ['Our order will be 2x40HQ containers per month.', 2, '40HQ'],
    ['Please quote for 1 container of mixed models.', 1, 'containers'],
    ['We want one 20ft container to start.', 1, '20GP'],
    ['Please quote one container of mixed models.', 1, 'containers'],
    ['We ship TWO FCL a month.', 2, 'containers'],
    ['Three cntrs by March, please.', 3, 'containers'],
    ['Quantity 3000 sets, packed in color boxes.', 3000, 'sets'],
    ['We can take 10 tons of cotton yarn.', 10, 'tons'],
    ['What is your MOQ? Is MOQ 500 pcs possible?', null, null],
    ['We need 5.000 Stück, Lieferung nach Hamburg.', 5000, 'pcs'],
    ['Necesitamos 1.200 piezas de sillas de oficina.', 1200, 'pcs'],
    ['Qty: 2000', 2000, null],
    ['Packing: 50 pcs per carton. We need 8000 pcs.', 8000, 'pcs'],
    ['Нужно 300 шт, срочно.', 300, 'pcs'],
    ['需要500套，请报价。', 500, 'sets'],
    ['We need 5k pcs of 9W bulbs.', 5000, 'pcs'],
    ['1.5 tons of polyester fabric, please.', 1.5, 'tons'],
  ];
  it.each(cases)('%s', (text, quantity, unit) => {
    const f = extractInquiry(text, '', EMPTY);
    expect(f.quantity).toBe(quantity);
    expect(f.unit).toBe(unit);
  });
});

describe('extractInquiry: Incoterm, place and port', () => {
  it('reads "CIF Hamburg" as the term, its place and the destination port', () => {
    const f = extractInquiry('Please offer CIF Hamburg for 500 units.', '', EMPTY);
    expect([f.incoterm, f.incotermPlace, f.port]).toEqual(['CIF', 'Hamburg', 'Hamburg']);
  });

  it('keeps an FOB place as loading place, not destination', () => {
    const f = extractInquiry('Price FOB Shenzhen please, port of destination: Jebel Ali.', '', EMPTY);
    expect([f.incoterm, f.incotermPlace, f.port]).toEqual(['FOB', 'Shenzhen', 'Jebel Ali']);
  });

  it('maps C&F to CFR and reads "delivery to Santos port"', () => {
    const f = extractInquiry('Need C&F price, delivery to Santos port.', '', EMPTY);
    expect([f.incoterm, f.incotermPlace, f.port]).toEqual(['CFR', null, 'Santos']);
  });

  it('reads "ex works" and a "ship to Lagos" destination', () => {
    const f = extractInquiry('Quote ex works first; later we ship to Lagos by sea.', '', EMPTY);
    expect([f.incoterm, f.port]).toEqual(['EXW', 'Lagos']);
  });

  it('does not take a country as a port', () => {
    const f = extractInquiry('We will ship to Nigeria next month.', '', EMPTY);
    expect(f.port).toBeNull();
  });

  it('does not take "FOB price" as a place', () => {
    const f = extractInquiry('What is your FOB price for 20W panels?', '', EMPTY);
    expect([f.incoterm, f.incotermPlace]).toEqual(['FOB', null]);
  });
});

describe('extractInquiry: price and currency', () => {
  const cases: [string, number | null, string | null][] = [
    ['Our target price is $2.50/pc.', 2.5, 'USD'],
    ['We can accept US$ 3 per piece.', 3, 'USD'],
    ['Target price 2.5 USD, CIF Lagos.', 2.5, 'USD'],
    ['Zielpreis EUR 1,20 pro Stück.', 1.2, 'EUR'],
    ['Our budget is around £45 each.', 45, 'GBP'],
    ['目标价15元/个。', 15, 'CNY'],
    ['Price should be below RMB 20 per set.', 20, 'CNY'],
    ['Precio objetivo 3 dólares por pieza.', 3, 'USD'],
    ['Preço alvo: R$ 10 por peça.', 10, 'BRL'],
    ['Цена 5 USD за штуку.', 5, 'USD'],
    ['Notre prix cible est 2,5 € par pièce.', 2.5, 'EUR'],
    ['Please quote in USD.', null, 'USD'],
    ['We are a $10 million company.', null, 'USD'],
    ['We paid AED 1,500 for the last shipment of samples.', null, 'AED'],
  ];
  it.each(cases)('%s', (text, price, currency) => {
    const f = extractInquiry(text, '', EMPTY);
    expect(f.targetPrice).toBe(price);
    expect(f.currency).toBe(currency);
  });
});

describe('extractInquiry: certifications and payment terms', () => {
  it('lists certifications in order of mention with canonical labels', () => {
    const f = extractInquiry(
      'Products must have UL/DLC listing for the US, ISO9001 factory, SASO for Saudi and TÜV GS marks.',
      '',
      EMPTY,
    );
    expect(f.certifications).toEqual(['UL', 'DLC', 'ISO 9001', 'SASO', 'TUV', 'GS']);
  });

  it('does not read the French word "ce" or the German "bis" as marks', () => {
    const f = extractInquiry('Nous voulons ce produit bis demain, merci.', '', EMPTY);
    expect(f.certifications).toEqual([]);
  });

  const payments: [string, string | null][] = [
    ['Payment: 30% deposit, 70% balance before shipment.', 'T/T 30/70'],
    ['We pay by L/C at sight only.', 'L/C at sight'],
    ['Payment terms: D/P or L/C 60 days.', 'D/P, L/C 60 days'],
    ['We prefer O/A 60 days after a trial order paid by Western Union.', 'O/A 60 days, Western Union'],
    ['Can we pay with PayPal for the sample?', 'PayPal'],
    ['Payment 30% deposit, balance against copy of B/L.', 'T/T 30/70'],
    ['Net weight 30 kg per carton.', null],
  ];
  it.each(payments)('payment: %s', (text, terms) => {
    expect(extractInquiry(text, '', EMPTY).paymentTerms).toBe(terms);
  });
});

describe('extractInquiry: sample request and urgency', () => {
  const samples: [string, boolean][] = [
    ['Could you send us 2 samples before we place the order?', true],
    ['We would like a sample order of 20 pcs.', true],
    ['Do you offer free samples?', true],
    ['We don\u2019t need samples, we know your quality.', false],
    ['No samples needed, please quote directly.', false],
    ['No problem to pay the sample cost.', true],
    ['Por favor envíenos una muestra.', true],
    ['Können Sie uns ein Muster schicken?', true],
    ['Pouvez-vous envoyer un échantillon ?', true],
    ['Пришлите, пожалуйста, образец.', true],
    ['请寄样品给我们。', true],
    ['我们不需要样品。', false],
    ['See the sample photo attached for the design.', false],
    ['يرجى إرسال عرض السعر والعينة بشكل عاجل', true],
  ];
  it.each(samples)('sample: %s', (text, expected) => {
    expect(extractInquiry(text, '', EMPTY).sampleRequest).toBe(expected);
  });

  const urgency: [string, 'high' | 'normal'][] = [
    ['This is urgent, please reply.', 'high'],
    ['Please send your quotation ASAP.', 'high'],
    ['We need your offer by Friday.', 'high'],
    ['Need quotation today for our tender.', 'high'],
    ['紧急询价', 'high'],
    ['Es urgente, gracias.', 'high'],
    ['It is not urgent, take your time.', 'normal'],
    ['Please reply when you can.', 'normal'],
  ];
  it.each(urgency)('urgency: %s', (text, expected) => {
    expect(extractInquiry(text, '', EMPTY).urgency).toBe(expected);
  });
});

describe('extractInquiry: generic requests and detail score', () => {
  it('treats "please send your catalogue and price list" as generic with no detail', () => {
    const f = extractInquiry(
      'Dear Sir/Madam,\nWe are interested in your products. Please send your catalogue and price list.\nThanks',
      'Inquiry',
      LIGHTING,
    );
    expect(f.genericRequest).toBe(true);
    expect(f.detailScore).toBe(0);
    expect(f.products).toEqual([]);
  });

  it('treats "quote all your products" as generic even with a quantity', () => {
    const f = extractInquiry(
      'Please quote all your products, we buy 1 container every month.',
      '',
      FURNITURE,
    );
    expect(f.genericRequest).toBe(true);
  });

  it('is not generic when a mass greeting is followed by specifics', () => {
    const f = extractInquiry(
      'Dear Sir,\nWe need 300 mesh chairs, black, with aluminum base, FOB Xiamen.\nRegards',
      '',
      FURNITURE,
    );
    expect(f.genericRequest).toBe(false);
    expect(f.products).toEqual(['office chair']);
    // product, colour, material, quantity, incoterm = 5 facts of 8
    expect(f.detailScore).toBe(0.625);
  });

  it('scores a bare product mention low', () => {
    const f = extractInquiry('Please quote your bath towels.', '', TEXTILES);
    expect(f.detailScore).toBe(0.125);
    expect(f.genericRequest).toBe(false);
  });

  it('caps the detail score at 1', () => {
    const f = extractInquiry(
      'Hotel towel 70x140cm, 600gsm, white, 100% cotton, 5000 pcs, OEM logo, packing 10 pcs/bag, CIF Jeddah, OEKO-TEX, target USD 4.5/pc, T/T 30/70, delivery within 45 days, 1 year warranty.',
      '',
      TEXTILES,
    );
    expect(f.detailScore).toBe(1);
    expect(f.certifications).toEqual(['OEKO-TEX']);
    expect(f.port).toBe('Jeddah');
  });
});

describe('extractInquiry: other languages and mail structure', () => {
  it('reads a Spanish furniture inquiry', () => {
    const f = extractInquiry(
      'Estimados señores:\nSomos importadores de muebles en México. Necesitamos 500 sillas de oficina, precio CIF Manzanillo. ¿Pueden enviar una muestra?\nSaludos cordiales,\nJuan Pérez',
      'Cotización',
      FURNITURE,
    );
    expect(f.products).toEqual(['office chair']);
    expect([f.quantity, f.unit]).toEqual([500, 'pcs']);
    expect([f.incoterm, f.incotermPlace, f.port]).toEqual(['CIF', 'Manzanillo', 'Manzanillo']);
    expect(f.sampleRequest).toBe(true);
    expect(f.language).toBe('es');
  });

  it('reads a German solar inquiry', () => {
    const f = extractInquiry(
      'Sehr geehrte Damen und Herren,\nwir suchen 450W Solarmodule, Menge: 2x40HQ, Lieferung DDP Hamburg. Bitte senden Sie uns Ihre Preisliste.\nMit freundlichen Grüßen\nKlaus Weber',
      'Anfrage Solarmodule',
      SOLAR,
    );
    expect(f.products).toEqual(['solar panel']);
    expect([f.quantity, f.unit]).toEqual([2, '40HQ']);
    expect([f.incoterm, f.incotermPlace, f.port]).toEqual(['DDP', 'Hamburg', 'Hamburg']);
    expect(f.genericRequest).toBe(false);
    expect(f.language).toBe('de');
  });

  it('reads a Russian inquiry', () => {
    const f = extractInquiry(
      'Здравствуйте! Нас интересует солнечная панель 550 Вт, 100 шт. Какая цена? Пришлите образец.',
      '',
      SOLAR,
    );
    expect(f.products).toEqual(['solar panel']);
    expect([f.quantity, f.unit]).toEqual([100, 'pcs']);
    expect(f.sampleRequest).toBe(true);
    expect(f.language).toBe('ru');
  });

  it('ignores the quoted part of a reply and the signature', () => {
    const body = [
      'Thanks, please also add 1000 pcs of 40W.',
      '',
      'Best regards,',
      'Tom Lee',
      'Lee Lighting Pty Ltd',
      '',
      'On Mon, 3 Mar 2025 at 10:00, Sales <sales@example.cn> wrote:',
      '> Our offer: LED floodlight 100W USD 12.50/pc FOB Ningbo, samples free.',
    ].join('\n');
    const f = extractInquiry(body, 'Re: Offer', LIGHTING);
    expect(f.products).toEqual([]);
    expect(f.targetPrice).toBeNull();
    expect(f.incoterm).toBeNull();
    expect(f.sampleRequest).toBe(false);
    expect([f.quantity, f.unit]).toEqual([1000, 'pcs']);
  });

  it('stops at a localised "original message" header', () => {
    const body = [
      'Olá Lily, por favor enviem 2 amostras do painel.',
      '',
      '----- Mensagem original -----',
      'De: "Lily Chen" <lily@example.cn>',
      'Temos uma oferta especial de painel LED 60x60 40W por USD 9.50/pc FOB Ningbo.',
    ].join('\n');
    const f = extractInquiry(body, 'Re: Painel LED', LIGHTING);
    expect([f.sampleRequest, f.targetPrice, f.incoterm]).toEqual([true, null, null]);
  });

  it('reads an injection machine inquiry with a machine-count unit', () => {
    const f = extractInquiry(
      'We require 2 units of injection moulding machine 250 ton clamping force, 380V 50Hz, CE certificate, CIF Mombasa. Delivery time?',
      '',
      MACHINERY,
    );
    expect(f.products).toEqual(['injection molding machine']);
    expect([f.quantity, f.unit]).toEqual([2, 'units']);
    expect(f.certifications).toEqual(['CE']);
    expect(f.port).toBe('Mombasa');
    expect(f.detailScore).toBe(0.875);
  });

  it('does not mistake an opening "Thank you!" for the signature, and keeps a P.S.', () => {
    const opening = extractInquiry('Thank you!\nPlease send 2 samples of the 40W panel.', '', LIGHTING);
    expect(opening.sampleRequest).toBe(true);
    const ps = extractInquiry(
      'Please quote 500 pcs LED panels.\nThanks\nJohn\n\nP.S. we would also like some samples of the floodlight.',
      '',
      LIGHTING,
    );
    expect(ps.sampleRequest).toBe(true);
    expect(ps.products).toEqual(['LED panel light', 'LED floodlight']);
  });

  it('reads an Arabic request: quantity in قطعة, sample and urgency', () => {
    const f = extractInquiry(
      'السلام عليكم، نحن شركة في دبي نحتاج 500 قطعة من الكراسي المكتبية. يرجى إرسال عرض السعر والعينة بشكل عاجل.',
      '',
      EMPTY,
    );
    expect([f.quantity, f.unit, f.sampleRequest, f.urgency, f.language]).toEqual([
      500,
      'pcs',
      true,
      'high',
      'ar',
    ]);
  });

  it('accepts full-width digits typed with a Chinese input method', () => {
    const f = extractInquiry('需要面板灯５０００个，目标价１２元。', '', LIGHTING);
    expect([f.quantity, f.unit, f.targetPrice, f.currency]).toEqual([5000, 'pcs', 12, 'CNY']);
  });
});
