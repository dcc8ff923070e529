import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseStage } from '../../../src/ingest/stages/parse.ts';
import {
  lookalikePlatform,
  parsePlatformNotice,
  platformOf,
} from '../../../src/understand/platform/index.ts';
import { understand } from '../../../src/understand/understand.ts';
import { parsed } from '../../fixtures/mails/build.ts';
import { fixtureContext } from '../../fixtures/mails/context.ts';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/mails');

describe('platform domains (registrable domain via the public suffix list)', () => {
  it.each([
    ['notification@service.alibaba.com', 'alibaba'],
    ['feedback@notice.alibaba.com', 'alibaba'],
    ['service@made-in-china.com', 'made-in-china'],
    ['inquiry@globalsources.com', 'globalsources'],
    ['buyer@alibaba-inquiry.com', null],
    ['x@alibaba.com.verify-login.xyz', null],
    ['x@made-in-chinaa.com', null],
    ['sales@brightlux-lighting.com', null],
  ])('platformOf(%s) = %s', (address, expected) => {
    expect(platformOf(address)).toBe(expected);
  });

  it.each([
    ['service@alibaba-inquiry.com', 'alibaba'],
    ['alibaba.com.verify-login.xyz', 'alibaba'],
    ['https://alibaba.com.verify-login.xyz/login', 'alibaba'],
    ['service@made-in-chinaa.com', 'made-in-china'],
    ['notice@a1ibaba.com', 'alibaba'],
    ['inquiry@globa1sources.net', 'globalsources'],
    ['notification@service.alibaba.com', null],
    ['buyer@babalight.example', null],
    ['sales@brightlux-lighting.com', null],
    // One edit allowed for a shorter brand, two for a longer one, lengths included.
    ['x@alibab.com', 'alibaba'],
    ['x@aliba.com', null],
    ['x@globlsource.com', 'globalsources'],
    ['x@globlsourc.com', null],
  ])('lookalikePlatform(%s) = %s', (value, expected) => {
    expect(lookalikePlatform(value)).toBe(expected);
  });
});

describe('parsePlatformNotice', () => {
  it('reads buyer, country, product, quantity and ids; the hidden email stays null', async () => {
    const mail = await parsed({
      from: 'Alibaba.com <notification@service.alibaba.com>',
      subject: 'You have a new inquiry from Mr. Ahmed Al Mansoori',
      body: [
        'You have received a new inquiry.',
        'Buyer: Mr. Ahmed Al Mansoori',
        'Country/Region: United Arab Emirates',
        'Email: Hidden',
        'Product: 150W UFO High Bay',
        'Quantity: 500 Piece/Pieces',
        'Inquiry ID: 70213894527',
        'Buyer ID: ae1538712946mxbo',
        'Message:',
        'Hello, we need 500 pcs.',
        'Please send price.',
        '',
        'To protect your account, the buyer email is hidden.',
      ].join('\n'),
    });
    expect(parsePlatformNotice(mail)).toEqual({
      platform: 'alibaba',
      inquiry: {
        buyerName: 'Ahmed Al Mansoori',
        buyerEmail: null,
        buyerCompany: null,
        buyerCountry: 'United Arab Emirates',
        buyerPhone: null,
        product: '150W UFO High Bay',
        quantity: '500 Piece/Pieces',
        message: 'Hello, we need 500 pcs.\nPlease send price.',
        buyerId: 'ae1538712946mxbo',
        inquiryId: '70213894527',
      },
    });
  });

  it('takes the buyer name from the subject, and "Name (Country)" apart', async () => {
    const fromSubject = await parsed({
      from: 'Made-in-China.com <service@made-in-china.com>',
      subject: 'Inquiry about LED Tube from Ms. Maria Gonzalez',
      body: 'Product: LED Tube\nQuantity: 100 Pieces\nMessage: price please',
    });
    expect(parsePlatformNotice(fromSubject)?.inquiry?.buyerName).toBe('Maria Gonzalez');
    const withCountry = await parsed({
      from: 'Global Sources <inquiry@globalsources.com>',
      subject: 'New inquiry',
      body: 'From: David Thompson (Australia)\nProduct: LED Tube\nInquiry: please quote',
    });
    const inquiry = parsePlatformNotice(withCountry)?.inquiry;
    expect([inquiry?.buyerName, inquiry?.buyerCountry]).toEqual(['David Thompson', 'Australia']);
  });

  it('reads the Chinese notices sent to supplier back-office accounts', async () => {
    const mail = await parsed({
      from: '阿里巴巴国际站 <notice@alibaba.com>',
      subject: '您收到一条新询盘',
      body: '买家姓名：Carlos Muñoz\n国家/地区：智利\n询盘产品：LED Street Light\n采购数量：300 Set/Sets\n询盘编号：70219834216\n\n询盘内容：\nPlease quote FOB.\n\n请在24小时内回复买家。',
    });
    expect(parsePlatformNotice(mail)?.inquiry).toMatchObject({
      buyerName: 'Carlos Muñoz',
      buyerCountry: '智利',
      quantity: '300 Set/Sets',
      inquiryId: '70219834216',
      message: 'Please quote FOB.',
    });
  });

  it('an account notice from the real domain is a platform notice without an inquiry', async () => {
    const mail = await parsed({
      from: 'Alibaba.com <notification@service.alibaba.com>',
      subject: 'Your product listing has been approved',
      body: 'Product: 200W LED Flood Light\nProduct ID: 1601287345512',
    });
    expect(parsePlatformNotice(mail)).toEqual({ platform: 'alibaba', inquiry: null });
  });

  it('a lookalike sender is never read as a platform notice', async () => {
    const mail = await parsed({
      from: 'Alibaba.com <service@alibaba-inquiry.com>',
      subject: 'You have a new inquiry from John Miller',
      body: 'Buyer: John Miller\nProduct: LED Flood Light\nMessage: see details',
    });
    expect(parsePlatformNotice(mail)).toBeNull();
  });
});

