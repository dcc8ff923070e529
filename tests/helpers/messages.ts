/** Generated buyer mail for sync tests: distinct, realistic enough to classify, numbered. */
import { makeMessage } from './mailhost/index.ts';

const COUNTRIES = ['de', 'us', 'ae', 'br', 'au', 'gb', 'fr', 'es'];

export function inquiryMessage(i: number, options: { messageId?: string | null } = {}): string {
  const cc = COUNTRIES[i % COUNTRIES.length]!;
  const raw = makeMessage({
    from: `Buyer ${i} <buyer${i}@importer${i % 50}.${cc === 'us' ? 'com' : cc}>`,
    to: 'sales@brightlux-lighting.com',
    subject: `Inquiry ${i}: LED panel light 600x600`,
    body: `Dear Sir,\n\nWe need ${1000 + i} pcs LED panel light 600x600 40W, CE and RoHS, FOB Ningbo.\nPlease quote your best price.\n\nBest regards,\nBuyer ${i}\nPurchasing Manager`,
    date: new Date(Date.UTC(2026, 0, 1, 0, 0, i)),
    messageId: options.messageId === null ? undefined : (options.messageId ?? `<inq-${i}@importer.test>`),
  });
  if (options.messageId === null) return raw.replace(/^Message-ID:.*\r\n/im, '');
  return raw;
}

/**
 * The raw mail with a word of its own at the top of the body, different for every i. The
 * generated inquiries differ only in numbers, which language detection drops from its sample,
 * so every one of them gives the detector the same text; real mail does not. (A cache in an
 * earlier detector answered all but the first of them; the benches that measured it keep this
 * variant.)
 */
export function withOwnWord(raw: string, i: number): string {
  let word = '';
  for (let n = i + 1; n > 0; n = Math.floor(n / 26)) word += String.fromCharCode(97 + (n % 26));
  return raw.replace('\r\n\r\n', `\r\n\r\nOur reference ${word} kindly\r\n`);
}
