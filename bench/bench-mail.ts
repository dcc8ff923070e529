/**
 * The mailboxes the backfill benches sync, by kind (BENCH_MAIL in ingest-backfill.ts):
 *
 * - short: the generated inquiries of the tests, a few hundred bytes each;
 * - unique: the same, each with a word of its own, so that language detection reads a
 *   different text for each, as with real mail (see withOwnWord);
 * - 5kb: a 5 KB export inquiry, one buyer per message;
 * - attachments: a short inquiry with a 300 KB attachment of random bytes, like the drawings
 *   and catalogues buyers send (2,000 of them are 800 MB).
 *
 * Imported only by the benches' coordinating process, never by a measured one.
 */
import { randomBytes } from 'node:crypto';
import { fiveKbMail } from '../tests/fixtures/understand/five-kb-mail.ts';
import { makeMessage } from '../tests/helpers/mailhost/index.ts';
import { inquiryMessage, withOwnWord } from '../tests/helpers/messages.ts';

export const MAIL_KINDS = ['short', 'unique', '5kb', 'attachments'] as const;

/** A short inquiry with a 300 KB attachment of random bytes (incompressible, as a PDF is). */
function inquiryWithDrawings(i: number): string {
  const pdf = randomBytes(300 * 1024)
    .toString('base64')
    .replace(/.{76}/g, '$&\r\n');
  return [
    `From: Buyer ${i} <buyer${i}@lagos-lighting${i % 50}.test>`,
    'To: sales@brightlux-lighting.com',
    `Subject: RFQ ${i}: LED street lights, drawings attached`,
    `Date: ${new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toUTCString()}`,
    `Message-ID: <drawings-${i}@lagos-lighting.test>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="part"',
    '',
    '--part',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Please quote 200 pcs of 150W LED street lights, CIF Lagos. Drawings attached.',
    '--part',
    'Content-Type: application/pdf; name="drawings.pdf"',
    'Content-Transfer-Encoding: base64',
    'Content-Disposition: attachment; filename="drawings.pdf"',
    '',
    pdf,
    '--part--',
    '',
  ].join('\r\n');
}

/** A 5 KB export inquiry (the understand-extract bench's mail), one buyer per message. */
function fiveKbInquiry(i: number): string {
  return makeMessage({
    from: `James ${i} <james${i}@nairobilighting${i % 50}.co.ke>`,
    to: 'sales@brightlux-lighting.com',
    subject: `Inquiry ${i}: LED panel lights for Kenya`,
    body: fiveKbMail(),
    date: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
    messageId: `<five-kb-${i}@nairobilighting.test>`,
  });
}

/** `n` raw messages of one kind. */
export function benchMails(kind: string, n: number): string[] {
  const one: Record<(typeof MAIL_KINDS)[number], (i: number) => string> = {
    short: inquiryMessage,
    unique: (i) => withOwnWord(inquiryMessage(i), i),
    '5kb': fiveKbInquiry,
    attachments: inquiryWithDrawings,
  };
  const make = one[kind as keyof typeof one];
  if (!make) throw new Error(`unknown mail kind ${kind}: one of ${MAIL_KINDS.join(', ')}`);
  return Array.from({ length: n }, (_, i) => make(i));
}
