/**
 * The mailboxes the backfill benches sync, by kind (BENCH_MAIL in ingest-backfill.ts):
 *
 * - short: the generated inquiries of the tests, a few hundred bytes each;
 * - unique: the same, each with a word of its own, so that language detection reads a
 *   different text for each, as with real mail (see withOwnWord);
 * - 5kb: a 5 KB export inquiry, one buyer per message;
 * - attachments: a short inquiry with a 300 KB attachment of random bytes, like the drawings
 *   and catalogues buyers send (2,000 of them are 800 MB);
 * - corpus: real third-party mail, every whole message in ../shared/corpora (about 1,000:
 *   bounces for the most part, then letters in a dozen languages and charsets, replies and
 *   MIME edge cases), repeated until there are n, each copy with a Message-ID of its own.
 *
 * Imported only by the benches' coordinating process, never by a measured one.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fiveKbMail } from '../tests/fixtures/understand/five-kb-mail.ts';
import { CORPORA_ROOT } from '../tests/helpers/corpus.ts';
import { makeMessage } from '../tests/helpers/mailhost/index.ts';
import { inquiryMessage, withOwnWord } from '../tests/helpers/messages.ts';

export const MAIL_KINDS = ['short', 'unique', '5kb', 'attachments', 'corpus'] as const;

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

/** Header names that only a whole message starts with (the corpora also hold bare bodies). */
const MESSAGE_HEADER = /^(?:from|date|subject|to|received|return-path|message-id|mime-version):/im;
const MESSAGE_ID_FIELD = /^message-id:.*(?:\r?\n[ \t].*)*\r?\n/gim;

/** The corpora's files that are whole messages: header fields, a blank line, a body. */
function corpusMessages(): Buffer[] {
  if (!existsSync(CORPORA_ROOT)) throw new Error(`BENCH_MAIL=corpus needs the corpora at ${CORPORA_ROOT}`);
  const files = (readdirSync(CORPORA_ROOT, { recursive: true }) as string[])
    .filter((name) => /\.(?:eml|msg|txt)$/.test(name))
    .sort();
  return files.flatMap((name) => {
    const raw = readFileSync(join(CORPORA_ROOT, name));
    const head = raw.subarray(0, 4096).toString('latin1');
    const end = head.search(/\r?\n\r?\n/);
    return /^[!-9;-~]+:/.test(head) && end > 0 && MESSAGE_HEADER.test(head.slice(0, end + 1)) ? [raw] : [];
  });
}

/**
 * Copy i of a corpus message, its own Message-ID in place of the original's: the store keeps one
 * message per Message-ID, and a repeat would be recorded as a duplicate instead of understood.
 */
function corpusCopy(raw: Buffer, i: number): Buffer {
  const text = raw.toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  const header = text.slice(0, end + 1).replace(MESSAGE_ID_FIELD, '');
  return Buffer.concat([
    Buffer.from(`Message-ID: <corpus-${i}@bench.invalid>\r\n${header}`, 'latin1'),
    raw.subarray(end + 1),
  ]);
}

/** `n` raw messages of one kind. */
export function benchMails(kind: string, n: number): (string | Buffer)[] {
  if (kind === 'corpus') {
    const messages = corpusMessages();
    return Array.from({ length: n }, (_, i) => corpusCopy(messages[i % messages.length]!, i));
  }
  const one: Record<Exclude<(typeof MAIL_KINDS)[number], 'corpus'>, (i: number) => string> = {
    short: inquiryMessage,
    unique: (i) => withOwnWord(inquiryMessage(i), i),
    '5kb': fiveKbInquiry,
    attachments: inquiryWithDrawings,
  };
  const make = one[kind as keyof typeof one];
  if (!make) throw new Error(`unknown mail kind ${kind}: one of ${MAIL_KINDS.join(', ')}`);
  return Array.from({ length: n }, (_, i) => make(i));
}
