import { describe, expect, it } from 'vitest';
import { classify } from '../../../src/understand/classify.ts';
import { emptyContext, isOurAddress, reachedDropbox } from '../../../src/understand/context.ts';
import { parsed, type RawMailSpec } from '../../fixtures/mails/build.ts';
import { type FixtureContext, fixtureContext } from '../../fixtures/mails/context.ts';

const OUR_ID = '<tm-seq.abc123.step1@brightlux-lighting.com>';
const buyer = 'Grace Wanjiku <grace@nyota-energy.example>';

async function kindOf(spec: RawMailSpec, extra: FixtureContext = {}) {
  const c = await classify(await parsed(spec), fixtureContext({ ourMessageIds: [OUR_ID], ...extra }));
  return c;
}

const inquiryBody =
  'Please quote 300 pcs LED flood light 200W, CIF Mombasa.\n\nGrace Wanjiku\nNyota Energy Ltd';

describe('classify: the decision order', () => {
  it('a DSN is a bounce even when it comes from our own domain and references our mail', async () => {
    const c = await kindOf({
      from: 'MAILER-DAEMON@brightlux-lighting.com',
      subject: 'Undelivered Mail Returned to Sender',
      headers: [`In-Reply-To: ${OUR_ID}`, 'Auto-Submitted: auto-replied'],
      body: '<x@nowhere.example>: host mx.nowhere.example said: 550 5.1.1 User unknown (in reply to RCPT TO command)',
    });
    expect(c.evidence.kind).toBe('bounce');
    expect(c.inReplyTo).toBe(OUR_ID);
  });

  it('an RFC 3834 auto-reply to our mail is auto_reply, not reply', async () => {
    const c = await kindOf({
      from: buyer,
      subject: 'Automatic reply: LED offer',
      headers: [`In-Reply-To: ${OUR_ID}`, 'Auto-Submitted: auto-replied'],
      body: 'I am out of the office and will be back on 12 May 2025.',
    });
    expect(c.evidence.kind).toBe('auto_reply');
    expect(c.inReplyTo).toBe(OUR_ID);
  });

  it('our salesperson’s mail that reached the dropbox by BCC is bcc_outbound; the lead is the recipient', async () => {
    const c = await kindOf({
      from: 'Lily Chen <lily.chen@brightlux-lighting.com>',
      to: buyer,
      subject: 'Quotation LED flood light',
      headers: ['Delivered-To: crm@brightlux-lighting.com'],
      body: 'Dear Grace, our offer: USD 52 CIF Mombasa.',
    });
    expect(c.evidence).toEqual({
      kind: 'bcc_outbound',
      recipient: { address: 'grace@nyota-energy.example', name: 'Grace Wanjiku' },
    });
  });

  it('the same mail in a dropbox mailbox needs no envelope header', async () => {
    const c = await kindOf(
      { from: 'lily.chen@brightlux-lighting.com', to: buyer, subject: 'Offer', body: 'Our offer attached.' },
      { mailboxRole: 'dropbox' },
    );
    expect(c.evidence.kind).toBe('bcc_outbound');
  });

  it('a salesperson forwarding a buyer’s mail is forwarded_inquiry, never bcc_outbound', async () => {
    const c = await kindOf({
      from: 'Kevin Zhang <kevin.zhang@brightlux-lighting.com>',
      to: 'crm@brightlux-lighting.com',
      subject: 'Fwd: LED flood lights',
      body: `For CRM.\n\n---------- Forwarded message ---------\nFrom: ${buyer}\nDate: Wed, Apr 9, 2025 at 3:12 PM\nSubject: LED flood lights\nTo: <kevin.zhang@brightlux-lighting.com>\n\n${inquiryBody}`,
    });
    expect(c.evidence.kind).toBe('forwarded_inquiry');
    if (c.evidence.kind === 'forwarded_inquiry') {
      expect(c.evidence.original.from?.address).toBe('grace@nyota-energy.example');
      expect(c.evidence.forwardedBy).toBe('kevin.zhang@brightlux-lighting.com');
    }
  });

  it('a colleague writing to the inquiry box is other (internal)', async () => {
    const c = await kindOf({
      from: 'amy.wu@brightlux-lighting.com',
      subject: 'Stock check',
      body: 'Please check the stock.',
    });
    expect(c.evidence).toEqual({ kind: 'other', reason: 'internal' });
  });

  it('a reply to one of our Message-IDs is reply; the same reply asking to stop is unsubscribe', async () => {
    const reply = await kindOf({
      from: buyer,
      subject: 'Re: LED offer',
      headers: [`In-Reply-To: ${OUR_ID}`],
      body: 'Thanks, can you send the PI?',
    });
    expect([reply.evidence.kind, reply.inReplyTo]).toEqual(['reply', OUR_ID]);
    const stop = await kindOf({
      from: buyer,
      subject: 'Re: LED offer',
      headers: [`References: <other@x.example> ${OUR_ID}`],
      body: 'Please remove me from your mailing list.',
    });
    expect([stop.evidence.kind, stop.inReplyTo]).toEqual(['unsubscribe', OUR_ID]);
  });

  it('a reply without headers is matched by sender and normalised subject', async () => {
    const threads = [
      {
        buyerEmail: 'grace@nyota-energy.example',
        subject: 'LED flood light offer',
        messageId: '<sent-1@brightlux-lighting.com>',
      },
    ];
    const matched = await kindOf(
      { from: buyer, subject: 'RE : LED Flood Light offer', body: 'OK for us.' },
      { sentThreads: threads },
    );
    expect([matched.evidence.kind, matched.inReplyTo]).toEqual(['reply', '<sent-1@brightlux-lighting.com>']);
    // Without a reply prefix the same subject is a new message, not a reply.
    const fresh = await kindOf(
      { from: buyer, subject: 'LED flood light offer', body: inquiryBody },
      { sentThreads: threads },
    );
    expect(fresh.evidence.kind).toBe('inquiry');
  });

  it('spam is decided before platform: a lookalike Alibaba notice is spam, the real one a platform inquiry', async () => {
    const body =
      'You have a new inquiry.\nBuyer: John Miller\nProduct: LED Flood Light\nQuantity: 500 Pieces\nMessage: price please';
    const fake = await kindOf({
      from: 'service@alibaba-inquiry.com',
      subject: 'You have a new inquiry from John Miller',
      body,
    });
    expect(fake.evidence.kind).toBe('spam');
    expect(fake.spamSignals).toContain('lookalike_platform');
    const real = await kindOf({
      from: 'notification@service.alibaba.com',
      subject: 'You have a new inquiry from John Miller',
      body,
    });
    expect(real.evidence.kind).toBe('platform_inquiry');
  });

  it('a website form sent from our own domain is form_inquiry, not internal mail', async () => {
    const c = await kindOf({
      from: 'WordPress <wordpress@brightlux-lighting.com>',
      subject: 'New message from "BrightLux"',
      body: 'Name: Peter Otieno\nEmail: p.otieno@savannah.example\nMessage: Price for 150 street lights please.',
    });
    expect(c.evidence.kind).toBe('form_inquiry');
  });

  it('a blacklisted buyer inside a form submission makes it spam', async () => {
    const c = await kindOf(
      {
        from: 'WordPress <wordpress@brightlux-lighting.com>',
        subject: 'New message',
        body: 'Name: V\nEmail: victor@fastway-impex.example\nMessage: Send PI for 10,000 panels.',
      },
      { blacklist: ['fastway-impex.example'] },
    );
    expect([c.evidence.kind, c.spamSignals]).toEqual(['spam', ['blacklisted']]);
  });

  it('newsletters, no-reply notifications and supplier pitches are other', async () => {
    const news = await kindOf({
      from: 'newsletter@news.example',
      subject: 'LED prices this week',
      headers: ['List-Id: <weekly.news.example>', 'List-Unsubscribe: <mailto:u@news.example>'],
      body: 'Prices of LED high bays fell. To unsubscribe click here.',
    });
    expect(news.evidence).toEqual({ kind: 'other', reason: 'bulk' });
    const note = await kindOf({
      from: 'notifications@portal.example',
      subject: 'Badges ready',
      body: 'Download your badges.',
    });
    expect(note.evidence).toEqual({ kind: 'other', reason: 'no_reply_sender' });
    const pitch = await kindOf({
      from: 'Jack <jack@forwarder.example>',
      subject: 'Freight rates',
      body: 'We are a freight forwarder in Ningbo. We would like to introduce our services. Our advantages: low rates.',
    });
    expect(pitch.evidence).toEqual({ kind: 'other', reason: 'supplier_solicitation' });
  });

  it('a buyer writing directly with a request is inquiry; without one it is other', async () => {
    expect((await kindOf({ from: buyer, subject: 'Flood lights', body: inquiryBody })).evidence.kind).toBe(
      'inquiry',
    );
    const chat = await kindOf({
      from: buyer,
      subject: 'Hello',
      body: 'Nice to meet you at the fair last week.',
    });
    expect(chat.evidence).toEqual({ kind: 'other', reason: 'no_request' });
  });

  it('keeps only the new text of the message in bodyText', async () => {
    const c = await kindOf({
      from: buyer,
      subject: 'Re: LED offer',
      headers: [`In-Reply-To: ${OUR_ID}`],
      body: 'Please send the PI.\n\nOn Tue, Mar 4, 2025 at 8:16 PM Lily Chen <lily.chen@brightlux-lighting.com> wrote:\n> Dear Grace,\n> our offer.',
    });
    expect(c.bodyText).toContain('Please send the PI.');
    expect(c.bodyText).not.toContain('our offer');
  });
});

