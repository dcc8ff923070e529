import { describe, expect, it } from 'vitest';
import { removeQuoted, splitSignature, stripReply } from '../../../src/understand/quote/index.ts';
import { REPLY_SAMPLES } from './quote.samples.ts';

describe('stripReply: client formats and languages', () => {
  it.each(REPLY_SAMPLES.map((s) => [s.name, s] as const))('%s', (_name, sample) => {
    const result = stripReply(sample.text);
    expect(result.body).toBe(sample.expect.body);
    expect(result.signature).toBe(sample.expect.signature);
    if (sample.expect.quotedHas === null) expect(result.quoted).toBeNull();
    else expect(result.quoted).toContain(sample.expect.quotedHas);
  });
});

describe('removeQuoted', () => {
  it('keeps a forwarded message below the reply: it is content, not history', () => {
    const text = `FYI, see below.

---------- Forwarded message ---------
From: John Smith <john@buyer.com>
Date: Fri, Jan 5, 2024 at 10:30 AM
Subject: Inquiry
To: <sales@factory.cn>

Dear Sir`;
    expect(removeQuoted(text)).toEqual({ reply: text, quoted: null });
  });

  it('keeps a header block that is the first thing in the body (memo-style inquiry, form mail)', () => {
    const memo = `From: John Smith <john@buyer.com>
To: Sales Department
Date: 5 January 2024
Subject: RFQ LED panels

Dear Sir, please quote 500 pcs.`;
    expect(removeQuoted(memo).reply).toBe(memo);
  });

  it('keeps lines that only look like attributions', () => {
    const text = `On the other hand, the price is fine.
On Thursday:
Something wrote:
We sent 3 samples:
https://example.com/on-date-someone-wrote:`;
    expect(removeQuoted(text)).toEqual({ reply: text, quoted: null });
  });

  it('keeps a single arrow line between paragraphs', () => {
    const text = 'Click here\n>>> http://example.com <<<\nto see the catalogue';
    expect(removeQuoted(text).reply).toBe(text);
  });

  it('splits reply text that shares its line with the attribution', () => {
    expect(removeQuoted('ok thanks On Wed, Apr 4, 2012 at 3:59 PM, bob@example.com wrote:\n> Hi').reply).toBe(
      'ok thanks',
    );
  });

  it('reads an attribution wrapped over several lines', () => {
    const text = 'Agreed.\n\nOn Fri, Jan 5, 2024 at 10:30 AM, John Smith <\njohn@buyer.com>\nwrote:\n\n> old';
    expect(removeQuoted(text)).toEqual({
      reply: 'Agreed.',
      quoted: 'On Fri, Jan 5, 2024 at 10:30 AM, John Smith <\njohn@buyer.com>\nwrote:\n\n> old',
    });
  });

  it('handles CRLF input', () => {
    expect(removeQuoted('Yes.\r\n\r\nOn 5 Jan 2024, Ann <ann@x.com> wrote:\r\n> q\r\n').reply).toBe('Yes.');
  });
});

describe('splitSignature', () => {
  it('splits at an RFC 3676 "-- " delimiter and keeps its trailing space', () => {
    expect(splitSignature('Thanks for the order.\n-- \nLi Lei\nTel 123')).toEqual({
      body: 'Thanks for the order.',
      signature: '-- \nLi Lei\nTel 123',
    });
  });

  it('does not take a lone closing word or a bullet list for a signature', () => {
    expect(splitSignature('Please check.\n\nThanks!')).toEqual({
      body: 'Please check.\n\nThanks!',
      signature: null,
    });
    expect(splitSignature('Items:\n- cable\n- plug')).toEqual({
      body: 'Items:\n- cable\n- plug',
      signature: null,
    });
  });

  it('does not take a sentence that starts with "Sent from my" for a device line', () => {
    const text = 'Here it is\n\nSent from my desk, which is easier than my phone.';
    expect(splitSignature(text).signature).toBeNull();
  });

  it('does not start a signature on the first line', () => {
    expect(splitSignature('--\nRoman')).toEqual({ body: '--\nRoman', signature: null });
  });

  it('rejects a delimiter followed by running text', () => {
    const text =
      'Report:\n----\nThe figures above are preliminary and will be revised after the audit is complete.';
    expect(splitSignature(text).signature).toBeNull();
  });

  it('handles the empty string', () => {
    expect(splitSignature('')).toEqual({ body: '', signature: null });
    expect(stripReply('')).toEqual({ body: '', quoted: null, signature: null });
  });
});

describe('ReDoS guard', () => {
  it.each([
    ['long word', 'a'.repeat(200_000)],
    ['long attribution-like line', `On ${'x '.repeat(100_000)}wrote:`],
    ['many label-like lines', 'From: a\nSent: b\n'.repeat(20_000)],
    ['deep quote markers', `${'>'.repeat(300_000)}\n`],
    ['many @', `${'a@'.repeat(100_000)}:`],
    ['dash runs', `${'-'.repeat(100_000)}\n${'_'.repeat(100_000)}`],
  ])('stays linear on %s', (_name, text) => {
    const started = performance.now();
    stripReply(text);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
