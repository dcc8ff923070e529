import { describe, expect, it } from 'vitest';
import { parseStage } from '../../../src/ingest/stages/parse.ts';
import { addressRuns, matchInAddressRuns } from '../../../src/mail/address-runs.ts';
import { addressesOf } from '../../../src/privacy/erased-mail.ts';

// Patterns of the kind the address searches use: no whitespace in any class.
const PATTERNS = [
  /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/gi,
  /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g,
  /[\w.+'-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){1,8}/g,
];

const TEXTS = [
  '',
  'no address here at all',
  'ann@buyer.com',
  'Write to ann@buyer.com or bob@buyer.co.uk.',
  'tab\tann@buyer.com\r\nbob@buyer.de\fcarl@x.org\vdora@y.net',
  'glued: ann@buyer.com@other.org and x@@y.com and @start.com and end@',
  'Ann <ann@buyer.com>, "Bob" (bob@buyer.com); mailto:carl@buyer.com',
  'nbsp\u00a0ann@buyer.com\u00a0after and ideographic\u3000bob@buyer.com',
  `${'a'.repeat(100)}@buyer.com ${'b.'.repeat(40)}c@d.com`,
  'Ünïcödé ann.ü@bü.com ann@xn--bcher-kva.example',
];

describe('matchInAddressRuns', () => {
  it('finds exactly what the pattern finds in the whole text', () => {
    for (const pattern of PATTERNS) {
      for (const text of TEXTS) {
        expect(matchInAddressRuns(text, pattern), `${pattern} on ${JSON.stringify(text)}`).toEqual(
          text.match(pattern) ?? [],
        );
      }
    }
  });

  it('cuts runs only at whitespace, each holding its @ once', () => {
    expect(addressRuns('a b@c d e@f@g\th@i')).toEqual(['b@c', 'e@f@g', 'h@i']);
    expect(addressRuns('nothing')).toEqual([]);
  });
});

describe('addressesOf', () => {
  it('names the addresses of the headers, the subject and the body, lower-cased', async () => {
    const mail = await parseStage(
      Buffer.from(
        'From: Ann <ann@buyer.com>\r\nTo: sales@we.com\r\nSubject: from Bob@Buyer.com\r\n\r\nPlease copy carl@buyer.com,\r\nthanks\r\n',
      ),
    );
    expect(addressesOf(mail, 'Lead@Buyer.com').sort()).toEqual(
      ['ann@buyer.com', 'bob@buyer.com', 'carl@buyer.com', 'lead@buyer.com', 'sales@we.com'].sort(),
    );
  });
});
