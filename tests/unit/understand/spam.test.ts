import { describe, expect, it } from 'vitest';
import { detectSpam } from '../../../src/understand/spam/index.ts';
import { parsed, type RawMailSpec } from '../../fixtures/mails/build.ts';
import { fixtureContext } from '../../fixtures/mails/context.ts';

async function verdict(spec: RawMailSpec, blacklist: string[] = []) {
  const mail = await parsed(spec);
  return detectSpam(mail, mail.text, fixtureContext({ blacklist }));
}

const buyer = 'Anna Berg <anna.berg@nordlys-el.example>';

describe('detectSpam: real buyers pass', () => {
  it('a detailed inquiry with a PDF drawing and a link to the buyer’s own website', async () => {
    const v = await verdict({
      from: buyer,
      subject: 'RFQ LED high bay 150W',
      body: 'Please quote 400 pcs LED high bay 150W, see attached drawing.\nOur company: https://www.nordlys-el.example/about',
      attachments: [{ filename: 'layout-drawing.pdf', contentType: 'application/pdf' }],
    });
    expect(v).toEqual({ isSpam: false, signals: [] });
  });

  it('a buyer mentioning a purchase order in passing, with a PDF', async () => {
    const v = await verdict({
      from: buyer,
      subject: 'Purchase order 2025-118',
      body: 'Please find attached our purchase order for 2,000 LED tubes as agreed.',
      attachments: [{ filename: 'PO-2025-118.pdf', contentType: 'application/pdf' }],
    });
    expect(v.isSpam).toBe(false);
  });

  it('a buyer who is a manufacturer asking us for a price is not a supplier pitch', async () => {
    const v = await verdict({
      from: buyer,
      subject: 'LED drivers',
      body: 'We are a leading manufacturer of lighting fixtures in Norway. Please send your best price for LED panel light 600x600.',
    });
    expect(v.signals).toEqual([]);
  });
});

