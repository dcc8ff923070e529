import { describe, expect, it } from 'vitest';
import { extractBuyer, parseSignature } from '../../../src/understand/extract/index.ts';

const buyer = (body: string, email: string | null, displayName: string | null = null) =>
  extractBuyer({ email, displayName, body, signature: null });

describe('parseSignature', () => {
  it('reads an English signature after "Best regards,"', () => {
    const body = `Hello,

Please quote 2000 pcs of 100W floodlights, CIF Houston.

Best regards,
John Smith
Purchasing Manager
Bright Star Trading LLC
Tel: +1 (713) 555-0147
www.brightstar-trading.com`;
    expect(parseSignature(body)).toEqual({
      signature: [
        'John Smith',
        'Purchasing Manager',
        'Bright Star Trading LLC',
        'Tel: +1 (713) 555-0147',
        'www.brightstar-trading.com',
      ].join('\n'),
      fields: {
        name: 'John Smith',
        title: 'Purchasing Manager',
        company: 'Bright Star Trading LLC',
        phone: '+17135550147',
        website: 'brightstar-trading.com',
        country: 'US',
      },
    });
  });

  it('splits "name | title | company" lines', () => {
    const r = parseSignature(
      'We need samples.\n\nKind regards\nAna Costa | Head of Sourcing | Casa Viva Decor Lda\nM: +351 912 345 678',
    );
    expect(r.fields).toEqual({
      name: 'Ana Costa',
      title: 'Head of Sourcing',
      company: 'Casa Viva Decor Lda',
      phone: '+351912345678',
      country: 'PT',
    });
  });

  it('takes the name written on the closing line itself', () => {
    const r = parseSignature(
      'Please send the price list.\n\nBest regards, Peter Novak\nNovak Elektro s.r.o.',
    );
    expect(r.fields.name).toBe('Peter Novak');
    expect(r.fields.company).toBe('Novak Elektro s.r.o.');
  });

  it('reads a Chinese signature', () => {
    const r = parseSignature(
      '请报价LED面板灯。\n\n此致\n敬礼\n陈明\n采购经理\n新加坡明光贸易有限公司\n电话：+65 6123 4567',
    );
    expect(r.fields).toEqual({
      name: '陈明',
      title: '采购经理',
      company: '新加坡明光贸易有限公司',
      phone: '+6561234567',
      country: 'SG',
    });
  });

  it('reads a Russian signature', () => {
    const r = parseSignature(
      'Пришлите прайс-лист.\n\nС уважением,\nИван Петров\nДиректор по закупкам\nООО Светлый Дом\nТел.: +7 495 123-45-67',
    );
    expect(r.fields).toEqual({
      name: 'Иван Петров',
      title: 'Директор по закупкам',
      company: 'ООО Светлый Дом',
      phone: '+74951234567',
      country: 'RU',
    });
  });

  it('uses the RFC 3676 "-- " separator', () => {
    const r = parseSignature(
      'Need 500 sets.\n-- \nMaria Rossi\nArredo Casa Srl\nVia Roma 10, 20121 Milano, Italia',
    );
    expect(r.signature).toBe('Maria Rossi\nArredo Casa Srl\nVia Roma 10, 20121 Milano, Italia');
    expect(r.fields).toEqual({ name: 'Maria Rossi', company: 'Arredo Casa Srl', country: 'IT' });
  });

  it('keeps the fax number apart from the phone', () => {
    const r = parseSignature('Thanks\nAhmed\nTel: +971 4 123 4567  Fax: +971 4 765 4321');
    expect(r.fields.phone).toBe('+97141234567');
  });

  it('finds a trailing contact block with no closing line', () => {
    const r = parseSignature(
      'Please quote 100 sets.\n\nLinh Nguyen\nSaigon Home Decor Co., Ltd\nHotline: +84 28 3822 1234',
    );
    expect(r.fields).toEqual({
      name: 'Linh Nguyen',
      company: 'Saigon Home Decor Co., Ltd',
      phone: '+842838221234',
      country: 'VN',
    });
  });

  it('reads through a legal footer and drops salutations from the name', () => {
    const r = parseSignature(
      'Please send the offer.\n\nBest regards\nMr. Rajesh Kumar\nImport Manager\nThis e-mail is confidential and intended only for the addressee.',
    );
    expect(r.fields).toMatchObject({ name: 'Rajesh Kumar', title: 'Import Manager' });
  });

  it('returns no signature for a mail without one', () => {
    expect(parseSignature('Please send your catalogue.')).toEqual({ signature: null, fields: {} });
  });
});

