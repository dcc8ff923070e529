/**
 * B2B platform notices (Alibaba.com, Made-in-China.com, Global Sources, DHgate, EC21,
 * TradeKey, IndiaMART). The platform relays the buyer's inquiry in a notice: buyer name,
 * country, product, quantity and message as labelled fields; the buyer's address is often
 * withheld (reply happens on the platform), so email may be null. A notice is recognised
 * only from a sender on the platform's real registrable domain; see domains.ts.
 */
import type { ParsedMail } from '../../ingest/mail.ts';
import { readFormFields } from '../form/fields.ts';
import { type PlatformId, platformOf } from './domains.ts';
import { INQUIRY_NOTICE, PLATFORM_LABELS, SUBJECT_BUYER } from './labels.ts';

export { lookalikePlatform, type PlatformId, platformOf } from './domains.ts';

export interface PlatformInquiry {
  buyerName: string | null;
  buyerEmail: string | null;
  buyerCompany: string | null;
  /** As the notice writes it ("United Arab Emirates"); mapped to ISO2 by the caller. */
  buyerCountry: string | null;
  buyerPhone: string | null;
  product: string | null;
  quantity: string | null;
  message: string | null;
  /** The platform's id for the buyer (member / login id), kept to reply on the platform. */
  buyerId: string | null;
  inquiryId: string | null;
}

export interface PlatformNotice {
  platform: PlatformId;
  /** null for the platform's other notices (account, billing, marketing). */
  inquiry: PlatformInquiry | null;
}

const EMAIL = /^[^\s@<>()]+@[^\s@<>()]+\.[a-z]{2,}$/i;
const HONORIFIC = /^(?:mr|mrs|ms|miss|dr|sr|sra|herr|frau|m|mme|先生|女士)\.?\s+/i;

function cleanName(raw: string | undefined): { name: string | null; country: string | null } {
  if (!raw) return { name: null, country: null };
  let name = raw.trim();
  let country: string | null = null;
  // "Ahmed Al-Rashid (United Arab Emirates)" or "Ahmed Al-Rashid from Kenya".
  const paren = /^(.*?)\s*[(（]([^)）]+)[)）]\s*$/.exec(name);
  if (paren) {
    name = paren[1]!.trim();
    country = paren[2]!.trim();
  }
  name = name
    .replace(HONORIFIC, '')
    .replace(/\s+(?:先生|女士)$/, '')
    .trim();
  return { name: name || null, country };
}

function emailOf(raw: string | undefined): string | null {
  if (!raw) return null;
  const m = /[^\s@<>():;,]+@[^\s@<>():;,]+\.[a-z]{2,}/i.exec(raw);
  return m && EMAIL.test(m[0]) ? m[0].toLowerCase() : null;
}

function nameFromSubject(subject: string): string | null {
  for (const re of SUBJECT_BUYER) {
    const m = re.exec(subject);
    if (m?.[1]) return m[1].trim();
  }
  return null;
}

/** Recognises a platform notice and reads the buyer's inquiry from it, or returns null. */
export function parsePlatformNotice(mail: ParsedMail): PlatformNotice | null {
  const platform = platformOf(mail.from?.address);
  if (!platform) return null;
  const fields = readFormFields(mail, PLATFORM_LABELS);
  const head = `${mail.subject}\n${mail.text.slice(0, 600)}`;
  const isInquiry = INQUIRY_NOTICE.test(head) && Boolean(fields.message || fields.product);
  if (!isInquiry) return { platform, inquiry: null };
  const named = cleanName(fields.name ?? nameFromSubject(mail.subject) ?? undefined);
  return {
    platform,
    inquiry: {
      buyerName: named.name,
      buyerEmail: emailOf(fields.email),
      buyerCompany: fields.company ?? null,
      buyerCountry: fields.country ?? named.country,
      buyerPhone: fields.phone ?? null,
      product: fields.product ?? null,
      quantity: fields.quantity ?? null,
      message: fields.message ?? null,
      buyerId: fields.buyerId ?? null,
      inquiryId: fields.inquiryId ?? null,
    },
  };
}