describe('detectSpam: fraud and solicitation', () => {
  it('credential harvesting with a login link on an unrelated domain', async () => {
    const v = await verdict({
      from: 'Mail Admin <admin@mailhost.example>',
      subject: 'Mailbox quota exceeded',
      body: 'Your mailbox quota is full. Verify your account here: https://secure-login.phish.example/owa',
    });
    expect(v.isSpam).toBe(true);
    expect(v.signals).toContain('phishing');
  });

  it('the same wording linking to the sender’s own domain is not phishing', async () => {
    const v = await verdict({
      from: 'IT <it@mailhost.example>',
      subject: 'Mailbox quota',
      body: 'Your mailbox quota is almost full. See https://help.mailhost.example/quota',
    });
    expect(v.signals).not.toContain('phishing');
  });

  it('a link whose shown address differs from its target', async () => {
    const v = await verdict({
      from: buyer,
      subject: 'Inquiry',
      body: 'see link',
      html: '<a href="https://evil.example/x">https://www.alibaba.com/inquiry/1</a>',
    });
    expect(v.signals).toContain('deceptive_link');
  });

  it.each([
    ['PO_4500871236.iso'],
    ['order.img'],
    ['invoice.exe'],
    ['RFQ.scr'],
    ['payment.js'],
    ['swift.vbs'],
    ['PO.r01'],
    ['Order-details.pdf.exe'],
  ])('dangerous attachment %s', async (filename) => {
    const v = await verdict({ from: buyer, subject: 'Order', body: 'Hello', attachments: [{ filename }] });
    expect(v.isSpam).toBe(true);
    expect(v.signals).toContain('dangerous_attachment');
  });

  it('an HTML page attached to a purchase-order lure is a PO scam; a saved web page alone is not', async () => {
    const lure = await verdict({
      from: buyer,
      subject: 'New order',
      body: 'Please see attached order and confirm.',
      attachments: [{ filename: 'Purchase_Order.html', contentType: 'text/html' }],
    });
    expect(lure.signals).toEqual(['po_scam']);
    const page = await verdict({
      from: buyer,
      subject: 'Our showroom',
      body: 'The spec page of our current fixture.',
      attachments: [{ filename: 'fixture-spec.html', contentType: 'text/html' }],
    });
    expect(page.isSpam).toBe(false);
  });

  it('a purchase-order lure with an archive is a PO scam; the archive alone is not', async () => {
    const lure = await verdict({
      from: buyer,
      subject: 'PO#88123',
      body: 'Kindly check the attached order and confirm.',
      attachments: [{ filename: 'PO88123.zip' }],
    });
    expect(lure.signals).toContain('po_scam');
    const plain = await verdict({
      from: buyer,
      subject: 'Photos',
      body: 'Photos of the installation.',
      attachments: [{ filename: 'photos.zip' }],
    });
    expect(plain.isSpam).toBe(false);
  });

  it('lookalike platform sender domains', async () => {
    for (const from of ['service@alibaba-inquiry.com', 'notice@a1ibaba.com', 'service@made-in-chinaa.com']) {
      const v = await verdict({ from, subject: 'You have a new inquiry', body: 'Buyer: John' });
      expect(v.signals, from).toContain('lookalike_platform');
    }
  });

  it('a link to a platform brand on someone else’s domain', async () => {
    const v = await verdict({
      from: 'service@notices.example',
      subject: 'New inquiry',
      body: 'Open https://alibaba.com.verify-login.xyz/inquiry?id=1',
    });
    expect(v.signals).toContain('lookalike_platform');
  });

  it('SEO and lead-generation sellers need two distinct hits', async () => {
    const seo = await verdict({
      from: 'Ryan <ryan@seo-agency.example>',
      subject: 'Proposal',
      body: 'Your site is not on the first page of Google. We can increase your website traffic with our SEO services.',
    });
    expect(seo.signals).toContain('seo_solicitation');
    const once = await verdict({
      from: buyer,
      subject: 'Panels',
      body: 'We want to increase traffic in our showroom with new LED panels, please quote.',
    });
    expect(once.signals).not.toContain('seo_solicitation');
  });

  it('a supplier selling to us is a weak signal, not spam', async () => {
    const v = await verdict({
      from: 'Cindy <cindy@cartons.example>',
      subject: 'Cartons',
      body: 'We are a professional manufacturer of color boxes. Our main products include cartons. We can offer competitive price.',
    });
    expect(v).toEqual({ isSpam: false, signals: ['supplier_solicitation'] });
  });

  it('advance-fee wording', async () => {
    const v = await verdict({
      from: 'Barrister James <james@law.example>',
      subject: 'Inheritance',
      body: 'I am barrister James. You are the next of kin to USD 10.5 million.',
    });
    expect(v.signals).toContain('advance_fee');
  });

  it('blacklisted addresses and domains (subdomains included)', async () => {
    expect(
      (await verdict({ from: buyer, subject: 'x', body: 'quote' }, ['anna.berg@nordlys-el.example'])).signals,
    ).toEqual(['blacklisted']);
    const sub = await verdict({ from: 'x@mail.nordlys-el.example', subject: 'x', body: 'quote' }, [
      'nordlys-el.example',
    ]);
    expect(sub.signals).toEqual(['blacklisted']);
    const other = await verdict({ from: 'x@nordlys-electric.example', subject: 'x', body: 'quote' }, [
      'nordlys-el.example',
    ]);
    expect(other.signals).toEqual([]);
  });

  it('DMARC failure recorded by our MX', async () => {
    const v = await verdict({
      from: buyer,
      subject: 'x',
      body: 'quote',
      headers: [
        'Authentication-Results: mx.brightlux-lighting.com; spf=fail; dmarc=fail header.from=nordlys-el.example',
      ],
    });
    expect(v.signals).toContain('spoofed_sender');
  });
});