describe('platform inquiries through understand()', () => {
  it('keeps the platform, buyer id and inquiry id in extras', async () => {
    const raw = readFileSync(path.join(fixtures, 'platform_inquiry/alibaba-uae-highbay-email-hidden.eml'));
    const u = await understand(await parseStage(raw), fixtureContext());
    expect(u.kind).toBe('platform_inquiry');
    expect(u.extras).toMatchObject({
      platform: 'alibaba',
      platformBuyerId: 'ae1538712946mxbo',
      platformInquiryId: '70213894527',
    });
    expect(u.lead?.email).toBeNull();
  });

  it('never takes our own address (printed in the notice footer) as the buyer’s', async () => {
    const raw = readFileSync(path.join(fixtures, 'platform_inquiry/alibaba-us-panel-samples-html-table.eml'));
    const u = await understand(await parseStage(raw), fixtureContext());
    expect(u.lead?.email).toBeNull();
    expect(u.lead?.website).toBeNull();
  });
});

describe('a platform notice forwarded by a salesperson', () => {
  it('is a forwarded inquiry whose lead is the platform’s buyer, never the platform', async () => {
    const mail = await parsed({
      from: 'Kevin Zhang <kevin.zhang@brightlux-lighting.com>',
      to: 'crm@brightlux-lighting.com',
      subject: 'Fwd: You have a new inquiry from Ahmed Al Mansoori',
      body: [
        'For the CRM.',
        '',
        '---------- Forwarded message ---------',
        'From: Alibaba.com <notification@service.alibaba.com>',
        'Date: Tue, Mar 25, 2025 at 11:20 AM',
        'Subject: You have a new inquiry from Ahmed Al Mansoori',
        'To: <kevin.zhang@brightlux-lighting.com>',
        '',
        'You have received a new inquiry from a buyer on Alibaba.com.',
        'Buyer: Mr. Ahmed Al Mansoori',
        'Country/Region: United Arab Emirates',
        'Product: 150W UFO LED High Bay Light',
        'Quantity: 500 Piece/Pieces',
        'Buyer ID: ae1538712946mxbo',
        'Message:',
        'We need 500 pcs, please quote CIF Jebel Ali.',
      ].join('\n'),
    });
    const u = await understand(mail, fixtureContext());
    expect(u.kind).toBe('forwarded_inquiry');
    expect(u.lead).toMatchObject({ email: null, name: 'Ahmed Al Mansoori', country: 'AE' });
    expect(u.extras).toMatchObject({
      platform: 'alibaba',
      platformBuyerId: 'ae1538712946mxbo',
      forwardedBy: 'kevin.zhang@brightlux-lighting.com',
    });
    expect(u.inquiry?.products).toEqual(['LED high bay']);
  });
});
