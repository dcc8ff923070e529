import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseStage } from '../../../src/ingest/stages/parse.ts';
import { toParseJson, understand } from '../../../src/understand/understand.ts';
import { parsed } from '../../fixtures/mails/build.ts';
import { fixtureContext } from '../../fixtures/mails/context.ts';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/mails');

async function fixture(id: string, context = {}) {
  const mail = await parseStage(readFileSync(path.join(fixtures, `${id}.eml`)));
  return understand(mail, fixtureContext(context));
}

describe('understand: extras beside the parse JSON', () => {
  it('an opt-out names the address to suppress', async () => {
    const u = await fixture('unsubscribe/es-darse-de-baja-no-thread');
    expect(u.extras.unsubscribeAddress).toBe('luciafernandez.compras@gmail.com');
  });

  it('"no longer with the company" auto-replies say so and name the alternate contact', async () => {
    const u = await fixture('auto_reply/en-no-longer-with-company', {
      ourMessageIds: ['<tm-seq.6d1a8f3c29.step3@brightlux-lighting.com>'],
    });
    expect(u.kind).toBe('auto_reply');
    expect(u.extras.leftCompany).toBe(true);
    expect(u.extras.alternateContact).toBe('sarah.lin@pacificrim-electrical.com.au');
  });

  it('a forwarded inquiry records who forwarded it and keeps the lead the buyer', async () => {
    const u = await fixture('forwarded_inquiry/outlook-en-jordan-floodlights');
    expect(u.extras.forwardedBy).toBe('kevin.zhang@brightlux-lighting.com');
    expect(u.lead?.email).toBe('omar.haddad@alwaha-electric.com.jo');
  });

  it('inquiries carry the ranking facts that the parse JSON leaves out', async () => {
    const u = await fixture('inquiry/ae-multi-product-html-outlook');
    expect(u.extras.urgency).toBe('high');
    expect(u.extras.paymentTerms).toMatch(/L\/C/);
    expect(u.extras.detailScore).toBeGreaterThan(0);
    expect(u.extras.genericRequest).toBe(false);
  });

  it('a reply’s bodyText holds only the buyer’s new words', async () => {
    const u = await fixture('reply/gmail-in-reply-to-pi-request', {
      ourMessageIds: ['<000a01db8d77$1f3b2c40$5db184c0$@brightlux-lighting.com>'],
    });
    expect(u.extras.bodyText).toContain('proforma invoice');
    expect(u.extras.bodyText).not.toContain('Lead time: 25 days');
  });

  it('spam keeps its signals; the parse JSON has no lead', async () => {
    const u = await fixture('spam/lookalike-alibaba-inquiry-domain');
    expect(u.extras.spamSignals).toEqual(expect.arrayContaining(['lookalike_platform']));
    expect(toParseJson(u)['lead']).toBeNull();
  });
});

describe('toParseJson', () => {
  it('has exactly the contract keys, in contract order', async () => {
    const u = await understand(
      await parsed({
        from: 'Grace <grace@nyota-energy.example>',
        subject: 'Flood lights',
        body: 'Please quote 300 pcs LED flood light 200W, CIF Mombasa.',
      }),
      fixtureContext(),
    );
    const json = toParseJson(u);
    expect(Object.keys(json)).toEqual([
      'kind',
      'lead',
      'inquiry',
      'grade',
      'inReplyTo',
      'autoReply',
      'bounce',
    ]);
    expect(Object.keys(json['lead'] as object)).toEqual([
      'email',
      'name',
      'title',
      'company',
      'country',
      'phone',
      'website',
    ]);
    expect(Object.keys(json['inquiry'] as object)).toEqual([
      'products',
      'quantity',
      'unit',
      'incoterm',
      'incotermPlace',
      'port',
      'targetPrice',
      'currency',
      'certifications',
      'sampleRequest',
      'language',
    ]);
  });
});