describe('extractBuyer', () => {
  it('lowercases the email and derives the website from a corporate domain', () => {
    const b = buyer('Please send price.\n\nRegards,\nTom Becker', 'Tom.Becker@Becker-Licht.DE', 'Tom Becker');
    expect(b).toEqual({
      email: 'tom.becker@becker-licht.de',
      name: 'Tom Becker',
      title: null,
      company: null,
      country: 'DE',
      phone: null,
      website: 'becker-licht.de',
    });
  });

  it('never takes a website from a free-mail domain', () => {
    const b = buyer('Hi, price for 500 chairs?', 'mike.jones1984@gmail.com', 'Mike Jones');
    expect(b.website).toBeNull();
    expect(b.country).toBeNull();
  });

  it('reads the country the buyer states ("we are an importer in Brazil")', () => {
    const b = buyer(
      'Hello, we are an importer in Brazil looking for solar panels.',
      'compras.luz@hotmail.com',
    );
    expect(b.country).toBe('BR');
  });

  it('reads "somos ... en México" and "мы компания из России"', () => {
    expect(buyer('Somos una empresa importadora en México.', 'a@gmail.com').country).toBe('MX');
    expect(buyer('Мы оптовая компания из России.', 'b@mail.ru').country).toBe('RU');
  });

  it('does not read "from China" as the buyer\u2019s country', () => {
    const b = buyer('We import furniture from China every year.', 'x@gmail.com');
    expect(b.country).toBeNull();
  });

  it('does not read the supplier\u2019s country as the buyer\u2019s', () => {
    expect(buyer('We found your company in Vietnam on a trade portal.', 'x@gmail.com').country).toBeNull();
    expect(buyer('I am looking for a manufacturer in Turkey for towels.', 'y@gmail.com').country).toBeNull();
    expect(buyer('We are a trading company in Malaysia.', 'z@gmail.com').country).toBe('MY');
  });

  it('ranks a stated country above the phone prefix', () => {
    const b = buyer('Country: Kenya\nPhone: +44 20 7946 0958\nNeed 100 panels.', 'k@gmail.com');
    expect(b.country).toBe('KE');
    expect(b.phone).toBe('+442079460958');
  });

  it('ranks the phone prefix above the ccTLD', () => {
    const b = buyer(
      'Need quotation.\n\nBest regards\nUrs Meier\nTel. 0041 44 668 18 00',
      'urs@meier-handel.de',
    );
    expect(b.phone).toBe('+41446681800');
    expect(b.country).toBe('CH');
  });

  it('reads a national number with the country from the ccTLD', () => {
    const b = buyer(
      'Bitte um Angebot.\n\nMit freundlichen Grüßen\nKlaus Weber\nEinkaufsleiter\nSolartechnik Weber GmbH\nTel.: 040 1234567',
      'k.weber@solartechnik-weber.de',
    );
    expect(b).toMatchObject({
      name: 'Klaus Weber',
      title: 'Einkaufsleiter',
      company: 'Solartechnik Weber GmbH',
      phone: '+49401234567',
      country: 'DE',
      website: 'solartechnik-weber.de',
    });
  });

  it('reads a WhatsApp number written with its country code but no plus', () => {
    const b = buyer('Please contact me.\nWhatsApp: 971501234567', 'buyer@yahoo.com');
    expect(b.phone).toBe('+971501234567');
    expect(b.country).toBe('AE');
  });

  it('treats .co and .io as generic, not Colombia or the Indian Ocean', () => {
    expect(buyer('Quote please.', 'ops@lumina.co').country).toBeNull();
    expect(buyer('Quote please.', 'ops@gridtech.io').country).toBeNull();
    expect(buyer('Quote please.', 'ops@brightlights.co.uk').country).toBe('GB');
  });

  it('falls back to a city in the signature address', () => {
    const b = buyer(
      'Send catalogue.\n\nRegards\nAhmed Al-Harbi\nAl Noor Trading Est.\nP.O. Box 1234, Riyadh',
      'alnoor.trading@gmail.com',
    );
    expect(b).toMatchObject({ name: 'Ahmed Al-Harbi', company: 'Al Noor Trading Est.', country: 'SA' });
  });

  it('ignores display names that are the address or a company, using the latter as company', () => {
    expect(buyer('Hi', 'sales@acme.com.au', 'sales@acme.com.au').name).toBeNull();
    const b = buyer('Hi', 'info@sunrise-imports.com.au', 'Sunrise Imports Pty Ltd');
    expect(b.name).toBeNull();
    expect(b.company).toBe('Sunrise Imports Pty Ltd');
    expect(b.country).toBe('AU');
  });

  it('splits "name (company)" display names', () => {
    const b = buyer('Hello', 'lw@example.org', 'Liam Walsh (Walsh Lighting Ltd)');
    expect([b.name, b.company]).toEqual(['Liam Walsh', 'Walsh Lighting Ltd']);
  });

  it('normalises "SMITH, JOHN" display names', () => {
    expect(buyer('Hi', 'js@example.org', 'SMITH, JOHN').name).toBe('John Smith');
  });

  it('prefers the fuller signature name over a first-name display name', () => {
    const b = buyer(
      'Need 50 sets.\n\nThanks,\nDavid Okafor\nPurchasing Officer',
      'david@okafor-ng.com',
      'David',
    );
    expect(b.name).toBe('David Okafor');
    expect(b.title).toBe('Purchasing Officer');
  });

  it('trusts explicit platform fields most', () => {
    const b = extractBuyer({
      email: 'noreply@notice.alibaba.com',
      displayName: 'Alibaba.com',
      body: 'You have a new inquiry.\n\nBest regards\nAlibaba.com',
      signature: null,
      explicit: {
        email: 'Emeka@EkoLights.com.ng',
        name: 'Emeka Obi',
        country: 'Nigeria',
        phone: '+234 803 123 4567',
      },
    });
    expect(b).toEqual({
      email: 'emeka@ekolights.com.ng',
      name: 'Emeka Obi',
      title: null,
      company: null,
      country: 'NG',
      phone: '+2348031234567',
      website: 'ekolights.com.ng',
    });
  });

  it('takes the country from an explicit phone and ignores blank explicit fields', () => {
    const b = extractBuyer({
      email: null,
      displayName: null,
      body: 'Need a price for 20 sets.',
      signature: null,
      explicit: { email: 'Rosa Lima <rosa@casalima.pt>', name: '  ', phone: '+351 21 342 1234' },
    });
    expect(b).toEqual({
      email: 'rosa@casalima.pt',
      name: null,
      title: null,
      company: null,
      country: 'PT',
      phone: '+351213421234',
      website: 'casalima.pt',
    });
  });

  it('reads website-form fields written in the body', () => {
    const b = buyer(
      'Name: Maria Garcia\nCompany: Casa Bonita S.A.\nCountry: Spain\nPhone: 612 345 678\nMessage: Need 200 dining tables.',
      'maria.garcia@gmail.com',
    );
    expect(b).toMatchObject({
      name: 'Maria Garcia',
      company: 'Casa Bonita S.A.',
      country: 'ES',
      phone: '+34612345678',
    });
  });

  it('finds a company named in running text, not the supplier\u2019s', () => {
    const b = buyer(
      'I saw your company Ningbo Bright Lighting Co., Ltd on Alibaba. This is Sam from Gulf Lights FZE, we need panels.',
      'sam@gulflights.ae',
    );
    expect(b.company).toBe('Gulf Lights FZE');
    expect(b.country).toBe('AE');
  });

  it('uses a separately supplied signature block', () => {
    const b = extractBuyer({
      email: 'p.dubois@lumiere-distribution.fr',
      displayName: null,
      body: 'Bonjour, merci de nous envoyer votre offre.',
      signature: 'Pierre Dubois\nResponsable achats\nLumière Distribution SAS\n+33 1 42 68 53 00',
    });
    expect(b).toMatchObject({
      name: 'Pierre Dubois',
      title: 'Responsable achats',
      company: 'Lumière Distribution SAS',
      phone: '+33142685300',
      country: 'FR',
      website: 'lumiere-distribution.fr',
    });
  });
});