describe('context helpers', () => {
  it('our addresses: our domains and subdomains, listed addresses, the dropbox', () => {
    const ctx = {
      ...emptyContext(),
      ourDomains: ['brightlux-lighting.com'],
      ourAddresses: ['lily.brightlux@gmail.com'],
    };
    expect(isOurAddress(ctx, 'kevin@brightlux-lighting.com')).toBe(true);
    expect(isOurAddress(ctx, 'web@shop.brightlux-lighting.com')).toBe(true);
    expect(isOurAddress(ctx, 'LILY.BRIGHTLUX@gmail.com')).toBe(true);
    expect(isOurAddress(ctx, 'x@notbrightlux-lighting.com')).toBe(false);
    expect(isOurAddress(ctx, null)).toBe(false);
  });

  it('reachedDropbox reads Received "for <...>" when no envelope header was added', () => {
    const ctx = { ...emptyContext(), dropboxAddresses: ['crm@brightlux-lighting.com'] };
    const mail = {
      to: [{ address: 'buyer@x.example' }],
      cc: [],
      headers: {
        received: ['from smtp by mx with ESMTP id 1 for <crm@brightlux-lighting.com>; Tue, 4 Mar 2025'],
      },
    };
    expect(reachedDropbox(mail, ctx)).toBe(true);
    expect(reachedDropbox({ ...mail, headers: {} }, ctx)).toBe(false);
  });
});

describe('classify: machine notices that are not bounces', () => {
  it('a delay warning from the MTA is other, never a form or an inquiry', async () => {
    const c = await kindOf({
      from: 'Mail Delivery Subsystem <mailer-daemon@googlemail.com>',
      subject: 'Delivery Status Notification (Delay)',
      headers: ['Reply-To: someone@buyer.example'],
      body: 'Delivery incomplete. There was a temporary problem delivering your message to buyer@x.example. Gmail will retry for 46 more hours.',
    });
    expect(c.evidence.kind).toBe('other');
  });
});
